import Foundation
import Testing
@testable import LiqsimBacktest

/// PBO on simulated trials where the truth is known.
@Suite("Probability of backtest overfitting")
struct OverfittingProbabilityTests {
    /// Per trial, (bars, Σr, Σr²) per block of `bars` returns with the given means.
    static func blocks(means: [Double], bars: Int, splits: Int, draws: inout Draws) -> [[Double]] {
        means.map { mean in
            var out: [Double] = []
            for b in 0..<splits {
                let count = (b + 1) * bars / splits - b * bars / splits
                var sum = 0.0, squares = 0.0
                for _ in 0..<count {
                    let r = mean + 0.01 * draws.normal()
                    sum += r; squares += r * r
                }
                out += [Double(count), sum, squares]
            }
            return out
        }
    }

    @Test func oneGenuinelyBetterPointGivesNearZero() throws {
        var draws = Draws(seed: 7)
        let means = [0.002] + Array(repeating: 0.0, count: 19)
        let p = try #require(OverfittingProbability.estimate(blocks: Self.blocks(means: means, bars: 1_600, splits: 16, draws: &draws), splits: 16))
        #expect(p.combinations == 12_870 && p.trials == 20 && p.splits == 16)
        #expect(p.pbo < 0.02, "\(p.pbo)")
    }

    @Test func pureNoiseGivesNearAHalf() throws {
        var total = 0.0
        for seed in 1...8 {
            var draws = Draws(seed: UInt64(seed))
            let p = try #require(OverfittingProbability.estimate(blocks: Self.blocks(means: Array(repeating: 0, count: 20), bars: 1_600, splits: 10, draws: &draws),
                                                                 splits: 10))
            total += p.pbo
        }
        #expect(abs(total / 8 - 0.5) < 0.1, "mean PBO over 8 noise grids \(total / 8)")
    }

    /// A tiny case by hand: 2 blocks, 3 trials with per-block Sharpes (2, −2), (1, 2), (−2, 1).
    /// Split {0}|{1}: the in-sample best is trial 0, worst out of sample (rank 1 of 3:
    /// ω = 1/4, λ = ln(1/3)); split {1}|{0}: trial 1, middle out of sample (rank 2: ω = 1/2,
    /// λ = 0). PBO = 2/2.
    @Test func aHandCaseCountsLogitsAtOrBelowZero() throws {
        // Per block: 2 bars with returns (a, b): Σr = a + b, Σr² = a² + b².
        func block(_ a: Double, _ b: Double) -> [Double] { [2, a + b, a * a + b * b] }
        let trials = [block(0.03, 0.01) + block(-0.01, -0.03),    // Sharpe 2, then −2
                      block(0.01, 0.00) + block(0.03, 0.01),      // 1, then 2
                      block(-0.01, -0.03) + block(0.02, 0.00)]    // −2, then 1
        let p = try #require(OverfittingProbability.estimate(blocks: trials, splits: 2))
        #expect(p.combinations == 2)
        #expect(abs(p.logits[0] - log(0.25 / 0.75)) < 1e-12 && abs(p.logits[1] - 0) < 1e-12)
        #expect(p.pbo == 1)
        #expect(OverfittingProbability.estimate(blocks: [trials[0]], splits: 2) == nil, "one trial: nothing to choose from")
    }

    /// The estimate sums each split's blocks from one flat array: every λ is bit for bit the
    /// one `sharpe(_:mask:splits:)` gives per trial and mask (so PBO, and the digest, stay).
    @Test func logitsAreThoseOfTheMaskedSharpes() throws {
        var draws = Draws(seed: 11)
        let s = 8, blocks = Self.blocks(means: (0..<9).map { Double($0) * 1e-4 }, bars: 640, splits: s, draws: &draws)
        let p = try #require(OverfittingProbability.estimate(blocks: blocks, splits: s))
        var expected: [Double] = []
        for mask in 0..<(1 << s) where mask.nonzeroBitCount == s / 2 {
            let inSample = blocks.map { OverfittingProbability.sharpe($0, mask: mask, splits: s) }
            let outOfSample = blocks.map { OverfittingProbability.sharpe($0, mask: ~mask & ((1 << s) - 1), splits: s) }
            let best = inSample.indices.max { (inSample[$0], -$0) < (inSample[$1], -$1) }!
            let below = outOfSample.filter { $0 < outOfSample[best] }.count, equal = outOfSample.filter { $0 == outOfSample[best] }.count
            let omega = (Double(below) + Double(equal + 1) / 2) / Double(blocks.count + 1)
            expected.append(log(omega / (1 - omega)))
        }
        #expect(p.logits == expected && p.combinations == 70)
    }
}
