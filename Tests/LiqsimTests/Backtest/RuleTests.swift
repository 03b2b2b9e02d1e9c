import Testing
import LiqsimCore
import LiqsimRegimes
@testable import LiqsimBacktest

/// Each rule's conditions at and just beyond their thresholds (docs/strategies.md).
@Suite("Backtest rules")
struct RuleTests {
    /// A trend series of `n` bars with the given per-bar slope and drift, t (OLS and drift), R² (z for the range rule).
    static func trend(_ n: Int, slope: Double, t: Double, r2: Double, z: Double = 0) -> TrendSeries {
        var s = RollingOLS.trend([Double](repeating: 1, count: n), window: 3)
        s.slope = Array(repeating: slope, count: n)
        s.tStat = Array(repeating: t, count: n)
        // The label reads the drift and its Newey–West t.
        s.drift = Array(repeating: slope, count: n)
        s.driftT = Array(repeating: t, count: n)
        s.rSquared = Array(repeating: r2, count: n)
        s.lastResidualZ = Array(repeating: z, count: n)
        return s
    }

    @Test func trendNeedsTheCompositeBeyondEntryAndASignificantSlope() {
        let rule = TrendRule(window: 60, entry: 0.5, tThreshold: 2)
        let up = Self.trend(4, slope: 0.001, t: 3, r2: 0.8)
        let out = rule.signals(composite: [0.5, 0.5001, -0.5001, 0.9], trend: up)
        #expect(out.signal == [0, 1, 0, 1], "at the threshold nothing; beyond it long; short needs WEAKENING")
        #expect(abs(out.confidence[1] - 0.8 * 0.75) < 1e-12, "R² × min(1, |t| ÷ 2t)")
        let atT = rule.signals(composite: [0.9], trend: Self.trend(1, slope: 0.001, t: 2, r2: 0.8))
        #expect(atT.signal == [0], "t must exceed the threshold")
        let down = rule.signals(composite: [-0.6, -0.4], trend: Self.trend(2, slope: -0.001, t: -5, r2: 0.5))
        #expect(down.signal == [-1, 0])
        #expect(down.confidence[0] == 0.5, "confidence is capped by R² once |t| ≥ 2t")
    }

    @Test func rangeFadesTheResidualInQuietNeutralMarkets() {
        let rule = RangeRule(window: 60, zEntry: 2, neutral: 0.2)
        let normal = [VolatilityLabel](repeating: .normal, count: 4)
        let out = rule.signals(composite: [0, 0, 0, 0.2], trend: Self.trend(4, slope: 0, t: 0, r2: 0, z: 2), volatility: normal)
        #expect(out.signal == [0, 0, 0, 0], "z at z_entry does not trade")
        let beyond = rule.signals(composite: [0, 0.19, 0.2, 0], trend: Self.trend(4, slope: 0, t: 0, r2: 0, z: 2.5),
                                  volatility: [.normal, .compressed, .normal, .elevated])
        #expect(beyond.signal == [-1, -1, 0, 0], "above the line → short; |composite| must be below neutral; ELEVATED volatility stands aside")
        #expect(beyond.confidence[0] == 2.5 / 4)
        let below = rule.signals(composite: [0], trend: Self.trend(1, slope: 0, t: 0, r2: 0, z: -9), volatility: [.normal])
        #expect(below.signal == [1] && below.confidence == [1])
    }

    /// A tape of `n` flat 1m bars (price 100, volume $1M) for the cascade conditions.
    static func flatTape(_ n: Int) -> SymbolTape {
        var t = SymbolTape(symbol: Symbol("BTCUSDT")!, interval: 60_000_000_000)
        t.closeTime = (1...n).map { Int64($0) * 60_000_000_000 }
        t.close = Array(repeating: 100, count: n)
        for i in 0..<n where i % 2 == 1 { t.close[i] = 100.1 }   // some volatility before the move
        t.open = t.close; t.high = t.close; t.low = t.close
        t.volumeUSD = Array(repeating: 1_000_000, count: n)
        t.buyUSD = Array(repeating: 500_000, count: n); t.sellUSD = t.buyUSD
        t.longLiquidationUSD = Array(repeating: 0, count: n); t.shortLiquidationUSD = t.longLiquidationUSD
        t.composite = Array(repeating: 0, count: n)
        t.funding = Array(repeating: 0.0001, count: n)
        t.openInterestUSD = Array(repeating: 1e9, count: n)
        t.risk = Array(repeating: 0, count: n)
        return t
    }

