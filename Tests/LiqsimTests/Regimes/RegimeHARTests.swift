import Foundation
import Testing
import LiqsimRegimes

@Suite("Regime HAR-RV")
struct RegimeHARTests {
    static let truth = [2e-5, 0.35, 0.30, 0.20]

    /// Period variances from a known HAR model with multiplicative noise exp(σε − σ²/2)
    /// (mean 1, so the model is the conditional mean) after a burn-in, then bar closes whose squared log
    /// returns in period d sum to exactly RV_d: P returns of ±√(RV_d/P), alternating.
    static func synthetic(periods: Int, period: Int, noise: Double, seed: UInt64) -> (rv: [Double], close: [Double]) {
        var rng = RK.Random(seed: seed)
        let mean = truth[0] / (1 - truth[1] - truth[2] - truth[3])
        var rv = [Double](repeating: mean, count: 22)
        let burnIn = 100   // drop the constant start: its first rows are collinear
        while rv.count < periods + burnIn {
            let t = rv.count - 1
            let weekly = rv[(t - 4)...t].reduce(0, +) / 5, monthly = rv[(t - 21)...t].reduce(0, +) / 22
            let conditional = truth[0] + truth[1] * rv[t] + truth[2] * weekly + truth[3] * monthly
            rv.append(conditional * Foundation.exp(noise * rng.normal() - noise * noise / 2))
        }
        rv.removeFirst(burnIn)
        var close = [100.0], logPrice = Foundation.log(100.0)
        for d in 0..<periods {
            let step = (rv[d] / Double(period)).squareRoot()
            for k in 0..<period {
                logPrice += k % 2 == 0 ? step : -step
                close.append(Foundation.exp(logPrice))
            }
        }
        return (rv, close)
    }

    static func parameters(period: Int, refitEvery: Int) -> VolatilityParameters {
        var p = VolatilityParameters()
        p.rvWindow = period
        p.zLookback = 10 * period
        p.minSamples = period
        p.harPeriod = period
        p.refitEvery = refitEvery
        return p
    }

    /// 2,000 periods of 20 bars: the last fit recovers the generating coefficients.
    @Test func recoversKnownCoefficients() throws {
        let (_, close) = Self.synthetic(periods: 2000, period: 20, noise: 0.05, seed: 8)
        let s = VolatilityRegime.compute(close: close, parameters: Self.parameters(period: 20, refitEvery: 1000))
        let last = try #require(s.harFits.last)
        #expect(last.periods == 2000 && last.samples == 1978)
        #expect(abs(last.coefficients[0] - Self.truth[0]) < 0.2 * Self.truth[0], "\(last.coefficients)")
        for k in 1...3 { #expect(abs(last.coefficients[k] - Self.truth[k]) < 0.05, "\(last.coefficients)") }
    }

    /// The fit equals an independent normal-equations solve on period variances computed
    /// in the test from the closes; every forecast is that fit applied to the latest
    /// completed periods.
    @Test func fitsAndForecastsMatchIndependentComputation() throws {
        let period = 20
        let (_, close) = Self.synthetic(periods: 300, period: period, noise: 0.2, seed: 9)
        let s = VolatilityRegime.compute(close: close, parameters: Self.parameters(period: period, refitEvery: 130))
        // Independent period variances from the closes.
        let complete = (close.count - 1) / period
        let rv = (0..<complete).map { d in
            ((d * period + 1)...((d + 1) * period)).reduce(0.0) { sum, j in
                let r = Foundation.log(close[j] / close[j - 1])
                return sum + r * r
            }
        }
        func regressors(_ t: Int) -> [Double] {
            [1, rv[t], rv[(t - 4)...t].reduce(0, +) / 5, rv[(t - 21)...t].reduce(0, +) / 22]
        }
        #expect(!s.harFits.isEmpty)
        for fit in s.harFits {
            #expect(fit.bar % 130 == 0 && fit.periods == fit.bar / period && fit.samples == fit.periods - 22)
            let design = (21..<(fit.periods - 1)).flatMap(regressors)
            let y = (22..<fit.periods).map { rv[$0] }
            let beta = RK.normalEquations(design: design, rows: y.count, columns: 4, y: y)
            for k in 0..<4 { #expect(RK.relative(fit.coefficients[k], beta[k], floor: 1e-6) < 1e-7, "\(fit.coefficients) vs \(beta)") }
        }
        // First fit: the first refit bar (multiple of 130) with ⌊bar/20⌋ ≥ 27 periods: 650.
        #expect(s.harFits.first?.bar == 650)
        #expect(s.forecast[0..<650].allSatisfy { $0.isNaN })
        for i in 650..<close.count {
            let model = s.harFits.last { $0.bar <= i }!
            let x = regressors(i / period - 1)
            let expected = (0..<4).reduce(0.0) { $0 + model.coefficients[$1] * x[$1] }
            #expect(RK.relative(s.forecast[i], expected) < 1e-12, "bar \(i)")
        }
    }

    /// The documented minimum: the first fit needs 27 completed periods (5 samples).
    @Test func minimumPeriods() {
        let (_, close) = Self.synthetic(periods: 40, period: 20, noise: 0.3, seed: 10)
        let s = VolatilityRegime.compute(close: close, parameters: Self.parameters(period: 20, refitEvery: 20))
        #expect(HARRV.minimumPeriods == 27)
        #expect(s.harFits.first?.bar == 540 && s.harFits.first?.periods == 27 && s.harFits.first?.samples == 5)
        #expect(s.forecast[539].isNaN && !s.forecast[540].isNaN)
    }
}
