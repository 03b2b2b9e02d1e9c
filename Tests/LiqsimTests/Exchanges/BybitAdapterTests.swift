// Fixtures: Fixtures/real/liquidations-2026.jsonl, Fixtures/real/misc-2026.jsonl,
// Fixtures/real/bybit-linear-20260809-a-excerpt.jsonl (real frames; see PROVENANCE.md).
import Testing
import LiqsimCore
import LiqsimExchanges

@Suite struct ExchangesBybitTests {
    typealias K = ExchangeTestKit
    static let excerpt = "bybit-linear-20260809-a-excerpt.jsonl"

    // MARK: allLiquidation — S is the POSITION side: Buy ⇒ LONG liquidated.

    @Test func allLiquidationBuyIsLongICP() throws {
        var h = NormalizerHarness()
        let liqs = K.liquidations(h.decode(try Fixtures.line("liquidations-2026.jsonl", containing: "ICPUSDT")))
        try #require(liqs.count == 1)
        let l = liqs[0]
        #expect(l.stream == .bybitLinear)
        #expect(l.symbol.description == "ICPUSDT")
        #expect(l.rawSymbol.description == "ICPUSDT")
        #expect(l.side == .long)
        #expect(l.price.description == "2.585")
        #expect(l.qty.description == "19.7")
        #expect(l.usdCents == 5092)                   // 19.7 × 2.585 = 50.9245 → 50.92
        #expect(l.ts.rawValue == 1_789_670_094_099_000_000)   // element T, not the frame ts
        #expect(l.recv.rawValue == 1_789_670_094_412_000_000)
    }

    @Test func allLiquidationSTRK() throws {
        var h = NormalizerHarness()
        let liqs = K.liquidations(h.decode(try Fixtures.line("liquidations-2026.jsonl", containing: "STRKUSDT")))
        try #require(liqs.count == 1)
        let l = liqs[0]
        #expect(l.symbol.description == "STRKUSDT")
        #expect(l.side == .long)
        #expect(l.price.description == "0.05165")
        #expect(l.qty.description == "2084.9")
        #expect(l.usdCents == 10769)                  // 2084.9 × 0.05165 = 107.685085 → 107.69
        #expect(l.ts.rawValue == 1_791_091_285_156_000_000)
    }

    /// `S = Sell` on allLiquidation is a SHORT position (derived from the real ICP frame
    /// with only S changed).
    @Test func allLiquidationSellIsShort() throws {
        let real = try Fixtures.line("liquidations-2026.jsonl", containing: "ICPUSDT").frame!
        let frame = K.derive(real, replacing: "\"S\":\"Buy\"", with: "\"S\":\"Sell\"")
        var h = NormalizerHarness()
        let liqs = K.liquidations(h.decode(frame: frame, stream: .bybitLinear))
        try #require(liqs.count == 1)
        #expect(liqs[0].side == .short)
        #expect(liqs[0].usdCents == 5092)
    }

    // MARK: publicTrade — S is the taker side.

    @Test func publicTradeSellTaker() throws {
        var h = NormalizerHarness()
        let trades = K.trades(h.decode(try Fixtures.line(Self.excerpt, containing: "a9188a0a-82bc-50de-be60-03eedbe3cdd7")))
        try #require(trades.count == 1)
        let t = trades[0]
        #expect(t.stream == .bybitLinear)
        #expect(t.symbol.description == "BTCUSDT")
        #expect(t.side == .sell)
        #expect(t.price.description == "65114.20")
        #expect(t.qty.description == "0.004")
        #expect(t.ts.rawValue == 1_786_310_819_680_000_000)
        #expect(t.recv.rawValue == 1_786_310_819_965_676_032)
    }

