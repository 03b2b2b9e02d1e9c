// Fixtures: no real REST bodies for these endpoints exist in Fixtures/real/, so the bodies
// below are the official documentation examples, verbatim (Binance/Bybit/OKX API docs
// example); Fixtures/real/misc-2026.jsonl supplies the real Binance markPriceUpdate frame.
import Testing
import LiqsimCore
import LiqsimExchanges

@Suite struct ExchangesRESTTests {
    typealias K = ExchangeTestKit

    // Binance API docs example (GET /fapi/v1/openInterest).
    static let binanceOI = #"{"openInterest":"10659.509","symbol":"BTCUSDT","time":1589437530011}"#
    static let binanceOIURL = "https://fapi.binance.com/fapi/v1/openInterest?symbol=BTCUSDT"
    // Binance API docs example (GET /futures/data/globalLongShortAccountRatio).
    static let binanceRatio = #"[{"symbol":"BTCUSDT","longShortRatio":"0.1960","longAccount":"0.6622","shortAccount":"0.3378","timestamp":"1583139600000"}]"#
    static let binanceRatioURL = "https://fapi.binance.com/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT&period=5m&limit=30"
    // Bybit API docs example (GET /v5/market/account-ratio).
    static let bybitRatio = #"{"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"BTCUSDT","buyRatio":"0.5777","sellRatio":"0.4223","timestamp":"1695772800000"}],"nextPageCursor":""},"time":1695772821145}"#
    static let bybitRatioURL = "https://api.bybit.com/v5/market/account-ratio?category=linear&symbol=BTCUSDT&period=5min&limit=50"
    // OKX API docs example (GET /api/v5/rubik/stat/contracts/long-short-account-ratio).
    static let okxRatio = #"{"code":"0","data":[["1701417600000","1.1739"]],"msg":""}"#
    static let okxRatioURL = "https://www.okx.com/api/v5/rubik/stat/contracts/long-short-account-ratio?ccy=BTC&period=5m"

    // MARK: Binance openInterest

    /// Without a mark price seen on the stream, oi_usd is null.
    @Test func binanceOpenInterestWithoutMark() throws {
        var h = NormalizerHarness()
        let ois = K.openInterests(h.decode(rest: Self.binanceOI, url: Self.binanceOIURL, stream: .binanceUSDM, recv: 7))
        try #require(ois.count == 1)
        let o = ois[0]
        #expect(o.stream == .binanceUSDM)
        #expect(o.symbol.description == "BTCUSDT")
        #expect(o.rawSymbol.description == "BTCUSDT")
        #expect(o.oi.description == "10659.509")
        #expect(o.oiUSDCents == nil)
        #expect(o.ts.rawValue == 1_589_437_530_011_000_000)
        #expect(o.recv.rawValue == 7)
    }

    /// After the real BTCUSDT markPriceUpdate (mark 64991.37858696), oi_usd = 10659.509 ×
    /// 64991.37858696 = 692776184.97010740264 → 692776184.97.
    @Test func binanceOpenInterestValuedAtLastMark() throws {
        var h = NormalizerHarness()
        _ = h.decode(try Fixtures.line("misc-2026.jsonl", containing: "markPriceUpdate"))
        let ois = K.openInterests(h.decode(rest: Self.binanceOI, url: Self.binanceOIURL, stream: .binanceUSDM))
        try #require(ois.count == 1)
        #expect(ois[0].oiUSDCents == 69_277_618_497)
    }

    // MARK: Binance globalLongShortAccountRatio

    @Test func binanceLongShortRatio() throws {
        var h = NormalizerHarness()
        let rows = K.ratios(h.decode(rest: Self.binanceRatio, url: Self.binanceRatioURL, stream: .binanceUSDM, recv: 9))
        try #require(rows.count == 1)
        let r = rows[0]
        #expect(r.stream == .binanceUSDM)
        #expect(r.symbol.description == "BTCUSDT")
        #expect(r.longPct.description == "66.22")    // longAccount 0.6622 × 100
        #expect(r.ratio.description == "0.1960")     // longShortRatio, exactly as sent
        #expect(r.ts.rawValue == 1_583_139_600_000_000_000)
        #expect(r.recv.rawValue == 9)
    }

