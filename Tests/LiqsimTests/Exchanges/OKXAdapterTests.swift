// Fixtures: Fixtures/real/liquidations-2026.jsonl, Fixtures/real/misc-2026.jsonl,
// Fixtures/real/okx-swap-20220227-excerpt.jsonl (real frames and the real 2022 OKX SWAP
// instruments REST response with ctVal; see PROVENANCE.md).
import Testing
import LiqsimCore
import LiqsimExchanges

@Suite struct ExchangesOKXTests {
    typealias K = ExchangeTestKit
    static let excerpt = "okx-swap-20220227-excerpt.jsonl"

    static func instrumentsLine() throws -> FixtureLine {
        try #require(Fixtures.lines(excerpt).first { $0.url?.contains("/api/v5/public/instruments") == true })
    }
    static func celoLine() throws -> FixtureLine {
        try Fixtures.line("liquidations-2026.jsonl", containing: "CELO-USDT-SWAP")
    }

    // MARK: liquidation-orders and ctVal

    /// CELO-USDT-SWAP is in no built-in table: without an instruments response the event is
    /// skipped and counted as a missing instrument.
    @Test func liquidationWithoutCtValIsSkipped() throws {
        var h = NormalizerHarness()
        #expect(h.decode(try Self.celoLine()).isEmpty)
        let d = h.diagnostics(.okxSwap)
        #expect(d.missingInstrument == 1)
        #expect(d.malformed == 0)
        #expect(d.eventTotal == 0)
        #expect(d.samples.first?.problem == .missingInstrument)
    }

    /// The other real OKX liquidation (CNPY-USDT-SWAP) is not in the 2022 response either.
    @Test func cnpyWithoutCtValIsSkippedEvenAfterInstruments() throws {
        var h = NormalizerHarness()
        _ = h.decode(try Self.instrumentsLine())
        #expect(h.decode(try Fixtures.line("liquidations-2026.jsonl", containing: "CNPY-USDT-SWAP")).isEmpty)
        #expect(h.diagnostics(.okxSwap).missingInstrument == 1)
    }

    /// After the real instruments response (CELO-USDT-SWAP ctVal "1", linear): sz 19979
    /// contracts × 1 = 19979 CELO at bkPx 0.09583 → 1914.58757 USD → 1914.59; posSide short.
    @Test func liquidationAfterInstrumentsCELO() throws {
        var h = NormalizerHarness()
        _ = h.decode(try Self.instrumentsLine())
        let liqs = K.liquidations(h.decode(try Self.celoLine()))
        try #require(liqs.count == 1)
        let l = liqs[0]
        #expect(l.stream == .okxSwap)
        #expect(l.symbol.description == "CELOUSDT")
        #expect(l.rawSymbol.description == "CELO-USDT-SWAP")
        #expect(l.side == .short)                     // posSide "short" (order side "buy")
        #expect(l.price.description == "0.09583")     // bkPx
        #expect(l.qty.description == "19979")
        #expect(l.usdCents == 191459)
        #expect(l.ts.rawValue == 1_791_565_462_608_000_000)
        #expect(l.recv.rawValue == 1_791_565_462_608_000_000)
        #expect(h.diagnostics(.okxSwap).missingInstrument == 0)
    }

    /// Built-in fallback table: BTC-USDT-SWAP ctVal 0.01 without any instruments response.
    /// Frame derived from the real shape: the real CELO frame with instId/instFamily/uly
    /// changed to BTC-USDT-SWAP / BTC-USDT (numbers unchanged).
    @Test func builtInFallbackBTCUSDTSwap() throws {
        let frame = try Self.celoLine().frame!.replacingOccurrences(of: "CELO-USDT", with: "BTC-USDT")
        var h = NormalizerHarness()
        let liqs = K.liquidations(h.decode(frame: frame, stream: .okxSwap, recv: 5))
        try #require(liqs.count == 1)
        let l = liqs[0]
        #expect(l.symbol.description == "BTCUSDT")
        #expect(l.rawSymbol.description == "BTC-USDT-SWAP")
        #expect(l.side == .short)
        #expect(l.qty.description == "199.79")        // 19979 × 0.01
        #expect(l.price.description == "0.09583")
        #expect(l.usdCents == 1915)                   // 199.79 × 0.09583 = 19.1458757 → 19.15
        #expect(h.diagnostics(.okxSwap).missingInstrument == 0)
    }

    /// posSide "long" is a LONG liquidation (derived from the real CELO frame, posSide and
    /// order side flipped, instrument changed to the built-in BTC-USDT-SWAP).
    @Test func posSideLongIsLong() throws {
        let frame = try Self.celoLine().frame!
            .replacingOccurrences(of: "CELO-USDT", with: "BTC-USDT")
            .replacingOccurrences(of: "\"posSide\":\"short\",\"side\":\"buy\"", with: "\"posSide\":\"long\",\"side\":\"sell\"")
        var h = NormalizerHarness()
        let liqs = K.liquidations(h.decode(frame: frame, stream: .okxSwap))
        try #require(liqs.count == 1)
        #expect(liqs[0].side == .long)
    }

