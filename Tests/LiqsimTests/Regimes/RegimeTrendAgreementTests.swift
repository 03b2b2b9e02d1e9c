import Foundation
import Testing
import LiqsimRegimes

/// The fast path, the BLAS path and an independent two-pass computation agree.
@Suite("Regime trend: two paths, one definition")
struct RegimeTrendAgreementTests {
    /// 1M bars of a random walk in log price from 10.5 (σ = 10⁻³ per bar), W = 60 and 240:
    /// every window's slope, t, R² and residual z agree within 1e-9 (RK.disagreement).
    @Test(arguments: [60, 240])
    func fastEqualsBLASOverAMillionBars(window: Int) {
        let y = RK.randomWalk(count: 1_000_000, seed: 42)
        let fast = RollingOLS.trend(y, window: window), blas = RollingOLS.trendBLAS(y, window: window)
        let d = RK.disagreement(fast, blas)
        #expect(d.nanMismatches == 0)
        #expect(d.worst <= 1e-9, "\(d)")
        #expect(fast.slope[..<(window - 1)].allSatisfy { $0.isNaN } && blas.slope[..<(window - 1)].allSatisfy { $0.isNaN })
        // Labels never differ.
        #expect((0..<y.count).allSatisfy { fast.label(at: $0) == blas.label(at: $0) })
    }

    /// Both paths against plain double loops, on a walk with changing volatility and a
    /// drift, including windows across the fast path's re-centring boundaries (every 1024)
    /// and the BLAS path's chunk boundaries.
    @Test(arguments: [5, 60, 240])
    func bothPathsMatchTheTwoPassReference(window: Int) {
        var rng = RK.Random(seed: 11), level = 10.5
        let y = (0..<6000).map { i -> Double in
            let sigma = i < 3000 ? 1e-3 : 4e-3
            level += 2e-5 + sigma * rng.normal()
            return level
        }
        let fast = RollingOLS.trend(y, window: window), blas = RollingOLS.trendBLAS(y, window: window)
        let dFast = RK.disagreementWithReference(fast, y, at: (window - 1)..<y.count)
        let dBLAS = RK.disagreementWithReference(blas, y, at: (window - 1)..<y.count)
        #expect(dFast.worst <= 1e-9, "sums vs reference: \(dFast)")
        #expect(dBLAS.worst <= 1e-9, "blas vs reference: \(dBLAS)")
    }

    /// A composite in [−1, 1] (the sentiment trend's input), a series far from its
    /// reference (log price 1e3 with tiny moves), and negative values.
    @Test func otherLevelsAndScales() {
        var rng = RK.Random(seed: 5)
        let composite = (0..<5000).map { i in max(-1, min(1, 0.6 * Foundation.sin(Double(i) / 300) + 0.2 * rng.normal())) }
        let far = RK.randomWalk(count: 5000, start: 1e3, step: 1e-6, seed: 9)
        let negative = RK.randomWalk(count: 5000, start: -3, step: 0.05, seed: 10)
        for y in [composite, far, negative] {
            for w in [60, 240] {
                let fast = RollingOLS.trend(y, window: w), blas = RollingOLS.trendBLAS(y, window: w)
                #expect(RK.disagreement(fast, blas).worst <= 1e-9)
                let reference = RK.disagreementWithReference(fast, y, at: stride(from: w - 1, to: y.count, by: 7))
                #expect(reference.worst <= 1e-9, "\(reference)")
            }
        }
    }

    /// No look-ahead: the fit at bar i is the same, bit for bit, whether or not the bars
    /// after i exist.
    @Test func truncatedSeriesGivesIdenticalPrefix() {
        let y = RK.randomWalk(count: 20_000, seed: 77)
        for cut in [59, 60, 1083, 1084, 5000, 12_345] {
            let prefix = Array(y[0..<cut])
            for (full, part) in [(RollingOLS.trend(y, window: 60), RollingOLS.trend(prefix, window: 60)),
                                 (RollingOLS.trendBLAS(y, window: 60), RollingOLS.trendBLAS(prefix, window: 60))] {
                #expect(RK.identical(full.slope[0..<cut], part.slope[...]))
                #expect(RK.identical(full.tStat[0..<cut], part.tStat[...]))
                #expect(RK.identical(full.rSquared[0..<cut], part.rSquared[...]))
                #expect(RK.identical(full.lastResidualZ[0..<cut], part.lastResidualZ[...]))
                #expect(RK.identical(full.drift[0..<cut], part.drift[...]) && RK.identical(full.driftT[0..<cut], part.driftT[...]))
            }
        }
    }
}
