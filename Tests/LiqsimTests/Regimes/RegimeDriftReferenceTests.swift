import Foundation
import Testing
import LiqsimRegimes

/// The label's drift and Newey–West t against an independent per-window computation.
@Suite("Regime trend: drift and HAC t")
struct RegimeDriftReferenceTests {
    @Test func lagRule() {
        // ⌊4·(n/100)^(2/9)⌋ for n = W − 1 changes.
        let s = RollingOLS.trend(RK.randomWalk(count: 100, seed: 1), window: 60)
        #expect(s.driftT.count == 100)
        #expect(RK.neweyWestLags(59) == 3 && RK.neweyWestLags(239) == 4 && RK.neweyWestLags(2) == 1)
    }

    /// 20,000 bars of a random walk (and at other levels and scales), W = 3 … 240: every
    /// window's drift and t equal the two-pass reference within 1e-9 (t relative to
    /// max(|t|, 1), both clamped at ±1e6); the rolling products recompute every 1024
    /// windows, so later windows test the slide.
    @Test(arguments: [3, 4, 10, 60, 240])
    func equalsReference(window: Int) {
        for (start, step) in [(10.5, 1e-3), (1e3, 1e-6), (-3.0, 0.2), (0.0, 0.05)] {
            let y = RK.randomWalk(count: 20_000, start: start, step: step, seed: UInt64(window))
            let s = RollingOLS.trend(y, window: window)
            let d = RK.driftDisagreement(s, y, at: (window - 1)..<y.count)
            #expect(d <= 1e-9, "W \(window) level \(start): \(d)")
        }
    }

    /// The trend and BLAS paths carry the same drift (one definition, one implementation).
    @Test func bothPathsCarryTheSameDrift() {
        let y = RK.randomWalk(count: 5_000, seed: 31)
        let a = RollingOLS.trend(y, window: 60), b = RollingOLS.trendBLAS(y, window: 60)
        #expect(RK.identical(a.drift[...], b.drift[...]) && RK.identical(a.driftT[...], b.driftT[...]))
    }
}

extension RK {
    static func neweyWestLags(_ n: Int) -> Int {
        max(0, min(Int((4 * Foundation.pow(Double(n) / 100, 2.0 / 9)).rounded(.down)), n - 1))
    }

    /// One window's drift and HAC t by plain loops: changes, their mean, demeaned
    /// autocovariances γ_l = Σ d_k·d_{k−l} ÷ n, Bartlett weights, t = μ ÷ √(ω²/n).
    static func referenceDrift(_ y: ArraySlice<Double>) -> (drift: Double, t: Double) {
        let v = Array(y), n = v.count - 1
        let r = (1...n).map { v[$0] - v[$0 - 1] }
        let mu = r.reduce(0, +) / Double(n)
        let d = r.map { $0 - mu }
        let lags = neweyWestLags(n)
        var omega = 0.0
        for l in 0...lags {
            var gamma = 0.0
            for k in l..<n { gamma += d[k] * d[k - l] }
            gamma /= Double(n)
            omega += (l == 0 ? 1 : 2 * (1 - Double(l) / Double(lags + 1))) * gamma
        }
        // The documented conventions: ω² at or below the rounding of the changes themselves,
        // (64 ε·(|y_last| + |y_first|))², is a perfect line (t = ±1e6); |t| is clamped at 1e6.
        let limit = RollingOLS.tStatLimit, level = 64 * Double.ulpOfOne * (abs(v[n]) + abs(v[0]))
        if omega <= level * level { return (mu, mu > 0 ? limit : (mu < 0 ? -limit : 0)) }
        return (mu, Swift.min(Swift.max(mu / (omega / Double(n)).squareRoot(), -limit), limit))
    }

    /// Worst disagreement of a series' drift (relative to max(|a|, |b|, |μ|'s standard
    /// error)) and t (relative to max(|a|, |b|, 1)) with the reference at `indices`.
    static func driftDisagreement(_ s: TrendSeries, _ y: [Double], at indices: some Sequence<Int>) -> Double {
        var worst = 0.0
        for i in indices {
            let r = referenceDrift(y[(i - s.window + 1)...i])
            let standardError = r.t == 0 ? 0 : abs(r.drift / r.t)
            worst = max(worst, relative(s.drift[i], r.drift, floor: standardError), relative(s.driftT[i], r.t, floor: 1))
        }
        return worst
    }
}
