// Fixtures: Fixtures/real/liquidations-2026.jsonl, Fixtures/real/misc-2026.jsonl,
// Fixtures/real/bybit-linear-20260809-a-excerpt.jsonl, Fixtures/real/okx-swap-20220227-excerpt.jsonl
// (real frames); long/short ratio bodies are the Binance/Bybit/OKX API docs examples, verbatim.
import Testing
import LiqsimCore
import LiqsimExchanges

/// The exact `--format jsonl` line of at least one event of every type (field order:
/// type, recv_ns, ts_ns, exchange, symbol, type-specific fields, raw_symbol).
@Suite struct ExchangesJSONLineTests {
    func single(_ events: [MarketEvent]) throws -> String {
        try #require(events.count == 1)
        return events[0].jsonLine
    }

    @Test func liquidationBinance() throws {
        var h = NormalizerHarness()
        let line = try single(h.decode(try Fixtures.line("liquidations-2026.jsonl", containing: "STGUSDT")))
        #expect(line == #"{"type":"liquidation","recv_ns":1786172557615000000,"ts_ns":1786172556607000000,"exchange":"binance-usdm","symbol":"STGUSDT","side":"long","price":"0.1355000","qty":"5","usd":0.68,"raw_symbol":"STGUSDT"}"#)
    }

    @Test func liquidationBinanceShort() throws {
        var h = NormalizerHarness()
        let line = try single(h.decode(try Fixtures.line("liquidations-2026.jsonl", containing: "XRPUSDT")))
        #expect(line == #"{"type":"liquidation","recv_ns":1791435250143000000,"ts_ns":1791435249136000000,"exchange":"binance-usdm","symbol":"XRPUSDT","side":"short","price":"1.4043","qty":"15.4","usd":21.63,"raw_symbol":"XRPUSDT"}"#)
    }

    @Test func liquidationBybit() throws {
        var h = NormalizerHarness()
        let line = try single(h.decode(try Fixtures.line("liquidations-2026.jsonl", containing: "STRKUSDT")))
        #expect(line == #"{"type":"liquidation","recv_ns":1791091285551000000,"ts_ns":1791091285156000000,"exchange":"bybit-linear","symbol":"STRKUSDT","side":"long","price":"0.05165","qty":"2084.9","usd":107.69,"raw_symbol":"STRKUSDT"}"#)
    }

