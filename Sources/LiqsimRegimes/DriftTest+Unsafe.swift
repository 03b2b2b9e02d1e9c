import Foundation

/// The trend label's statistic (docs/regimes.md, "Trend"): over each window of W values,
/// the mean change μ̂ = (y_i − y_{i−W+1}) ÷ n of its n = W − 1 changes r_k = y_k − y_{k−1},
/// and μ̂ ÷ its Newey–West (HAC, Bartlett kernel) standard error. Under a driftless random
/// walk — Gaussian, fat-tailed or with volatility clustering — that t is near N(0, 1), so
/// |t| > 2 flags ~5–8% of windows; the t of the level on time (spurious regression)
/// flagged 83–86%. O(L) per window from rolling lagged products, L the Bartlett lag.
enum DriftTest {
    /// Newey–West's rule L = ⌊4·(n/100)^(2/9)⌋, at most n − 1 (3 at W = 60, 4 at W = 240).
    static func lags(changes n: Int) -> Int {
        let rule = Int((4 * Foundation.pow(Double(n) / 100, 2.0 / 9)).rounded(.down))
        return max(0, min(rule, n - 1))
    }

    /// Below ω²·n = directFraction·Σr² the rolling form has lost more than ~1e-10 of ω².
    static let directFraction = 1e-3

    /// ω² of one window by plain loops over its demeaned changes (`y` at the window's first value).
    @inline(__always)
    static func direct(_ y: UnsafePointer<Double>, changes n: Int, mean m: Double, weights: [Double]) -> Double {
        var omega = 0.0
        for l in weights.indices {
            var gamma = 0.0
            for k in (1 + l)...n { gamma += ((y[k] - y[k - 1]) - m) * ((y[k - l] - y[k - l - 1]) - m) }
            omega += weights[l] * gamma / Double(n)
        }
        return omega
    }

    /// Per bar: μ̂ and its HAC t; NaN for bars 0…W−2 and for windows holding a non-finite
    /// value. A window without change has t = 0; one whose changes are all equal up to
    /// rounding (a perfect line) has t = ±`RollingOLS.tStatLimit` by μ̂'s sign. t is clamped
    /// to ±tStatLimit.
    ///
    /// With S_l = Σ_{k=l+1…n} r_k·r_{k−l} over the window (rolling: the entering change adds
    /// its l-th product, the leaving one removes its own; recomputed exactly every
    /// `RollingOLS.recentreEvery` windows and after a non-finite value leaves), and the
    /// telescoping partial sums A_l = Σ_{k>l} r_k = y_i − y_{first+l}, B_l = Σ_{k≤n−l} r_k =
    /// y_{i−l} − y_first:
    ///     n·γ_l = S_l − μ̂·(A_l + B_l) + (n − l)·μ̂²          (demeaned autocovariance)
    ///     ω² = γ_0 + 2·Σ_{l=1…L} (1 − l/(L+1))·γ_l,    t = μ̂ ÷ √(ω²/n).
    static func compute(_ values: [Double], window w: Int) -> (drift: [Double], t: [Double]) {
        let count = values.count
        var drift = HugePages.doubles(repeating: .nan, count: count)
        var tStat = HugePages.doubles(repeating: .nan, count: count)
        guard count >= w, w >= 3 else { return (drift, tStat) }
        let n = w - 1, lagCount = lags(changes: n), width = Double(n)
        let limit = RollingOLS.tStatLimit, inverseWidth = 1 / width
        var weights = [Double](repeating: 0, count: lagCount + 1)
        weights[0] = 1
        for l in stride(from: 1, through: lagCount, by: 1) { weights[l] = 2 * (1 - Double(l) / Double(lagCount + 1)) }
        var sums = [Double](repeating: 0, count: lagCount + 1)
        values.withUnsafeBufferPointer { y in
            drift.withUnsafeMutableBufferPointer { mu in
                tStat.withUnsafeMutableBufferPointer { out in
                    sums.withUnsafeMutableBufferPointer { s in
                        weights.withUnsafeBufferPointer { weight in
                            var lastBad = -1
                            for j in 0..<(w - 1) where !y[j].isFinite { lastBad = j }
                            var i = w - 1, recomputeAt = i
                            while i < count {
                                let first = i - n
                                if !y[i].isFinite { lastBad = i }
                                if lastBad >= first { recomputeAt = i + 1; i += 1; continue }
                                if i == recomputeAt {
                                    for l in 0...lagCount {
                                        var sum = 0.0
                                        for k in (first + 1 + l)...i { sum += (y[k] - y[k - 1]) * (y[k - l] - y[k - l - 1]) }
                                        s[l] = sum
                                    }
                                    recomputeAt = i + RollingOLS.recentreEvery
                                } else {
                                    // Changes of the new window are k = first+1…i: r_i enters, r_first leaves.
                                    let entering = y[i] - y[i - 1], leaving = y[first] - y[first - 1]
                                    for l in 0...lagCount {
                                        s[l] += entering * (y[i - l] - y[i - l - 1]) - leaving * (y[first + l] - y[first + l - 1])
                                    }
                                }
                                let m = (y[i] - y[first]) / width
                                mu[i] = m
                                // ω²·n = Σ_l w_l·n·γ_l: one multiplication by 1/n at the end.
                                var sum = 0.0
                                for l in 0...lagCount {
                                    let a = y[i] - y[first + l], b = y[i - l] - y[first]
                                    sum += weight[l] * (s[l] - m * (a + b) + (width - Double(l)) * m * m)
                                }
                                var omega = sum * inverseWidth
                                // Where the sums cancel (ω²·n a small part of Σr², a near-perfect line or
                                // an alternating series) or the window is small, refit directly in O(n·L).
                                if n <= RollingOLS.directWidth || omega * width < directFraction * s[0] {
                                    omega = direct(y.baseAddress! + first, changes: n, mean: m, weights: weights)
                                }
                                // Rounding of the changes themselves is ~ε·|y|: a long-run variance below
                                // that level is zero (a perfect line or a constant window).
                                let level = 64 * Double.ulpOfOne * (abs(y[i]) + abs(y[first]))
                                if omega <= level * level {
                                    out[i] = m > 0 ? limit : (m < 0 ? -limit : 0)
                                } else {
                                    out[i] = Swift.min(Swift.max(m / (omega * inverseWidth).squareRoot(), -limit), limit)
                                }
                                i += 1
                            }
                        }
                    }
                }
            }
        }
        return (drift, tStat)
    }
}