    static func rule(mode: CascadeRule.Mode = .fade, min: Int = 3, hold: Int = 2) -> CascadeRule {
        CascadeRule(mode: mode, lookback: 1, kSigma: 3, fundingExtreme: 0.0003, oiDropPct: 1, volumeSpike: 3, liqVolumePct: 2,
                    risk: 0.6, minConditions: min, hold: hold, volatilityWindow: 10)
    }

    @Test func eachCascadeConditionAtAndBeyondItsThreshold() {
        var t = Self.flatTape(20)
        let i = 15
        // Exactly at the thresholds: funding = extreme holds (≥), everything else does not.
        t.funding[i] = 0.0003
        t.openInterestUSD[i] = 0.99e9                       // −1 % exactly: holds (≤ −1 %)
        t.volumeUSD[i] = 3_000_000                          // exactly 3× the baseline: does not hold (>)
        t.longLiquidationUSD[i] = 60_000                    // 60k ÷ 3M = 2 % exactly: does not hold (>)
        t.risk[i] = 0.6                                     // does not hold (>)
        var r = Self.rule().readings(t)[i]
        #expect(r.conditions == [true, true, false, false, false, false])
        #expect(r.side == -1, "LONG liquidations: a falling cascade")
        // Just beyond.
        t.funding[i] = 0.00029
        t.openInterestUSD[i] = 0.9901e9
        t.volumeUSD[i] = 3_000_001
        t.longLiquidationUSD[i] = 60_001
        t.risk[i] = 0.6001
        t.close[i] = 90                                     // a 10 % drop ≫ 3σ
        r = Self.rule().readings(t)[i]
        #expect(r.conditions == [false, false, true, true, true, true])
        #expect(r.met == 4)
    }

    @Test func fadeWaitsForExhaustionThenTakesTheOtherSide() {
        var t = Self.flatTape(20)
        for i in [10, 11] { t.longLiquidationUSD[i] = 100_000; t.risk[i] = 0.9; t.close[i] = 95 - Double(i - 10) * 5 }
        let out = Self.rule(hold: 3).signals(t)
        #expect(out.signal[10] == 0 && out.signal[11] == 0, "stands aside while the cascade fires")
        #expect(Array(out.signal[12...14]) == [1, 1, 1], "buys after a LONG cascade exhausts, for `hold` bars")
        #expect(out.signal[15] == 0)
        // Bars 10–11: price move, liquidations > 2 % of volume, risk > 0.6 → 3 of 6, × 1.2 for both liquidation conditions.
        #expect(abs(out.confidence[12] - 0.6) < 1e-12)
    }

    @Test func followTradesWithTheCascade() {
        var t = Self.flatTape(20)
        t.shortLiquidationUSD[10] = 100_000; t.risk[10] = 0.9; t.close[10] = 110
        let out = Self.rule(mode: .follow, hold: 2).signals(t)
        #expect(Array(out.signal[9...13]) == [0, 1, 1, 1, 0], "a SHORT squeeze (rising) → long, on the bar and 2 more")
    }

    @Test func belowMinimumConditionsNothingFires() {
        var t = Self.flatTape(20)
        t.longLiquidationUSD[10] = 100_000   // liquidations > 2 % of volume only: 1 condition
        #expect(Self.rule(min: 2).signals(t).activeBars == 0)
        #expect(Self.rule(min: 1).signals(t).activeBars > 0)
    }
}