    @Test func liquidationOKXAfterInstruments() throws {
        var h = NormalizerHarness()
        _ = h.decode(try #require(Fixtures.lines("okx-swap-20220227-excerpt.jsonl").first { $0.body != nil }))
        let line = try single(h.decode(try Fixtures.line("liquidations-2026.jsonl", containing: "CELO-USDT-SWAP")))
        #expect(line == #"{"type":"liquidation","recv_ns":1791565462608000000,"ts_ns":1791565462608000000,"exchange":"okx-swap","symbol":"CELOUSDT","side":"short","price":"0.09583","qty":"19979","usd":1914.59,"raw_symbol":"CELO-USDT-SWAP"}"#)
    }

    @Test func tradeBinance() throws {
        var h = NormalizerHarness()
        let line = try single(h.decode(try Fixtures.line("misc-2026.jsonl", containing: "3404749954")))
        #expect(line == #"{"type":"trade","recv_ns":1786171884624000000,"ts_ns":1786171884471000000,"exchange":"binance-usdm","symbol":"BTCUSDT","side":"sell","price":"64990.90","qty":"0.002","raw_symbol":"BTCUSDT"}"#)
    }

    @Test func tradeOKXInverse() throws {
        var h = NormalizerHarness()
        var events: [MarketEvent] = []
        for l in try Fixtures.lines("okx-swap-20220227-excerpt.jsonl") { events += h.decode(l).filter { $0.kind == .trade } }
        try #require(events.count == 2)
        #expect(events[0].jsonLine == #"{"type":"trade","recv_ns":1646003667645645056,"ts_ns":1646003655550000000,"exchange":"okx-swap","symbol":"UNIUSD","side":"buy","price":"9.615","qty":"1.04004160","raw_symbol":"UNI-USD-SWAP"}"#)
    }

    @Test func markBinance() throws {
        var h = NormalizerHarness()
        let line = try single(h.decode(try Fixtures.line("misc-2026.jsonl", containing: "markPriceUpdate")))
        #expect(line == #"{"type":"mark","recv_ns":1786171884000000000,"ts_ns":1786171884000000000,"exchange":"binance-usdm","symbol":"BTCUSDT","mark":"64991.37858696","funding_rate":"0.00003936","next_funding_ns":1786176000000000000,"raw_symbol":"BTCUSDT"}"#)
    }

    @Test func markOKXMarkOnlyAndFundingOnly() throws {
        var h = NormalizerHarness()
        let mark = try single(h.decode(try Fixtures.line("misc-2026.jsonl", containing: "\"channel\":\"mark-price\"")))
        #expect(mark == #"{"type":"mark","recv_ns":1790358817778000000,"ts_ns":1790358817778000000,"exchange":"okx-swap","symbol":"BTCUSDT","mark":"83679.8","funding_rate":null,"next_funding_ns":null,"raw_symbol":"BTC-USDT-SWAP"}"#)
        let funding = try single(h.decode(try Fixtures.line("misc-2026.jsonl", containing: "\"channel\":\"funding-rate\"")))
        #expect(funding == #"{"type":"mark","recv_ns":1790358563915000000,"ts_ns":1790358563915000000,"exchange":"okx-swap","symbol":"BTCUSDT","mark":null,"funding_rate":"0.0000263463215391","next_funding_ns":1790380800000000000,"raw_symbol":"BTC-USDT-SWAP"}"#)
    }

    @Test func markAndOpenInterestBybitSnapshot() throws {
        var h = NormalizerHarness()
        let events = h.decode(try Fixtures.lines("bybit-linear-20260809-a-excerpt.jsonl")[0])
        try #require(events.count == 2)
        #expect(events[0].jsonLine == #"{"type":"mark","recv_ns":1786310819526356992,"ts_ns":1786310817583000000,"exchange":"bybit-linear","symbol":"BTCUSDT","mark":"65117.44","funding_rate":"0.0001","next_funding_ns":1786320000000000000,"raw_symbol":"BTCUSDT"}"#)
        #expect(events[1].jsonLine == #"{"type":"open_interest","recv_ns":1786310819526356992,"ts_ns":1786310817583000000,"exchange":"bybit-linear","symbol":"BTCUSDT","oi":"59891.732","oi_usd":3899996265.01,"raw_symbol":"BTCUSDT"}"#)
    }

    @Test func openInterestOKX() throws {
        var h = NormalizerHarness()
        let line = try single(h.decode(try Fixtures.line("misc-2026.jsonl", containing: "\"channel\":\"open-interest\"")))
        #expect(line == #"{"type":"open_interest","recv_ns":1790165111452000000,"ts_ns":1790165111452000000,"exchange":"okx-swap","symbol":"ETHUSDT","oi":"638584.898","oi_usd":1737793854.62,"raw_symbol":"ETH-USDT-SWAP"}"#)
    }

    /// Binance API docs example (GET /fapi/v1/openInterest), no mark price seen: oi_usd null.
    @Test func openInterestBinanceNullUSD() throws {
        var h = NormalizerHarness()
        let line = try single(h.decode(rest: #"{"openInterest":"10659.509","symbol":"BTCUSDT","time":1589437530011}"#,
                                       url: "https://fapi.binance.com/fapi/v1/openInterest?symbol=BTCUSDT", stream: .binanceUSDM, recv: 1589437530500000000))
        #expect(line == #"{"type":"open_interest","recv_ns":1589437530500000000,"ts_ns":1589437530011000000,"exchange":"binance-usdm","symbol":"BTCUSDT","oi":"10659.509","oi_usd":null,"raw_symbol":"BTCUSDT"}"#)
    }

    /// Binance/Bybit/OKX API docs examples.
    @Test func longShortRatioAllExchanges() throws {
        var h = NormalizerHarness()
        let binance = try single(h.decode(rest: #"[{"symbol":"BTCUSDT","longShortRatio":"0.1960","longAccount":"0.6622","shortAccount":"0.3378","timestamp":"1583139600000"}]"#,
                                          url: "https://fapi.binance.com/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT&period=5m", stream: .binanceUSDM, recv: 1583139601000000000))
        #expect(binance == #"{"type":"long_short_ratio","recv_ns":1583139601000000000,"ts_ns":1583139600000000000,"exchange":"binance-usdm","symbol":"BTCUSDT","long_pct":66.22,"ratio":0.1960}"#)
        let bybit = try single(h.decode(rest: #"{"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"BTCUSDT","buyRatio":"0.5777","sellRatio":"0.4223","timestamp":"1695772800000"}],"nextPageCursor":""},"time":1695772821145}"#,
                                        url: "https://api.bybit.com/v5/market/account-ratio?category=linear&symbol=BTCUSDT&period=5min", stream: .bybitLinear, recv: 1695772821145000000))
        #expect(bybit == #"{"type":"long_short_ratio","recv_ns":1695772821145000000,"ts_ns":1695772800000000000,"exchange":"bybit-linear","symbol":"BTCUSDT","long_pct":57.77,"ratio":1.3680}"#)
        let okx = try single(h.decode(rest: #"{"code":"0","data":[["1701417600000","1.1739"]],"msg":""}"#,
                                      url: "https://www.okx.com/api/v5/rubik/stat/contracts/long-short-account-ratio?ccy=BTC&period=5m", stream: .okxSwap, recv: 1701417601000000000))
        #expect(okx == #"{"type":"long_short_ratio","recv_ns":1701417601000000000,"ts_ns":1701417600000000000,"exchange":"okx-swap","symbol":"BTCUSDT","long_pct":54.00,"ratio":1.1739}"#)
    }

    @Test func instrumentOKX() throws {
        var h = NormalizerHarness()
        let events = h.decode(try #require(Fixtures.lines("okx-swap-20220227-excerpt.jsonl").first { $0.body != nil }))
        let celo = try #require(events.first { $0.jsonLine.contains("\"raw_symbol\":\"CELO-USDT-SWAP\"") })
        #expect(celo.jsonLine == #"{"type":"instrument","recv_ns":1646003665164665088,"exchange":"okx-swap","symbol":"CELOUSDT","contract":"linear","contract_value":"1","raw_symbol":"CELO-USDT-SWAP"}"#)
        #expect(events.first?.jsonLine == #"{"type":"instrument","recv_ns":1646003665164665088,"exchange":"okx-swap","symbol":"BTCUSD","contract":"inverse","contract_value":"100","raw_symbol":"BTC-USD-SWAP"}"#)
    }
}
