import COpenBLAS

extension RollingOLS {
    /// Windows per dgemm: the Hankel chunk is `chunkWindows × W` doubles (1.9 MiB at
    /// W = 240), so memory stays bounded whatever the number of bars.
    static let chunkWindows = 1024

    /// The LAPACK/BLAS path (see `trendBLAS`). The design is the centred
    /// X = [1, k − (W−1)/2] rather than [1, k]: same column space, same slope, but XᵀX is
    /// diagonal (condition number ~W²/12 ÷ 1 instead of ~W³ with cross terms), so the
    /// Cholesky solve loses nothing. Each Hankel row is its window minus the window's first
    /// value (the intercept absorbs it), so Xᵀu is formed from exact deviations of ~10⁻³
    /// rather than log prices of ~10.5. TSS and RSS come from each row's deviations
    /// and residuals (`TrendStage.residualSums`).
    static func fillByBLAS(_ values: [Double], _ stage: TrendStage) {
        let w = stage.window, half = (Double(w) - 1) / 2
        let n = stage.count, windows = n - w + 1

        var design = [Double](repeating: 0, count: w * 2)        // row-major W×2
        for k in 0..<w {
            design[2 * k] = 1
            design[2 * k + 1] = Double(k) - half
        }
        // XᵀX by dgemm and its Cholesky factor by dpotrf, once for every window.
        var factor = [Double](repeating: 0, count: 4)
        design.withUnsafeBufferPointer { x in
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, 2, 2, Int32(w), 1, x.baseAddress, 2, x.baseAddress, 2, 0, &factor, 2)
        }
        let factorInfo = LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), 2, &factor, 2)
        precondition(factorInfo == 0, "RollingOLS: XᵀX of the centred design is positive definite for W ≥ 2")

        let chunk = min(chunkWindows, windows)
        var hankel = [Double](repeating: 0, count: chunk * w)
        var beta = [Double](repeating: 0, count: chunk * 2)       // row r: Xᵀu, then β₀ (= ū), β₁ (slope)

        // As in the fast path: constant windows stage zeros, windows holding a
        // non-finite value stage NaN (and that value enters the Hankel chunk as 0, since
        // LAPACKE refuses NaN input).
        var lastChange = 0, lastBad = -1
        for j in 0..<(w - 1) {
            if j > 0, values[j] != values[j - 1] { lastChange = j }
            if !values[j].isFinite { lastBad = j }
        }

        var start = 0                                            // first window of the chunk (by first bar)
        while start < windows {
            let m = min(chunk, windows - start)
            values.withUnsafeBufferPointer { y in
                hankel.withUnsafeMutableBufferPointer { h in
                    for r in 0..<m {
                        // Each row is centred on its own first value (exact for values within
                        // a factor 2 of it); the row's intercept absorbs it.
                        let row = h.baseAddress! + r * w, src = y.baseAddress! + start + r
                        let c = src[0].isFinite ? src[0] : 0
                        for k in 0..<w { row[k] = src[k].isFinite ? src[k] - c : 0 }
                    }
                }
            }
            hankel.withUnsafeBufferPointer { h in
                design.withUnsafeBufferPointer { x in
                    beta.withUnsafeMutableBufferPointer { out in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), 2, Int32(w),
                                    1, h.baseAddress, Int32(w), x.baseAddress, 2, 0, out.baseAddress, 2)
                    }
                }
            }
            // Row-major m×2 is column-major 2×m: m right-hand sides for one 2×2 solve.
            beta.withUnsafeMutableBufferPointer { b in
                let info = LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), 2, Int32(m), factor, 2, b.baseAddress, 2)
                precondition(info == 0, "RollingOLS: dpotrs argument \(-info) invalid")
            }
            hankel.withUnsafeBufferPointer { h in
                beta.withUnsafeBufferPointer { b in
                    values.withUnsafeBufferPointer { y in
                        for r in 0..<m {
                            let first = start + r, i = first + w - 1
                            if y[i] != y[i - 1] { lastChange = i }
                            if !y[i].isFinite { lastBad = i }
                            let row = h.baseAddress! + r * w
                            if lastBad >= first {
                                stage.slope[i] = .nan; stage.tss[i] = .nan; stage.rss[i] = .nan; stage.lastDeviation[i] = .nan
                                continue
                            }
                            if lastChange <= first {
                                stage.slope[i] = 0; stage.tss[i] = 0; stage.rss[i] = 0; stage.lastDeviation[i] = 0
                                continue
                            }
                            // TSS and RSS from the row's deviations and residuals, not
                            // Σu² − βᵀXᵀu: that cancels for near-perfect fits.
                            let mean = b[2 * r], slope = b[2 * r + 1]
                            let (tss, rss) = TrendStage.residualSums(row, width: w, mean: mean, slope: slope)
                            stage.slope[i] = slope
                            stage.tss[i] = tss
                            stage.rss[i] = TrendStage.exactZero(rss: rss, level: y[first] + mean, tss: tss, width: Double(w))
                            stage.lastDeviation[i] = row[w - 1] - mean
                        }
                    }
                }
            }
            TrendSeries.finish(stage, windowsEndingIn: (start + w - 1)..<(start + m + w - 1))
            start += m
        }
    }
}
