import Testing
import LiqsimCore
import LiqsimPipeline

/// Findings of a review of the pipeline, each pinned.
@Suite struct PipelineReviewRegressionTests {
    static let t0: Int64 = 1_767_225_600_000_000_000   // 2026-01-01T00:00:00Z
    static let btc = Symbol("BTCUSDT")!

    static func trade(_ ms: Int64, _ price: String, _ qty: String, _ side: TakerSide = .buy) -> MarketEvent {
        .trade(Trade(recv: UnixNanos(t0 + ms * 1_000_000), ts: UnixNanos(t0 + ms * 1_000_000), stream: .binanceUSDM, symbol: btc, rawSymbol: btc,
                     side: side, price: FixedDecimal(price)!, qty: FixedDecimal(qty)!))
    }

    /// State read at a window close (what `replay --db` stores) is the state before the
    /// event that closed the window: `advance` first, `apply` after.
    @Test func stateAtACloseExcludesTheClosingEvent() {
        var config = PipelineConfig()
        config.sentimentInterval = PipelineConfig.minute
        let p = Pipeline(config: config)
        var signals: [PipelineSignal] = []
        p.process(Self.trade(30_000, "100", "1"), into: &signals)
        let closing = Self.trade(60_000, "200", "1")
        p.advance(to: closing.recv.rawValue, into: &signals)
        #expect(signals.contains { if case .sentiment = $0 { true } else { false } })
        #expect(p.marketStates.first?.lastPrice == FixedDecimal("100"))
        p.apply(closing, into: &signals)
        #expect(p.marketStates.first?.lastPrice == FixedDecimal("200"))
    }

    /// Sums of hostile sizes (5e18 cents per trade) must not trap in the factors.
    @Test func hugeNotionalsDoNotTrap() throws {
        var config = PipelineConfig()
        config.sentimentInterval = PipelineConfig.minute
        let p = Pipeline(config: config)
        var signals: [PipelineSignal] = []
        p.process(Self.trade(1_000, "50000000", "1000000000"), into: &signals)
        p.process(Self.trade(2_000, "50000000", "1000000000"), into: &signals)
        p.process(Self.trade(61_000, "50000000", "1"), into: &signals)
        let sentiment = signals.compactMap { if case .sentiment(let s) = $0 { s } else { nil } }
        // Garbage in (sums past Int64), but no trap, and every factor stays in [−1, 1].
        let factors = try #require(sentiment.first?.factors)
        #expect(factors.allSatisfy { $0.isFinite && abs($0) <= 1 })
    }
}
