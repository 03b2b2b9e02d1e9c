extension RollingOLS {
    /// Below RSS = hardFraction·Σu² the O(1) RSS has a relative error above ~1e-10.
    static let hardFraction = 1e-5

    /// Windows up to this width are always fit directly (O(W) is then a small constant):
    /// with a few points, near-perfect fits are common and the rolling sums' drift around
    /// the block's reference is large next to the window's own spread (1M bars of a
    /// random walk at W = 3 had 739 windows off by > 1e-9 in t before this; none at W = 10).
    static let directWidth = 16

    /// The fast path's serial pass. Over u = y − c, with c = the first bar of the window
    /// at which the sums were last recomputed, keeps S0 = Σu, S1 = Σ k·u_k (k = 0…W−1 in
    /// the window), S2 = Σu², and slides them in O(1):
    ///     S0' = S0 − u_out + u_in,   S1' = S1 + W·u_in − S0',   S2' = S2 − u_out² + u_in².
    /// The sums are recomputed exactly around a fresh c every `recentreEvery` windows (and
    /// when a non-finite value has just left the window), so rounding drift never exceeds
    /// one block's worth. Then ū = S0/W, Sxy = S1 − (W−1)/2·S0, slope = Sxy/Sxx,
    /// TSS = S2 − S0·ū, RSS = TSS − slope·Sxy are staged and finished block by block
    /// (`TrendStage`). Where RSS < 1e-5·S2 that subtraction has lost too many digits and
    /// the window is refit directly in O(W) (`TrendStage.directFit`; near-perfect fits
    /// only: none in 1M bars of a random walk at W = 60, ~2% of windows at W = 3).
    /// Constant windows are detected exactly (no change of y inside) and staged as zeros,
    /// so a flat market reads slope 0, t 0, not rounding noise; windows holding a NaN or
    /// infinity are staged as NaN.
    static func fillBySums(_ values: [Double], _ stage: TrendStage) {
        let w = stage.window, n = stage.count
        let width = Double(w), inverseWidth = 1 / width, half = (width - 1) / 2
        let inverseSxx = 12 / (width * (width * width - 1))
        values.withUnsafeBufferPointer { y in
            // Latest bar j ≥ 1 with y[j] ≠ y[j−1]: the window ending at i is constant iff
            // that bar is at or before its first bar i−W+1. Latest non-finite bar: the
            // window is undefined iff that bar is at or after its first bar.
            var lastChange = 0, lastBad = -1
            for j in 0..<(w - 1) {
                if j > 0, y[j] != y[j - 1] { lastChange = j }
                if !y[j].isFinite { lastBad = j }
            }
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, c = 0.0
            var i = w - 1, recomputeAt = i, finishedFrom = i
            while i < n {
                let first = i - w + 1
                if y[i] != y[i - 1] { lastChange = i }
                if !y[i].isFinite { lastBad = i }
                if lastBad >= first {
                    stage.slope[i] = .nan; stage.tss[i] = .nan; stage.rss[i] = .nan; stage.lastDeviation[i] = .nan
                    recomputeAt = i + 1     // the sums must not carry the bad value
                    i += 1
                    continue
                }
                if i == recomputeAt {
                    TrendSeries.finish(stage, windowsEndingIn: finishedFrom..<i)
                    finishedFrom = i
                    // Re-centre: fresh exact sums around this window's first value.
                    c = y[first]
                    s0 = 0; s1 = 0; s2 = 0
                    for k in 0..<w {
                        let u = y[first + k] - c
                        s0 += u
                        s1 += Double(k) * u
                        s2 += u * u
                    }
                    recomputeAt = i + recentreEvery
                } else {
                    let uIn = y[i] - c, uOut = y[first - 1] - c
                    s0 += uIn - uOut
                    s1 += width * uIn - s0
                    s2 += uIn * uIn - uOut * uOut
                }
                if lastChange <= first {
                    stage.slope[i] = 0; stage.tss[i] = 0; stage.rss[i] = 0; stage.lastDeviation[i] = 0
                } else {
                    let mean = s0 * inverseWidth, sxy = s1 - half * s0
                    let slope = sxy * inverseSxx, tss = s2 - s0 * mean
                    let rss = tss - slope * sxy
                    if w <= directWidth || rss < hardFraction * s2 {
                        // RSS = TSS − slope·Sxy carries ~50 ulp of Σu²: more than ~1e-10 of
                        // RSS here (a near-perfect fit). Refit this window directly.
                        let fit = TrendStage.directFit(y.baseAddress! + first, width: w)
                        stage.slope[i] = fit.slope
                        stage.tss[i] = fit.tss
                        stage.rss[i] = TrendStage.exactZero(rss: fit.rss, level: y[first] + fit.mean, tss: fit.tss, width: width)
                        stage.lastDeviation[i] = (y[i] - y[first]) - fit.mean
                    } else {
                        stage.slope[i] = slope
                        stage.tss[i] = tss
                        stage.rss[i] = TrendStage.exactZero(rss: rss, level: c + mean, tss: tss, width: width)
                        stage.lastDeviation[i] = (y[i] - c) - mean
                    }
                }
                i += 1
            }
            TrendSeries.finish(stage, windowsEndingIn: finishedFrom..<n)
        }
    }
}