    /// Overlapping polls: the same period again yields nothing; only a newer period is
    /// emitted. (The second body is derived from the docs example: one more row 5 minutes later.)
    @Test func binanceOverlappingPollsEmitOnlyNewerTimestamps() throws {
        var h = NormalizerHarness()
        #expect(K.ratios(h.decode(rest: Self.binanceRatio, url: Self.binanceRatioURL, stream: .binanceUSDM)).count == 1)
        #expect(h.decode(rest: Self.binanceRatio, url: Self.binanceRatioURL, stream: .binanceUSDM).isEmpty)
        let newer = #"{"symbol":"BTCUSDT","longShortRatio":"0.1961","longAccount":"0.6623","shortAccount":"0.3377","timestamp":"1583139900000"}"#
        let overlapping = "[" + String(Self.binanceRatio.dropFirst().dropLast()) + "," + newer + "]"
        let rows = K.ratios(h.decode(rest: overlapping, url: Self.binanceRatioURL, stream: .binanceUSDM))
        try #require(rows.count == 1)
        #expect(rows[0].ts.rawValue == 1_583_139_900_000_000_000)
        #expect(rows[0].longPct.description == "66.23")
        #expect(h.diagnostics(.binanceUSDM).events[EventKind.longShortRatio.rawValue] == 2)
    }

    @Test func binanceUnknownRESTEndpoint() throws {
        var h = NormalizerHarness()
        #expect(h.decode(rest: Self.binanceOI, url: "https://fapi.binance.com/fapi/v1/somethingElse", stream: .binanceUSDM).isEmpty)
        #expect(h.diagnostics(.binanceUSDM).unknownChannel == 1)
    }

    // MARK: Bybit account-ratio

    /// long_pct = buyRatio × 100 = 57.77; ratio = 0.5777 / 0.4223 = 1.36798… → 1.3680.
    @Test func bybitAccountRatio() throws {
        var h = NormalizerHarness()
        let rows = K.ratios(h.decode(rest: Self.bybitRatio, url: Self.bybitRatioURL, stream: .bybitLinear, recv: 11))
        try #require(rows.count == 1)
        let r = rows[0]
        #expect(r.stream == .bybitLinear)
        #expect(r.symbol.description == "BTCUSDT")
        #expect(r.longPct.description == "57.77")
        #expect(r.ratio.description == "1.3680")
        #expect(r.ts.rawValue == 1_695_772_800_000_000_000)
        // A second identical poll emits nothing.
        #expect(h.decode(rest: Self.bybitRatio, url: Self.bybitRatioURL, stream: .bybitLinear).isEmpty)
    }

    // MARK: OKX long-short-account-ratio

    /// Symbol from the URL (ccy=BTC → BTCUSDT); ratio as sent; long_pct = r / (1 + r) × 100
    /// = 1.1739 / 2.1739 × 100 = 53.99972… → 54.00.
    @Test func okxLongShortAccountRatio() throws {
        var h = NormalizerHarness()
        let rows = K.ratios(h.decode(rest: Self.okxRatio, url: Self.okxRatioURL, stream: .okxSwap, recv: 13))
        try #require(rows.count == 1)
        let r = rows[0]
        #expect(r.stream == .okxSwap)
        #expect(r.symbol.description == "BTCUSDT")
        #expect(r.ratio.description == "1.1739")
        #expect(r.longPct.description == "54.00")
        #expect(r.ts.rawValue == 1_701_417_600_000_000_000)
        #expect(h.decode(rest: Self.okxRatio, url: Self.okxRatioURL, stream: .okxSwap).isEmpty)
    }

    /// OKX v5 docs example with two rows, newest first: both emitted, oldest first
    /// (1.1697 / 2.1697 × 100 = 53.9107… → 53.91).
    @Test func okxRatioRowsNewestFirstAreEmittedOldestFirst() throws {
        let body = #"{"code":"0","data":[["1701417600000","1.1739"],["1701417300000","1.1697"]],"msg":""}"#
        var h = NormalizerHarness()
        let rows = K.ratios(h.decode(rest: body, url: Self.okxRatioURL, stream: .okxSwap))
        #expect(rows.map(\.ts.rawValue) == [1_701_417_300_000_000_000, 1_701_417_600_000_000_000])
        #expect(rows.map(\.longPct.description) == ["53.91", "54.00"])
    }

    @Test func okxRESTErrorCodeIsMalformed() throws {
        // Derived from the docs example shape with a non-zero code.
        var h = NormalizerHarness()
        #expect(h.decode(rest: #"{"code":"50011","data":[],"msg":"Too Many Requests"}"#, url: Self.okxRatioURL, stream: .okxSwap).isEmpty)
        #expect(h.diagnostics(.okxSwap).malformed == 1)
    }
}
