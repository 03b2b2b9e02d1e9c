import Foundation
import Testing
import LiqsimRegimes

/// A NaN (a bar without a value) makes the windows holding it undefined and nothing else.
@Suite("Regime non-finite input")
struct RegimeNonFiniteTests {
    @Test(arguments: ["sums", "blas"])
    func trendWindowsHoldingNaNAreNaNOthersUnaffected(path: String) {
        var y = RK.randomWalk(count: 4000, seed: 21)
        y[1500] = .nan
        y[1501] = .infinity
        let w = 60
        let s = path == "sums" ? RollingOLS.trend(y, window: w) : RollingOLS.trendBLAS(y, window: w)
        // Windows ending at 1500 … 1501+59 hold a bad bar.
        for i in 1500...(1501 + w - 1) {
            #expect(s.slope[i].isNaN && s.tStat[i].isNaN && s.rSquared[i].isNaN && s.lastResidualZ[i].isNaN, "bar \(i)")
            #expect(s.drift[i].isNaN && s.driftT[i].isNaN, "bar \(i)")
            #expect(s.label(at: i) == .stable)
        }
        let before = RK.disagreementWithReference(s, y, at: (w - 1)..<1500)
        let after = RK.disagreementWithReference(s, y, at: (1501 + w)..<y.count)
        #expect(before.worst <= 1e-9 && after.worst <= 1e-9, "\(before) / \(after)")
        let drift = RK.driftDisagreement(s, y, at: Array((w - 1)..<1500) + Array((1501 + w)..<y.count))
        #expect(drift <= 1e-9, "\(drift)")
        #expect(!s.driftT[1500 - 1].isNaN && !s.driftT[1501 + w].isNaN)
    }

    @Test func bothPathsAgreeAroundGaps() {
        var y = RK.randomWalk(count: 10_000, seed: 22)
        for k in [0, 5, 1100, 1101, 1102, 3333, 9999] { y[k] = .nan }
        for w in [3, 60, 240] {
            let fast = RollingOLS.trend(y, window: w), blas = RollingOLS.trendBLAS(y, window: w)
            let d = RK.disagreement(fast, blas)
            #expect(d.nanMismatches == 0 && d.worst <= 1e-9, "W \(w): \(d)")
        }
    }

    /// A NaN close at bar 1000 leaves returns 1000 and 1001 undefined: realized windows
    /// holding either are NaN, the rest equal the direct computation; z skips the gap; the
    /// HAR fits carry on without the rows touching period 49.
    @Test func volatilityAroundABadClose() {
        var p = VolatilityParameters()
        p.rvWindow = 30
        p.zLookback = 400
        p.minSamples = 50
        p.harPeriod = 20
        p.refitEvery = 200
        var rng = RK.Random(seed: 23), logPrice = Foundation.log(3000.0)
        var close = (0..<6000).map { _ -> Double in
            logPrice += 1e-3 * rng.normal()
            return Foundation.exp(logPrice)
        }
        close[1000] = .nan
        let s = VolatilityRegime.compute(close: close, parameters: p)
        for i in 1000...(1001 + 29) { #expect(s.realized[i].isNaN, "bar \(i)") }
        for i in Array(30..<1000) + Array((1001 + 30)..<close.count) {
            var sum = 0.0
            for j in (i - 29)...i {
                let r = Foundation.log(close[j] / close[j - 1])
                sum += r * r
            }
            #expect(RK.relative(s.realized[i], sum.squareRoot()) < 1e-12, "bar \(i)")
        }
        #expect(!s.z[1001 + 30].isNaN && !s.z[5999].isNaN)
        // Period 49 (bars 981…1000) and 50 (1001…1020) hold the bad returns.
        let late = s.harFits.filter { $0.bar >= 2000 }
        #expect(!late.isEmpty)
        for fit in late { #expect(fit.samples < fit.periods - 22 && fit.coefficients.allSatisfy(\.isFinite)) }
        #expect(!s.forecast[5999].isNaN)
    }
}