    /// One frame with several trade elements yields one trade per element, in order.
    @Test func publicTradeMultipleElementsBuyTaker() throws {
        var h = NormalizerHarness()
        let trades = K.trades(h.decode(try Fixtures.line(Self.excerpt, containing: "a519448f-56e5-58e6-90a1-004086e0e530")))
        try #require(trades.count == 2)
        #expect(trades.map(\.side) == [.buy, .buy])
        #expect(trades.map(\.symbol.description) == ["ETHUSDT", "ETHUSDT"])
        #expect(trades.map(\.price.description) == ["1922.52", "1922.54"])
        #expect(trades.map(\.qty.description) == ["0.02", "0.01"])
        #expect(trades.map(\.ts.rawValue) == [1_786_310_820_510_000_000, 1_786_310_820_510_000_000])
    }

    /// USDC perpetuals are named `BTCPERP` on Bybit; unified symbol is `BTCUSDC`, raw kept
    /// (derived from the real shape: the real BTCUSDT publicTrade frame with the symbol changed).
    @Test func usdcPerpUnifiedSymbol() throws {
        let real = try Fixtures.line(Self.excerpt, containing: "a9188a0a-82bc-50de-be60-03eedbe3cdd7").frame!
        let frame = real.replacingOccurrences(of: "BTCUSDT", with: "BTCPERP")
        var h = NormalizerHarness()
        let trades = K.trades(h.decode(frame: frame, stream: .bybitLinear))
        try #require(trades.count == 1)
        #expect(trades[0].symbol.description == "BTCUSDC")
        #expect(trades[0].rawSymbol.description == "BTCPERP")
        #expect(trades[0].price.description == "65114.20")
    }

    // MARK: tickers — snapshot + delta state

    /// The snapshot emits a mark event (mark, funding, next funding) and an open-interest event.
    @Test func tickersSnapshot() throws {
        var h = NormalizerHarness()
        let events = h.decode(try Fixtures.lines(Self.excerpt)[0])   // tickers.BTCUSDT snapshot
        let marks = K.marks(events), ois = K.openInterests(events)
        try #require(marks.count == 1)
        try #require(ois.count == 1)
        #expect(events.count == 2)
        #expect(marks[0].symbol.description == "BTCUSDT")
        #expect(marks[0].mark?.description == "65117.44")
        #expect(marks[0].fundingRate?.description == "0.0001")
        #expect(marks[0].nextFunding?.rawValue == 1_786_320_000_000_000_000)
        #expect(marks[0].ts.rawValue == 1_786_310_817_583_000_000)   // frame ts
        #expect(ois[0].oi.description == "59891.732")
        #expect(ois[0].oiUSDCents == 389_999_626_501)                  // openInterestValue 3899996265.01
        #expect(ois[0].ts.rawValue == 1_786_310_817_583_000_000)
    }

    /// After the snapshot, a real delta carrying only markPrice/openInterestValue (plus
    /// ask fields): the mark event keeps the snapshot's funding, the OI event keeps the
    /// snapshot's openInterest with the delta's USD value.
    @Test func tickersDeltaKeepsSnapshotState() throws {
        var h = NormalizerHarness()
        let lines = try Fixtures.lines(Self.excerpt)
        _ = h.decode(lines[0])                        // snapshot
        let bidAsk = h.decode(lines[1])               // delta with only bid/ask fields
        #expect(bidAsk.isEmpty)
        let events = h.decode(lines[2])               // markPrice 65117.43, openInterestValue 3899995666.09
        let marks = K.marks(events), ois = K.openInterests(events)
        try #require(marks.count == 1)
        try #require(ois.count == 1)
        #expect(events.count == 2)
        #expect(marks[0].mark?.description == "65117.43")
        #expect(marks[0].fundingRate?.description == "0.0001")
        #expect(marks[0].nextFunding?.rawValue == 1_786_320_000_000_000_000)
        #expect(marks[0].ts.rawValue == 1_786_310_818_183_000_000)
        #expect(ois[0].oi.description == "59891.732")
        #expect(ois[0].oiUSDCents == 389_999_566_609)
        #expect(ois[0].ts.rawValue == 1_786_310_818_183_000_000)
        let d = h.diagnostics(.bybitLinear)
        #expect(d.frames == 3)
        #expect(d.malformed == 0 && d.unknownChannel == 0)
    }

