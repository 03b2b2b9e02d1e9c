// Fixtures: Fixtures/real/liquidations-2026.jsonl, Fixtures/real/misc-2026.jsonl,
// Fixtures/real/binance-usdm-20210417-excerpt.jsonl (real frames; see PROVENANCE.md).
import Testing
import LiqsimCore
import LiqsimExchanges

@Suite struct ExchangesBinanceTests {
    typealias K = ExchangeTestKit

    // MARK: forceOrder — o.S is the ORDER side: SELL ⇒ LONG liquidated, BUY ⇒ SHORT.

    /// Combined envelope `{"stream":"stgusdt@forceOrder","data":{…}}`.
    @Test func forceOrderCombinedStreamSellIsLong() throws {
        var h = NormalizerHarness()
        let line = try Fixtures.line("liquidations-2026.jsonl", containing: "STGUSDT")
        let events = h.decode(line)
        let liqs = K.liquidations(events)
        #expect(events.count == 1)
        try #require(liqs.count == 1)
        let l = liqs[0]
        #expect(l.stream == .binanceUSDM)
        #expect(l.symbol.description == "STGUSDT")
        #expect(l.rawSymbol.description == "STGUSDT")
        #expect(l.side == .long)
        #expect(l.price.description == "0.1355000")   // o.ap (average price), not o.p "0.1336000"
        #expect(l.qty.description == "5")             // o.z
        #expect(l.usdCents == 68)                     // 5 × 0.1355 = 0.6775 → 0.68
        #expect(l.ts.rawValue == 1_786_172_556_607_000_000)   // o.T, not E
        #expect(l.recv.rawValue == 1_786_172_557_615_000_000)
        let d = h.diagnostics(.binanceUSDM)
        #expect(d.frames == 1)
        #expect(d.malformed == 0 && d.unknownChannel == 0)
        #expect(d.events[EventKind.liquidation.rawValue] == 1)
    }

    /// Bare event envelope `{"e":"forceOrder",…}`.
    @Test func forceOrderBareEventMANTA() throws {
        var h = NormalizerHarness()
        let liqs = K.liquidations(h.decode(try Fixtures.line("liquidations-2026.jsonl", containing: "MANTAUSDT")))
        try #require(liqs.count == 1)
        let l = liqs[0]
        #expect(l.symbol.description == "MANTAUSDT")
        #expect(l.side == .long)
        #expect(l.price.description == "0.0722187")
        #expect(l.qty.description == "2049.1")
        #expect(l.usdCents == 14798)                  // 2049.1 × 0.0722187 = 147.98333817 → 147.98
        #expect(l.ts.rawValue == 1_791_091_026_103_000_000)
    }

    /// The all-market stream `!forceOrder@arr` (combined envelope with a data object).
    @Test func forceOrderAllMarketStreamILV() throws {
        var h = NormalizerHarness()
        let liqs = K.liquidations(h.decode(try Fixtures.line("liquidations-2026.jsonl", containing: "!forceOrder@arr")))
        try #require(liqs.count == 1)
        let l = liqs[0]
        #expect(l.symbol.description == "ILVUSDT")
        #expect(l.side == .long)
        #expect(l.price.description == "3.85642")
        #expect(l.qty.description == "116.5")
        #expect(l.usdCents == 44927)                  // 116.5 × 3.85642 = 449.27293 → 449.27
        #expect(l.ts.rawValue == 1_791_391_082_119_000_000)
    }

    /// `S = BUY`: the liquidation order buys back, so a SHORT was liquidated.
    @Test func forceOrderBuyIsShortXRP() throws {
        var h = NormalizerHarness()
        let liqs = K.liquidations(h.decode(try Fixtures.line("liquidations-2026.jsonl", containing: "XRPUSDT")))
        try #require(liqs.count == 1)
        let l = liqs[0]
        #expect(l.symbol.description == "XRPUSDT")
        #expect(l.side == .short)
        #expect(l.price.description == "1.4043")
        #expect(l.qty.description == "15.4")
        #expect(l.usdCents == 2163)                   // 15.4 × 1.4043 = 21.62622 → 21.63
        #expect(l.ts.rawValue == 1_791_435_249_136_000_000)
    }

