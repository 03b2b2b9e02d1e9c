import Foundation
import Testing
import LiqsimRegimes

@Suite("Regime HAR-RV")
struct RegimeHARTests {
    /// The log model's coefficients: mean ln RV = −1.7 ÷ 0.15 ≈ −11.3 (RV ≈ 1.2e-5).
    static let truth = [-1.7, 0.35, 0.30, 0.20]

    /// Period variances from a known log-HAR model,
    /// ln RV_{t+1} = β·[1, ln RV_t, ln mean(RV_{t−4…t}), ln mean(RV_{t−21…t})] + σε, after a
    /// burn-in, then bar closes whose squared log returns in period d sum to exactly RV_d:
    /// P returns of ±√(RV_d/P), alternating.
    static func synthetic(periods: Int, period: Int, noise: Double, seed: UInt64) -> (rv: [Double], close: [Double]) {
        var rng = RK.Random(seed: seed)
        var rv = [Double](repeating: Foundation.exp(truth[0] / (1 - truth[1] - truth[2] - truth[3])), count: 22)
        let burnIn = 100   // drop the constant start: its first rows are collinear
        while rv.count < periods + burnIn {
            let t = rv.count - 1
            let weekly = rv[(t - 4)...t].reduce(0, +) / 5, monthly = rv[(t - 21)...t].reduce(0, +) / 22
            let log = truth[0] + truth[1] * Foundation.log(rv[t]) + truth[2] * Foundation.log(weekly) + truth[3] * Foundation.log(monthly)
            rv.append(Foundation.exp(log + noise * rng.normal()))
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
        let (_, close) = Self.synthetic(periods: 2000, period: 20, noise: 0.3, seed: 8)
        let s = VolatilityRegime.compute(close: close, parameters: Self.parameters(period: 20, refitEvery: 1000))
        let last = try #require(s.harFits.last)
        #expect(last.periods == 2000 && last.samples == 1978)
        #expect(abs(last.coefficients[0] - Self.truth[0]) < 0.2 * abs(Self.truth[0]), "\(last.coefficients)")
        #expect(abs(last.residualVariance - 0.09) < 0.01, "\(last.residualVariance)")
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
            [1, Foundation.log(rv[t]), Foundation.log(rv[(t - 4)...t].reduce(0, +) / 5), Foundation.log(rv[(t - 21)...t].reduce(0, +) / 22)]
        }
        #expect(!s.harFits.isEmpty)
        for fit in s.harFits {
            #expect(fit.bar % 130 == 0 && fit.periods == fit.bar / period && fit.samples == fit.periods - 22)
            let design = (21..<(fit.periods - 1)).flatMap(regressors)
            let y = (22..<fit.periods).map { Foundation.log(rv[$0]) }
            let beta = RK.normalEquations(design: design, rows: y.count, columns: 4, y: y)
            for k in 0..<4 { #expect(RK.relative(fit.coefficients[k], beta[k], floor: 1e-6) < 1e-7, "\(fit.coefficients) vs \(beta)") }
            let rss = y.indices.reduce(0.0) { sum, r in
                let e = y[r] - (0..<4).reduce(0.0) { $0 + beta[$1] * design[r * 4 + $1] }
                return sum + e * e
            }
            #expect(RK.relative(fit.rss, rss) < 1e-7, "\(fit.rss) vs \(rss)")
        }
        // First fit: the first refit bar (multiple of 130) with ⌊bar/20⌋ ≥ 27 periods: 650.
        #expect(s.harFits.first?.bar == 650)
        #expect(s.forecast[0..<650].allSatisfy { $0.isNaN })
        for i in 650..<close.count {
            let model = s.harFits.last { $0.bar <= i }!
            let x = regressors(i / period - 1)
            let log = (0..<4).reduce(0.0) { $0 + model.coefficients[$1] * x[$1] }
            let expected = Foundation.exp(log + model.rss / Double(model.samples - 4) / 2)
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
        #expect(s.forecastGap(at: 539) == "not enough data: 26 of 27 HAR periods of 20 bars")
        #expect(s.forecastGap(at: 0) == "not enough data: 0 of 27 HAR periods of 20 bars")
        #expect(s.forecastGap(at: 540) == nil)
    }

    /// 1m log returns with volatility clustering and a crash (−8.4% in one bar, then a
    /// week of tripled volatility), HAR periods of 10 bars as in issue 12's report: every
    /// forecast is positive and finite, and none exceeds the largest observed period
    /// variance by more than a factor 10 (the linear model went to 0.39 against 0.007).
    @Test func forecastsStayPositiveThroughACrash() {
        var rng = RK.Random(seed: 12), logPrice = Foundation.log(90_000.0), variance = 1e-6, last = 0.0
        var close = [90_000.0]
        for i in 1..<20_000 {
            variance = 0.05e-6 * (i > 12_000 && i < 22_000 ? 9 : 1) + 0.1 * last * last + 0.85 * variance
            last = i == 12_000 ? -0.084 : variance.squareRoot() * rng.normal()
            logPrice += last
            close.append(Foundation.exp(logPrice))
        }
        let s = VolatilityRegime.compute(close: close, parameters: Self.parameters(period: 10, refitEvery: 10))
        let squared = (1..<close.count).map { j in Foundation.pow(Foundation.log(close[j] / close[j - 1]), 2) }
        let largest = stride(from: 0, to: squared.count - 9, by: 10).map { squared[$0..<($0 + 10)].reduce(0, +) }.max()!
        let defined = s.forecast.filter { !$0.isNaN }
        #expect(defined.count > 19_000)
        #expect(defined.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(defined.max()! < 10 * largest, "\(defined.max()!) vs \(largest)")
        #expect(s.forecastGap(at: 100) == "not enough data: 10 of 27 HAR periods of 10 bars")
    }
}