    /// Deltas carrying only best bid/ask (real frames from misc-2026.jsonl) emit nothing,
    /// and are not counted as problems.
    @Test func tickersBidAskOnlyDeltasEmitNothing() throws {
        var h = NormalizerHarness()
        for line in try Fixtures.lines("misc-2026.jsonl") where line.stream == .bybitLinear {
            #expect(h.decode(line).isEmpty)
        }
        let d = h.diagnostics(.bybitLinear)
        #expect(d.frames == 2)
        #expect(d.malformed == 0 && d.unknownChannel == 0 && d.eventTotal == 0)
    }

    /// A funding-only delta for a symbol never snapshotted still emits a mark event,
    /// with mark nil and no open-interest event.
    @Test func tickersDeltaWithoutSnapshot() throws {
        var h = NormalizerHarness()
        let line = try Fixtures.line(Self.excerpt, containing: "\"fundingRate\":\"0.00004709\"")
        let events = h.decode(line)
        let marks = K.marks(events)
        try #require(marks.count == 1)
        #expect(events.count == 1)
        #expect(marks[0].symbol.description == "ETHUSDT")
        #expect(marks[0].mark == nil)
        #expect(marks[0].fundingRate?.description == "0.00004709")
        #expect(marks[0].nextFunding == nil)
        #expect(marks[0].ts.rawValue == 1_786_310_822_174_000_000)
    }

    /// The same funding-only delta after the ETH snapshot and the earlier ETH deltas
    /// keeps the latest mark (1922.58, from the last markPrice delta before it: 1922.43 in
    /// the snapshot, then 1922.57, then 1922.58) and the snapshot's next funding time.
    @Test func tickersDeltaAfterSnapshotReplayedInOrder() throws {
        var h = NormalizerHarness()
        var last: [MarketEvent] = []
        for line in try Fixtures.lines(Self.excerpt) {
            let events = h.decode(line)
            if line.frame!.contains("\"fundingRate\":\"0.00004709\"") { last = events; break }
        }
        let marks = K.marks(last)
        try #require(marks.count == 1)
        #expect(marks[0].mark?.description == "1922.58")
        #expect(marks[0].fundingRate?.description == "0.00004709")
        #expect(marks[0].nextFunding?.rawValue == 1_786_320_000_000_000_000)
    }

    /// A delta with a new openInterest (and value) after the snapshot updates both.
    @Test func tickersOpenInterestDelta() throws {
        var h = NormalizerHarness()
        var last: [MarketEvent] = []
        for line in try Fixtures.lines(Self.excerpt) {
            let events = h.decode(line)
            if line.frame!.contains("\"openInterest\":\"59895.976\"") { last = events; break }
        }
        let ois = K.openInterests(last)
        try #require(ois.count == 1)
        #expect(K.marks(last).isEmpty)               // no mark/funding field in that delta
        #expect(ois[0].oi.description == "59895.976")
        #expect(ois[0].oiUSDCents == 390_032_293_604)
    }

    // MARK: Whole excerpt

    /// Every frame of the excerpt in order: 127 trades (13 taker buys), 45 mark and 51 OI
    /// events; acks, order books and klines ignored; nothing malformed or unknown.
    @Test func wholeExcerptCounts() throws {
        var h = NormalizerHarness()
        var events: [MarketEvent] = []
        for line in try Fixtures.lines(Self.excerpt) { events += h.decode(line) }
        let trades = K.trades(events)
        #expect(trades.count == 127)
        #expect(trades.filter { $0.side == .buy }.count == 13)
        #expect(K.marks(events).count == 45)
        #expect(K.openInterests(events).count == 51)
        let d = h.diagnostics(.bybitLinear)
        #expect(d.frames == 466)
        #expect(d.ignored == 37)
        #expect(d.malformed == 0)
        #expect(d.unknownChannel == 0)
        #expect(d.eventTotal == 127 + 45 + 51)
    }
}
