extension VolatilityRegime {
    /// Windows between exact recomputations of a rolling sum: add/subtract rounding drift
    /// never accumulates over more than this many updates.
    static let recomputeEvery = 1024

    /// realized[i] = √(Σ r_j², j = i−window+1…i) for i ≥ window, else NaN; NaN too for a
    /// window holding a non-finite r² (a close that is NaN, ∞ or ≤ 0). O(1) per bar: a
    /// rolling sum recomputed exactly every `recomputeEvery` bars (and after a non-finite
    /// value leaves), so the residue a large return leaves after it slides out is
    /// bounded by one block.
    static func rollingRealized(squared: [Double], window: Int) -> [Double] {
        let n = squared.count
        var out = HugePages.doubles(repeating: .nan, count: n)
        guard n > window else { return out }
        squared.withUnsafeBufferPointer { sq in
            out.withUnsafeMutableBufferPointer { rv in
                var lastBad = -1
                for j in 1..<window where !sq[j].isFinite { lastBad = j }
                var sum = 0.0, i = window, recomputeAt = window
                while i < n {
                    if !sq[i].isFinite { lastBad = i }
                    if lastBad > i - window {
                        recomputeAt = i + 1     // leave rv[i] NaN; never slide past the bad value
                    } else {
                        if i == recomputeAt {
                            sum = 0
                            for j in (i - window + 1)...i { sum += sq[j] }
                            recomputeAt = i + recomputeEvery
                        } else {
                            sum += sq[i] - sq[i - window]
                        }
                        rv[i] = max(sum, 0).squareRoot()
                    }
                    i += 1
                }
            }
        }
        return out
    }

    /// z[i] = (v[i] − m) ÷ s over the defined (non-NaN) values v[j], j = i−lookback … i−1:
    /// m their mean, s their sample standard deviation (n − 1). NaN while fewer than
    /// `minSamples` are defined or v[i] is NaN; 0 when s = 0.
    ///
    /// O(1) per bar: count, Σd and Σd² of d = v − c slide with the window; c is the first
    /// value added to an empty window and the sums are recomputed exactly (around a fresh
    /// c, the window's first defined value) every `lookback` bars — re-centring keeps
    /// Σd² − (Σd)²/n from cancelling when the level moves far from an old c.
    static func trailingZScores(_ values: [Double], lookback: Int, minSamples: Int) -> [Double] {
        let n = values.count
        var out = HugePages.doubles(repeating: .nan, count: n)
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { z in
                var count = 0, s1 = 0.0, s2 = 0.0, c = 0.0
                var nextRecompute = 1
                for i in 1..<max(n, 1) {
                    let lo = max(0, i - lookback)
                    if i == nextRecompute {
                        count = 0; s1 = 0; s2 = 0
                        for j in lo..<i where !v[j].isNaN {
                            if count == 0 { c = v[j] }
                            let d = v[j] - c
                            count += 1; s1 += d; s2 += d * d
                        }
                        nextRecompute = i + lookback
                    } else {
                        let entering = v[i - 1]
                        if !entering.isNaN {
                            if count == 0 { c = entering; s1 = 0; s2 = 0 }
                            let d = entering - c
                            count += 1; s1 += d; s2 += d * d
                        }
                        if i - 1 - lookback >= 0, !v[i - 1 - lookback].isNaN {
                            let d = v[i - 1 - lookback] - c
                            count -= 1; s1 -= d; s2 -= d * d
                            if count == 0 { s1 = 0; s2 = 0 }
                        }
                    }
                    guard count >= minSamples, !v[i].isNaN else { continue }
                    let k = Double(count)
                    var ss = s2 - s1 * s1 / k
                    // Below ~1024 ulp of Σd² the spread is rounding noise: the values are equal.
                    if ss <= 1024 * Double.ulpOfOne * s2 { ss = 0 }
                    let deviation = v[i] - (c + s1 / k)
                    z[i] = ss == 0 ? 0 : deviation / (ss / (k - 1)).squareRoot()
                }
            }
        }
        return out
    }
}