    /// All four Binance liquidations of the file, fed in order to one normalizer.
    @Test func allBinanceLiquidationsInFile() throws {
        var h = NormalizerHarness()
        var liqs: [Liquidation] = []
        for line in try Fixtures.lines("liquidations-2026.jsonl") where line.stream == .binanceUSDM {
            liqs += K.liquidations(h.decode(line))
        }
        #expect(liqs.map(\.symbol.description) == ["STGUSDT", "MANTAUSDT", "ILVUSDT", "XRPUSDT"])
        #expect(liqs.map(\.side) == [.long, .long, .long, .short])
        #expect(liqs.map(\.usdCents) == [68, 14798, 44927, 2163])
        #expect(h.diagnostics(.binanceUSDM).frames == 4)
        #expect(h.diagnostics(.binanceUSDM).events[EventKind.liquidation.rawValue] == 4)
    }

    /// `data` as an array of events (derived from the real shape: the real STG and ILV
    /// `data` objects put into one array).
    @Test func combinedEnvelopeWithDataArray() throws {
        let stg = try Fixtures.line("liquidations-2026.jsonl", containing: "STGUSDT").frame!
        let ilv = try Fixtures.line("liquidations-2026.jsonl", containing: "ILVUSDT").frame!
        func dataObject(_ f: String) -> Substring {
            let start = f.range(of: "\"data\":")!.upperBound
            return f[start..<f.index(before: f.endIndex)]
        }
        let frame = "{\"stream\":\"!forceOrder@arr\",\"data\":[\(dataObject(stg)),\(dataObject(ilv))]}"
        var h = NormalizerHarness()
        let liqs = K.liquidations(h.decode(frame: frame, stream: .binanceUSDM))
        #expect(liqs.map(\.symbol.description) == ["STGUSDT", "ILVUSDT"])
        #expect(liqs.map(\.usdCents) == [68, 44927])
        #expect(h.diagnostics(.binanceUSDM).malformed == 0)
    }

    // MARK: aggTrade — m = true ⇒ buyer is maker ⇒ taker SELL.

    @Test func aggTradeBuyerMakerIsTakerSell() throws {
        var h = NormalizerHarness()
        let line = try Fixtures.line("misc-2026.jsonl", containing: "3404749954")
        let trades = K.trades(h.decode(line))
        try #require(trades.count == 1)
        let t = trades[0]
        #expect(t.stream == .binanceUSDM)
        #expect(t.symbol.description == "BTCUSDT")
        #expect(t.rawSymbol.description == "BTCUSDT")
        #expect(t.side == .sell)
        #expect(t.price.description == "64990.90")    // trailing zero kept
        #expect(t.qty.description == "0.002")
        #expect(t.ts.rawValue == 1_786_171_884_471_000_000)  // T (trade time), not E
        #expect(t.recv.rawValue == 1_786_171_884_624_000_000)
    }

    @Test func aggTradeSecondMiscFrame() throws {
        var h = NormalizerHarness()
        let trades = K.trades(h.decode(try Fixtures.line("misc-2026.jsonl", containing: "83434.40")))
        try #require(trades.count == 1)
        #expect(trades[0].side == .sell)
        #expect(trades[0].price.description == "83434.40")
        #expect(trades[0].qty.description == "0.016")
        #expect(trades[0].ts.rawValue == 1_791_391_081_874_000_000)
    }

