import Foundation

/// The probability of backtest overfitting by combinatorially symmetric cross-validation
/// (Bailey, Borwein, López de Prado and Zhu 2017; docs/metrics.md, "PBO"). The bars are cut
/// into S blocks; every way of taking S/2 of them as the in-sample set (the rest out of
/// sample) picks the trial with the best in-sample Sharpe ratio and finds its relative rank
/// ω among all trials out of sample; λ = ln(ω ÷ (1 − ω)); PBO = the share of splits with λ ≤ 0
/// (the in-sample best at or below the out-of-sample median).
public struct OverfittingProbability: Sendable, Equatable {
    public var splits: Int
    public var combinations: Int
    public var trials: Int
    /// The share of combinations whose in-sample best ranks at or below the median out of sample.
    public var pbo: Double
    /// λ per combination, in the order the combinations were enumerated (ascending bit masks).
    public var logits: [Double]

    /// `blocks`: per trial, (bars, Σr, Σr²) per block (`RunResult.blocks`), all with `splits` blocks.
    public static func estimate(blocks: [[Double]], splits s: Int) -> OverfittingProbability? {
        let n = blocks.count
        guard n >= 2, s >= 2, s % 2 == 0, blocks.allSatisfy({ $0.count == 3 * s }) else { return nil }
        var inSample = [Double](repeating: 0, count: n), outOfSample = inSample
        // The blocks block-major, trials innermost (`columns[3k][t]` = trial t's bars in block
        // k, then Σr, Σr²): a split's sums run over its blocks in ascending order for every
        // trial at once, so the additions of different trials are independent (vectorized)
        // while each trial's sum is the same chain as `sharpe(_:mask:splits:)` adds.
        let columns = (0..<(3 * s)).map { j in blocks.map { $0[j] } }
        var count = [Double](repeating: 0, count: n), sum = count, squares = count
        func sharpes(_ mask: Int, into out: inout [Double]) {
            Self.sharpes(columns, mask: mask, splits: s, count: &count, sum: &sum, squares: &squares, into: &out)
        }
        // A split and its complement swap the two sides: one pass gives both λs, so half the
        // splits are summed. The complement (all ones minus the mask) reverses the masks'
        // ascending order, so the i-th mask's complement is the i-th from the end; the first
        // half are the masks without the last block.
        let masks = (0..<(1 << s)).filter { $0.nonzeroBitCount == s / 2 }, all = (1 << s) - 1
        var logits = [Double](repeating: 0, count: masks.count)
        for position in 0..<masks.count / 2 {
            let mask = masks[position], other = masks.count - 1 - position
            sharpes(mask, into: &inSample)
            sharpes(all ^ mask, into: &outOfSample)
            logits[position] = logit(inSample: inSample, outOfSample: outOfSample)
            logits[other] = logit(inSample: outOfSample, outOfSample: inSample)
        }
        let overfit = logits.filter { $0 <= 0 }.count
        return OverfittingProbability(splits: s, combinations: logits.count, trials: n, pbo: Double(overfit) / Double(logits.count), logits: logits)
    }

    /// λ of one split: the in-sample best trial's relative rank ω among all trials out of
    /// sample (mid-rank among ties, 1 … N; ω = rank ÷ (N + 1)), λ = ln(ω ÷ (1 − ω)).
    static func logit(inSample: [Double], outOfSample: [Double]) -> Double {
        let n = inSample.count
        var best = 0
        for t in 1..<n where inSample[t] > inSample[best] { best = t }
        let chosen = outOfSample[best]
        var below = 0, equal = 0
        for v in outOfSample { if v < chosen { below += 1 } else if v == chosen { equal += 1 } }
        let rank = Double(below) + Double(equal + 1) / 2
        let omega = rank / Double(n + 1)
        return log(omega / (1 - omega))
    }

    /// The per-bar Sharpe ratio (population σ) from a split's sums; 0 without variance.
    @inline(__always)
    static func sharpe(count: Double, sum: Double, squares: Double) -> Double {
        guard count > 1 else { return 0 }
        let mean = sum / count, variance = squares / count - mean * mean
        return variance > 0 ? mean / variance.squareRoot() : 0
    }

    /// The per-bar Sharpe ratio (population σ) over the blocks in `mask`; 0 without variance.
    static func sharpe(_ b: [Double], mask: Int, splits: Int) -> Double {
        var count = 0.0, sum = 0.0, squares = 0.0
        for k in 0..<splits where mask & (1 << k) != 0 {
            count += b[3 * k]; sum += b[3 * k + 1]; squares += b[3 * k + 2]
        }
        return sharpe(count: count, sum: sum, squares: squares)
    }
}
