extension RollingOLS {
    /// The fast path's serial pass. Over u = y − c, with c = the first bar of the window
    /// that opens a block of `recentreEvery` windows, keeps S0 = Σu, S1 = Σ k·u_k
    /// (k = 0…W−1 in the window), S2 = Σu², and slides them in O(1):
    ///     S0' = S0 − u_out + u_in,   S1' = S1 + W·u_in − S0',   S2' = S2 − u_out² + u_in².
    /// Each block starts from sums recomputed exactly, so rounding drift never exceeds one
    /// block's worth. Then ū = S0/W, Sxy = S1 − (W−1)/2·S0, slope = Sxy/Sxx,
    /// TSS = S2 − S0·ū, staged and finished block by block (`TrendStage`). Constant windows are detected
    /// exactly (no change of y inside) and staged as zeros, so a flat market reads
    /// slope 0, t 0, not rounding noise.
    static func fillBySums(_ values: [Double], _ stage: TrendStage) {
        let w = stage.window, n = stage.count
        let width = Double(w), inverseWidth = 1 / width, half = (width - 1) / 2
        let inverseSxx = 12 / (width * (width * width - 1))
        values.withUnsafeBufferPointer { y in
            // Latest bar j ≥ 1 with y[j] ≠ y[j−1]: the window ending at i is constant iff
            // that bar is at or before its first bar i−W+1.
            var lastChange = 0
            for j in 1..<(w - 1) where y[j] != y[j - 1] { lastChange = j }
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, c = 0.0
            var i = w - 1, blockEnd = i
            while i < n {
                let first = i - w + 1
                if y[i] != y[i - 1] { lastChange = i }
                if i == blockEnd {
                    if i > w - 1 { TrendSeries.finish(stage, windowsEndingIn: (i - recentreEvery)..<i) }
                    // Re-centre: fresh exact sums around this window's first value.
                    c = y[first]
                    s0 = 0; s1 = 0; s2 = 0
                    for k in 0..<w {
                        let u = y[first + k] - c
                        s0 += u
                        s1 += Double(k) * u
                        s2 += u * u
                    }
                    blockEnd = i + recentreEvery
                } else {
                    let uIn = y[i] - c, uOut = y[first - 1] - c
                    s0 += uIn - uOut
                    s1 += width * uIn - s0
                    s2 += uIn * uIn - uOut * uOut
                }
                let mean = s0 * inverseWidth
                let flat = lastChange <= first
                stage.slope[i] = flat ? 0 : (s1 - half * s0) * inverseSxx
                stage.tss[i] = flat ? 0 : s2 - s0 * mean
                stage.sumSquares[i] = flat ? 0 : s2
                stage.lastDeviation[i] = flat ? 0 : (y[i] - c) - mean
                i += 1
            }
            TrendSeries.finish(stage, windowsEndingIn: (blockEnd - recentreEvery)..<n)
        }
    }
}
