import Foundation
import Testing
import LiqsimCore
import LiqsimResultFiles

/// Draws for the significance and PBO tests.
struct Draws {
    var random: SeededRandom
    init(seed: UInt64) { random = SeededRandom(seed: seed) }
    /// Uniform on (0, 1).
    mutating func uniform() -> Double { (Double(random.next() >> 11) + 0.5) / 9_007_199_254_740_992 }
    /// Standard normal (Box–Muller).
    mutating func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
    /// Exponential with mean 1: skewness 2, kurtosis 9.
    mutating func exponential() -> Double { -log(uniform()) }
}

@Suite("Sharpe significance")
struct SignificanceTests {
    @Test func theNormalQuantileInvertsTheDistributionFunction() {
        #expect(abs(Significance.normalQuantile(0.975) - 1.959963984540054) < 1e-14)
        #expect(abs(Significance.normalQuantile(0.99) - 2.3263478740408408) < 1e-14)
        #expect(abs(Significance.normalQuantile(1e-10) - -6.361340902404056) < 1e-10)
        #expect(Significance.normalQuantile(0.5) == 0 && Significance.normalQuantile(0) == -.infinity)
        for p in stride(from: 0.001, to: 1, by: 0.0497) {
            #expect(abs(Significance.normalCDF(Significance.normalQuantile(p)) - p) < 1e-15)
        }
    }

    /// Bailey and López de Prado (2014), "The Deflated Sharpe Ratio", section 5's example:
    /// an annualised Sharpe of 2.5 over 5 years of daily returns (T = 1,250, 250 a year),
    /// skewness −3, kurtosis 10, the best of N = 100 trials whose annualised Sharpes vary by
    /// V = 1/2: the expected maximum is 0.1132 per day and DSR = 0.9004.
    @Test func theDeflatedSharpeReproducesThePublishedExample() {
        let daily = 2.5 / 250.0.squareRoot(), variance = 0.5 / 250
        let expected = Significance.expectedMaximumSharpe(trials: 100, variance: variance)
        #expect(abs(expected - 0.1132) < 5e-5)
        let dsr = Significance.deflatedSharpe(sharpe: daily, n: 1_250, skew: -3, kurtosis: 10, trials: 100, variance: variance)
        #expect(abs(dsr - 0.9004) < 5e-5, "\(dsr)")
    }

    /// Normal returns (γ₃ = 0, γ₄ = 3): Lo's (2002) √((1 + ŝ²/2) ÷ (n − 1)).
    @Test func normalReturnsGiveLosStandardError() {
        for s in [0.0, 0.1, 0.5] {
            #expect(abs(Significance.sharpeStandardError(sharpe: s, n: 101, skew: 0, kurtosis: 3) - ((1 + s * s / 2) / 100).squareRoot()) < 1e-15)
        }
        #expect(Significance.sharpeStandardError(sharpe: 0.1, n: 1, skew: 0, kurtosis: 3).isNaN)
        #expect(abs(Significance.probabilisticSharpe(sharpe: 0, n: 50, skew: 0, kurtosis: 3) - 0.5) < 1e-15)
    }

    /// An independent computation: the spread of estimated Sharpe ratios over many samples
    /// of skewed returns (exponential noise: skewness 2, kurtosis 9) matches Mertens' SE,
    /// and not the normal-returns formula, which overstates it by a third here.
    @Test func theStandardErrorMatchesAMonteCarloOfSkewedReturns() {
        var draws = Draws(seed: 13)
        let n = 250, samples = 4_000, trueSharpe = 0.3
        var estimates: [Double] = []
        for _ in 0..<samples {
            var sum = 0.0, squares = 0.0
            for _ in 0..<n {
                let r = trueSharpe + (draws.exponential() - 1)
                sum += r; squares += r * r
            }
            let mean = sum / Double(n), sd = (squares / Double(n) - mean * mean).squareRoot()
            estimates.append(mean / sd)
        }
        let spread = Significance.variance(estimates).squareRoot()
        let mertens = Significance.sharpeStandardError(sharpe: trueSharpe, n: n, skew: 2, kurtosis: 9)
        let lo = Significance.sharpeStandardError(sharpe: trueSharpe, n: n, skew: 0, kurtosis: 3)
        #expect(abs(spread / mertens - 1) < 0.06, "Monte Carlo \(spread), Mertens \(mertens)")
        #expect(abs(spread / lo - 1) > 0.2, "the normal formula \(lo) would be wrong")
    }

    /// The same best Sharpe deflates further the more trials it was picked from.
    @Test func theDeflatedSharpeFallsAsTrialsGrow() {
        let values = [1, 2, 10, 100, 1_000, 10_000].map {
            Significance.deflatedSharpe(sharpe: 0.1, n: 1_000, skew: 0, kurtosis: 3, trials: $0, variance: 0.001)
        }
        #expect(values[0] == Significance.probabilisticSharpe(sharpe: 0.1, n: 1_000, skew: 0, kurtosis: 3), "one trial: DSR = PSR")
        for (a, b) in zip(values, values.dropFirst()) { #expect(b < a, "\(values)") }
        #expect(values.last! < 0.5)
    }
}
