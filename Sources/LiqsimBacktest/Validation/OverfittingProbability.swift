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
        // Every trial's blocks in one array, and each split's blocks listed once for all trials
        // (the sums run over the same blocks in the same order as `sharpe(_:mask:splits:)`).
        let flat = blocks.flatMap { $0 }, width = 3 * s
        // A split and its complement swap the two sides: one pass over the blocks gives both
        // λs (the complement's in-sample sums are this split's out-of-sample sums, over the
        // same blocks in the same order: the same doubles), so half the splits are summed.
        let masks = (0..<(1 << s)).filter { $0.nonzeroBitCount == s / 2 }, all = (1 << s) - 1
        var logits = [Double](repeating: 0, count: masks.count)
        var chosenBlocks: [Int] = [], otherBlocks: [Int] = []
        for (position, mask) in masks.enumerated() where mask & (1 << (s - 1)) == 0 {
            chosenBlocks.removeAll(keepingCapacity: true); otherBlocks.removeAll(keepingCapacity: true)
            for k in 0..<s { if mask & (1 << k) != 0 { chosenBlocks.append(3 * k) } else { otherBlocks.append(3 * k) } }
            for t in 0..<n {
                inSample[t] = sharpe(flat, from: t * width, blocks: chosenBlocks)
                outOfSample[t] = sharpe(flat, from: t * width, blocks: otherBlocks)
            }
            logits[position] = logit(inSample: inSample, outOfSample: outOfSample)
            // Masks ascend, so the complement's position is found by binary search.
            let complement = all ^ mask
            var low = position + 1, high = masks.count - 1
            while low < high { let mid = (low + high) / 2; if masks[mid] < complement { low = mid + 1 } else { high = mid } }
            logits[low] = logit(inSample: outOfSample, outOfSample: inSample)
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

    /// `sharpe(_:mask:splits:)` of the trial whose blocks start at `flat[from]`, over the
    /// blocks at offsets `blocks` (3 × the block's index, ascending).
    static func sharpe(_ flat: [Double], from: Int, blocks: [Int]) -> Double {
        var count = 0.0, sum = 0.0, squares = 0.0
        for k in blocks {
            count += flat[from + k]; sum += flat[from + k + 1]; squares += flat[from + k + 2]
        }
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
        guard count > 1 else { return 0 }
        let mean = sum / count, variance = squares / count - mean * mean
        return variance > 0 ? mean / variance.squareRoot() : 0
    }
}