    /// Inverse liquidation via the built-in table (BTC-USD-SWAP ctVal 100 USD). Derived from
    /// the real CELO shape with instId BTC-USD-SWAP: usd = 19979 × 100 = 1997900.00;
    /// qty = 1997900 / 0.09583 = 20848377.334863821…, 8 decimals → 20848377.33486382.
    @Test func inverseLiquidationBuiltIn() throws {
        let frame = try Self.celoLine().frame!.replacingOccurrences(of: "CELO-USDT", with: "BTC-USD")
        var h = NormalizerHarness()
        let liqs = K.liquidations(h.decode(frame: frame, stream: .okxSwap))
        try #require(liqs.count == 1)
        #expect(liqs[0].symbol.description == "BTCUSD")
        #expect(liqs[0].rawSymbol.description == "BTC-USD-SWAP")
        #expect(liqs[0].usdCents == 199_790_000)
        #expect(liqs[0].qty.description == "20848377.33486382")
        #expect(liqs[0].price.description == "0.09583")
    }

    // MARK: backlog de-duplication

    @Test func sameLiquidationTwiceYieldsOneEvent() throws {
        var h = NormalizerHarness()
        _ = h.decode(try Self.instrumentsLine())
        let celo = try Self.celoLine()
        let first = h.decode(celo)
        let second = h.decode(celo)
        #expect(K.liquidations(first).count == 1)
        #expect(second.isEmpty)
        let d = h.diagnostics(.okxSwap)
        #expect(d.duplicates == 1)
        #expect(d.events[EventKind.liquidation.rawValue] == 1)
        #expect(d.malformed == 0)
    }

    /// A resend received later (different recv) is still a duplicate; a different size is not.
    @Test func dedupKeyIsTheLiquidationNotTheReceiveTime() throws {
        let frame = try Self.celoLine().frame!.replacingOccurrences(of: "CELO-USDT", with: "BTC-USDT")
        var h = NormalizerHarness()
        #expect(K.liquidations(h.decode(frame: frame, stream: .okxSwap, recv: 1)).count == 1)
        #expect(h.decode(frame: frame, stream: .okxSwap, recv: 2_000_000_000).isEmpty)
        let other = frame.replacingOccurrences(of: "\"sz\":\"19979\"", with: "\"sz\":\"19980\"")
        #expect(K.liquidations(h.decode(frame: other, stream: .okxSwap, recv: 3)).count == 1)
        #expect(h.diagnostics(.okxSwap).duplicates == 1)
    }

    // MARK: instruments REST

    @Test func instrumentsResponseEmitsInstrumentEvents() throws {
        var h = NormalizerHarness()
        let line = try Self.instrumentsLine()
        let instruments = K.instruments(h.decode(line))
        #expect(instruments.count == 162)
        let celo = try #require(instruments.first { $0.rawSymbol.description == "CELO-USDT-SWAP" })
        #expect(celo.symbol.description == "CELOUSDT")
        #expect(celo.contractKind == .linear)
        #expect(celo.contractValue.description == "1")
        #expect(celo.recv.rawValue == 1_646_003_665_164_665_088)
        let btcUsd = try #require(instruments.first { $0.rawSymbol.description == "BTC-USD-SWAP" })
        #expect(btcUsd.symbol.description == "BTCUSD")
        #expect(btcUsd.contractKind == .inverse)
        #expect(btcUsd.contractValue.description == "100")
        let btcUsdt = try #require(instruments.first { $0.rawSymbol.description == "BTC-USDT-SWAP" })
        #expect(btcUsdt.contractKind == .linear)
        #expect(btcUsdt.contractValue.description == "0.01")
        let d = h.diagnostics(.okxSwap)
        #expect(d.malformed == 0 && d.unknownChannel == 0)
        #expect(d.events[EventKind.instrument.rawValue] == 162)
    }

    // MARK: trades (inverse swaps, out-of-scope instruments)

    /// Real UNI-USD-SWAP trades after the real instruments response (inverse, ctVal 10 USD):
    ///   sz 1 buy  @ 9.615: usd = 1 × 10 = 10;   qty = 10 / 9.615 = 1.0400416016… → 1.04004160
    ///   sz 10 sell @ 9.615: usd = 10 × 10 = 100; qty = 100 / 9.615 = 10.400416016… → 10.40041602
    @Test func inverseSwapTradesUNI() throws {
        var h = NormalizerHarness()
        var trades: [Trade] = []
        for line in try Fixtures.lines(Self.excerpt) { trades += K.trades(h.decode(line)) }
        try #require(trades.count == 2)
        #expect(trades.map(\.symbol.description) == ["UNIUSD", "UNIUSD"])
        #expect(trades.map(\.rawSymbol.description) == ["UNI-USD-SWAP", "UNI-USD-SWAP"])
        #expect(trades.map(\.side) == [.buy, .sell])
        #expect(trades.map(\.price.description) == ["9.615", "9.615"])
        #expect(trades.map(\.qty.description) == ["1.04004160", "10.40041602"])
        #expect(trades.map(\.ts.rawValue) == [1_646_003_655_550_000_000, 1_646_003_678_487_000_000])
    }