    /// 2021 frame without `nq`/`st`, `m = false` ⇒ taker BUY.
    @Test func aggTrade2021MakerFalseIsTakerBuy() throws {
        var h = NormalizerHarness()
        let trades = K.trades(h.decode(try Fixtures.line("binance-usdm-20210417-excerpt.jsonl", containing: "52599685")))
        try #require(trades.count == 1)
        let t = trades[0]
        #expect(t.symbol.description == "YFIUSDT")
        #expect(t.side == .buy)
        #expect(t.price.description == "49966.7")
        #expect(t.qty.description == "0.001")
        #expect(t.ts.rawValue == 1_618_677_448_084_000_000)
        #expect(t.recv.rawValue == 1_618_677_448_833_438_976)
    }

    // MARK: markPriceUpdate

    @Test func markPriceUpdate() throws {
        var h = NormalizerHarness()
        let marks = K.marks(h.decode(try Fixtures.line("misc-2026.jsonl", containing: "markPriceUpdate")))
        try #require(marks.count == 1)
        let m = marks[0]
        #expect(m.symbol.description == "BTCUSDT")
        #expect(m.mark?.description == "64991.37858696")   // p, not P (estimated settle) or i (index)
        #expect(m.fundingRate?.description == "0.00003936")
        #expect(m.nextFunding?.rawValue == 1_786_176_000_000_000_000)
        #expect(m.ts.rawValue == 1_786_171_884_000_000_000)
    }

    /// The stream name decides before the data is read: an aggTrade under a depth, book
    /// ticker, kline, ticker, mini-ticker or continuous-kline stream is ignored (fast and
    /// general path alike); under any other name, or a name without `@`, it is decoded.
    @Test func ignoredStreamsAreRecognisedByName() {
        let data = #"{"e":"aggTrade","E":1786171884624,"a":3404749954,"s":"BTCUSDT","p":"64990.90","q":"0.002","nq":"0.002","f":7960913511,"l":7960913511,"T":1786171884471,"m":true,"st":1}"#
        let ignored = ["btcusdt@depth@100ms", "btcusdt@depth20", "btcusdt@bookTicker", "btcusdt@kline_1m", "btcusdt@ticker",
                       "btcusdt@miniTicker", "btcusdt_perpetual@continuousKline_1m"]
        let decoded = ["btcusdt@aggTrade", "btcusdt@markPrice@1s", "btcusdt@forceOrder", "btcusdt@", "btcusdt", "@", "btcusdt@d",
                       "btcusdt@bookticker", "btcusdt@kIine_1m", "miniTicker@arr"]
        for name in ignored + decoded {
            for fast in [true, false] {
                var adapter = BinanceAdapter()
                adapter.fastPath = fast
                var events: [MarketEvent] = [], d = StreamDiagnostics()
                let frame = Array((#"{"stream":""# + name + #"","data":"# + data + "}").utf8)
                frame.withUnsafeBytes { raw in
                    adapter.decode(ExchangeInput(kind: .frame, recv: UnixNanos(0), payload: raw), into: &events, diagnostics: &d)
                }
                let isIgnored = ignored.contains(name)
                #expect(K.trades(events).count == (isIgnored ? 0 : 1) && d.ignored == (isIgnored ? 1 : 0) && d.malformed == 0, "\(name) fast \(fast)")
            }
        }
    }

    // MARK: Whole 2021 excerpt

    /// Every aggTrade becomes one trade (95 taker buys, 90 taker sells); bookTicker,
    /// depthUpdate and kline frames are ignored, never malformed or unknown.
    @Test func whole2021ExcerptCounts() throws {
        var h = NormalizerHarness()
        var trades: [Trade] = []
        for line in try Fixtures.lines("binance-usdm-20210417-excerpt.jsonl") { trades += K.trades(h.decode(line)) }
        #expect(trades.count == 185)
        #expect(trades.filter { $0.side == .buy }.count == 95)
        #expect(trades.filter { $0.side == .sell }.count == 90)
        let d = h.diagnostics(.binanceUSDM)
        #expect(d.frames == 230)
        #expect(d.ignored == 45)
        #expect(d.malformed == 0)
        #expect(d.unknownChannel == 0)
        #expect(d.eventTotal == 185)
    }
}
