import Foundation
import Testing
import LiqsimRegimes

/// The trend label's size and power on simulated log prices where the truth is known
/// (docs/regimes.md, "Size and power"): driftless walks must be labelled a trend in at
/// most 10% of windows at the default threshold, a drift with expected t = 4 in at least 90%.
@Suite("Regime trend size and power")
struct RegimeTrendSizeTests {
    static let bars = 200_000

    /// Share of defined windows labelled STRENGTHENING or WEAKENING.
    static func trendShare(_ y: [Double], window: Int, threshold: Double = 2) -> Double {
        let s = RollingOLS.trend(y, window: window)
        var flagged = 0, defined = 0
        for i in (window - 1)..<y.count {
            defined += 1
            if s.label(at: i, tThreshold: threshold) != .stable { flagged += 1 }
        }
        return Double(flagged) / Double(defined)
    }

    /// Share of windows whose descriptive OLS t of the level on time exceeds 2 (the old label).
    static func olsShare(_ y: [Double], window: Int) -> Double {
        let s = RollingOLS.trend(y, window: window)
        let t = s.tStat[(window - 1)...]
        return Double(t.filter { abs($0) > 2 }.count) / Double(t.count)
    }

    /// Log price from returns drawn by `next` (any scale: the statistic is scale-free).
    static func walk(_ count: Int, drift: Double = 0, _ next: () -> Double) -> [Double] {
        var y = 10.5
        return (0..<count).map { _ in y += drift + next(); return y }
    }

    static func gaussian(seed: UInt64, drift: Double = 0) -> [Double] {
        var rng = RK.Random(seed: seed)
        return walk(bars, drift: drift) { 1e-3 * rng.normal() }
    }

    /// Student t with 3 degrees of freedom (infinite fourth moment).
    static func fatTailed(seed: UInt64) -> [Double] {
        var rng = RK.Random(seed: seed)
        return walk(bars) {
            let z = rng.normal(), a = rng.normal(), b = rng.normal(), c = rng.normal()
            return 1e-3 * z / ((a * a + b * b + c * c) / 3).squareRoot()
        }
    }

    /// GARCH(1,1) returns: σ²_t = ω + 0.1·r²_{t−1} + 0.85·σ²_{t−1} (volatility clustering).
    static func garch(seed: UInt64) -> [Double] {
        var rng = RK.Random(seed: seed)
        let omega = 0.05 * 1e-6
        var variance = 1e-6, last = 0.0
        return walk(bars) {
            variance = omega + 0.1 * last * last + 0.85 * variance
            last = variance.squareRoot() * rng.normal()
            return last
        }
    }

    @Test(arguments: [30, 60, 240])
    func gaussianWalkHoldsSize(window: Int) {
        let share = Self.trendShare(Self.gaussian(seed: 101), window: window)
        #expect(share <= 0.10, "W = \(window): \(share)")
    }

    @Test func fatTailedWalkHoldsSize() {
        let share = Self.trendShare(Self.fatTailed(seed: 202), window: 60)
        #expect(share <= 0.10, "\(share)")
    }

    @Test func garchWalkHoldsSize() {
        let share = Self.trendShare(Self.garch(seed: 303), window: 60)
        #expect(share <= 0.10, "\(share)")
    }

    /// The level-on-time t the label used before flags most windows of the same walk.
    @Test func olsTOfTheLevelIsSpurious() {
        let share = Self.olsShare(Self.gaussian(seed: 101), window: 60)
        #expect(share > 0.5, "\(share)")
    }

    /// Drift with expected t = 4: μ = 4σ ÷ √(W − 1).
    @Test(arguments: [30, 60, 240])
    func driftWithExpectedTFourIsFound(window: Int) {
        let drift = 4 * 1e-3 / Double(window - 1).squareRoot()
        let up = Self.trendShare(Self.gaussian(seed: 404, drift: drift), window: window)
        let down = Self.trendShare(Self.gaussian(seed: 405, drift: -drift), window: window)
        #expect(up >= 0.90 && down >= 0.90, "W = \(window): \(up), \(down)")
    }
}