    /// Without the instruments response UNI-USD-SWAP has no ctVal: skipped and counted.
    @Test func inverseSwapTradeWithoutInstrumentsIsMissing() throws {
        var h = NormalizerHarness()
        let line = try Fixtures.line(Self.excerpt, containing: "\"tradeId\":\"12118545\"")
        #expect(h.decode(line).isEmpty)
        #expect(h.diagnostics(.okxSwap).missingInstrument == 1)
    }

    /// Spot (ZEN-USDT, PROPS-ETH, ELON-USDT) and option trades on the okx-swap stream are out of scope.
    @Test func spotAndOptionTradesAreOutOfScope() throws {
        var h = NormalizerHarness()
        _ = h.decode(try Self.instrumentsLine())
        for needle in ["\"tradeId\":\"15270483\"", "\"tradeId\":\"47220\"", "\"tradeId\":\"4253237\"", "BTC-USD-220325-40000-C\",\"tradeId\""] {
            let line = try Fixtures.line(Self.excerpt, containing: needle)
            #expect(h.decode(line).isEmpty, "\(needle)")
        }
        let d = h.diagnostics(.okxSwap)
        #expect(d.outOfScope == 4)
        #expect(d.malformed == 0 && d.missingInstrument == 0 && d.unknownChannel == 0)
    }

    /// misc-2026: a `trades` frame for spot BTC-USDT is out of scope.
    @Test func spotBTCUSDTTradeIsOutOfScope() throws {
        var h = NormalizerHarness()
        let line = try Fixtures.line("misc-2026.jsonl", containing: "1062992715")
        #expect(h.decode(line).isEmpty)
        let d = h.diagnostics(.okxSwap)
        #expect(d.outOfScope == 1)
        #expect(d.malformed == 0 && d.unknownChannel == 0)
    }

    // MARK: mark-price, funding-rate, open-interest

    @Test func markPriceIsMarkOnly() throws {
        var h = NormalizerHarness()
        let marks = K.marks(h.decode(try Fixtures.line("misc-2026.jsonl", containing: "\"channel\":\"mark-price\"")))
        try #require(marks.count == 1)
        let m = marks[0]
        #expect(m.stream == .okxSwap)
        #expect(m.symbol.description == "BTCUSDT")
        #expect(m.rawSymbol.description == "BTC-USDT-SWAP")
        #expect(m.mark?.description == "83679.8")
        #expect(m.fundingRate == nil)
        #expect(m.nextFunding == nil)
        #expect(m.ts.rawValue == 1_790_358_817_778_000_000)
    }

    @Test func fundingRate() throws {
        var h = NormalizerHarness()
        let marks = K.marks(h.decode(try Fixtures.line("misc-2026.jsonl", containing: "\"channel\":\"funding-rate\"")))
        try #require(marks.count == 1)
        let m = marks[0]
        #expect(m.symbol.description == "BTCUSDT")
        #expect(m.mark == nil)
        #expect(m.fundingRate?.description == "0.0000263463215391")
        #expect(m.nextFunding?.rawValue == 1_790_380_800_000_000_000)   // fundingTime, not nextFundingTime
        #expect(m.ts.rawValue == 1_790_358_563_915_000_000)
    }

    @Test func openInterest() throws {
        var h = NormalizerHarness()
        let ois = K.openInterests(h.decode(try Fixtures.line("misc-2026.jsonl", containing: "\"channel\":\"open-interest\"")))
        try #require(ois.count == 1)
        let o = ois[0]
        #expect(o.symbol.description == "ETHUSDT")
        #expect(o.rawSymbol.description == "ETH-USDT-SWAP")
        #expect(o.oi.description == "638584.898")     // oiCcy (base), not oi (contracts)
        #expect(o.oiUSDCents == 173_779_385_462)      // oiUsd 1737793854.62
        #expect(o.ts.rawValue == 1_790_165_111_452_000_000)
    }

    // MARK: Whole 2022 excerpt

    /// instruments → 162 instrument events; 2 UNI-USD-SWAP trades; 17 spot/option trades out
    /// of scope; 50 subscribe acks, 20 books and 19 tickers frames ignored.
    @Test func wholeExcerptCounts() throws {
        var h = NormalizerHarness()
        var events: [MarketEvent] = []
        for line in try Fixtures.lines(Self.excerpt) { events += h.decode(line) }
        #expect(K.instruments(events).count == 162)
        #expect(K.trades(events).count == 2)
        #expect(events.count == 164)
        let d = h.diagnostics(.okxSwap)
        #expect(d.frames == 109)
        #expect(d.outOfScope == 17)
        #expect(d.ignored == 89)
        #expect(d.malformed == 0 && d.unknownChannel == 0 && d.missingInstrument == 0)
    }
}
