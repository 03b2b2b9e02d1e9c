extension RollingOLS {
    /// The fast path. Over u = y − c, with c = the first bar of the window that opens a
    /// block of `recentreEvery` windows, keeps S0 = Σu, S1 = Σ k·u_k (k = 0…W−1 in the
    /// window), S2 = Σu², and slides them in O(1):
    ///     S0' = S0 − u_out + u_in,   S1' = S1 + W·u_in − S0',   S2' = S2 − u_out² + u_in².
    /// Each block starts from sums recomputed exactly, so rounding drift never exceeds one
    /// block's worth. Constant windows are detected exactly (no change of y inside) so a
    /// flat market reads slope 0, t 0, not rounding noise.
    static func fillBySums(_ values: [Double], into series: inout TrendSeries) {
        let w = series.window, g = WindowGeometry(window: w)
        let n = values.count
        values.withUnsafeBufferPointer { y in
            series.slope.withUnsafeMutableBufferPointer { slope in
                series.tStat.withUnsafeMutableBufferPointer { tStat in
                    series.rSquared.withUnsafeMutableBufferPointer { rSquared in
                        series.lastResidualZ.withUnsafeMutableBufferPointer { residualZ in
                            // Latest bar j ≥ 1 with y[j] ≠ y[j−1]: the window ending at i is
                            // constant iff that bar is at or before its first bar i−W+1.
                            var lastChange = 0
                            for j in 1..<(w - 1) where y[j] != y[j - 1] { lastChange = j }
                            var s0 = 0.0, s1 = 0.0, s2 = 0.0, c = 0.0
                            var i = w - 1, blockEnd = i
                            while i < n {
                                let first = i - w + 1
                                if y[i] != y[i - 1] { lastChange = i }
                                if i == blockEnd {
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
                                    s1 += g.width * uIn - s0
                                    s2 += uIn * uIn - uOut * uOut
                                }
                                let fit: WindowFit
                                if lastChange <= first {
                                    fit = .flat
                                } else {
                                    let mean = s0 / g.width
                                    let sxy = s1 - g.half * s0
                                    fit = WindowFit(slope: sxy / g.sxx, mean: mean, sxy: sxy, tss: s2 - s0 * mean,
                                                    sumSquares: s2, lastU: y[i] - c, geometry: g)
                                }
                                slope[i] = fit.slope
                                tStat[i] = fit.tStat
                                rSquared[i] = fit.rSquared
                                residualZ[i] = fit.lastResidualZ
                                i += 1
                            }
                        }
                    }
                }
            }
        }
    }
}
