import COpenBLAS

extension RollingOLS {
    /// Windows per dgemm: the Hankel chunk is `chunkWindows × W` doubles (1.9 MiB at
    /// W = 240), so memory stays bounded whatever the number of bars.
    static let chunkWindows = 1024

    /// The LAPACK/BLAS path (see `trendBLAS`). The design is the centred
    /// X = [1, k − (W−1)/2] rather than [1, k]: same column space, same slope, but XᵀX is
    /// diagonal (condition number ~W²/12 ÷ 1 instead of ~W³ with cross terms), so the
    /// Cholesky solve loses nothing. Each chunk subtracts its first bar's value c from y
    /// (the intercept absorbs it) so Σu² − (Σu)²/W does not cancel ~10.5² against ~10⁻⁴.
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
        var xtu = [Double](repeating: 0, count: chunk * 2)        // row r: Σu, Σ(x − x̄)u
        var beta = [Double](repeating: 0, count: chunk * 2)       // row r: β₀ (= ū), β₁ (slope)

        var lastChange = 0
        for j in 1..<(w - 1) where values[j] != values[j - 1] { lastChange = j }

        var start = 0                                            // first window of the chunk (by first bar)
        while start < windows {
            let m = min(chunk, windows - start)
            values.withUnsafeBufferPointer { y in
                let c = y[start]
                hankel.withUnsafeMutableBufferPointer { h in
                    for r in 0..<m {
                        let row = h.baseAddress! + r * w, src = y.baseAddress! + start + r
                        for k in 0..<w { row[k] = src[k] - c }
                    }
                }
            }
            hankel.withUnsafeBufferPointer { h in
                design.withUnsafeBufferPointer { x in
                    xtu.withUnsafeMutableBufferPointer { out in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), 2, Int32(w),
                                    1, h.baseAddress, Int32(w), x.baseAddress, 2, 0, out.baseAddress, 2)
                    }
                }
            }
            // Row-major m×2 is column-major 2×m: m right-hand sides for one 2×2 solve.
            beta.withUnsafeMutableBufferPointer { b in
                xtu.withUnsafeBufferPointer { src in
                    b.baseAddress!.update(from: src.baseAddress!, count: m * 2)
                }
                let info = LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), 2, Int32(m), factor, 2, b.baseAddress, 2)
                precondition(info == 0, "RollingOLS: dpotrs argument \(-info) invalid")
            }
            hankel.withUnsafeBufferPointer { h in
                xtu.withUnsafeBufferPointer { sums in
                    beta.withUnsafeBufferPointer { b in
                        values.withUnsafeBufferPointer { y in
                            for r in 0..<m {
                                let first = start + r, i = first + w - 1
                                if y[i] != y[i - 1] { lastChange = i }
                                let row = h.baseAddress! + r * w
                                let flat = lastChange <= first
                                // Σu² in a plain loop with a fixed order rather than cblas_ddot,
                                // whose summation order is the CPU-specific kernel's.
                                var sumSquares = 0.0
                                if !flat { for k in 0..<w { sumSquares += row[k] * row[k] } }
                                let mean = b[2 * r]
                                stage.slope[i] = flat ? 0 : b[2 * r + 1]
                                stage.tss[i] = flat ? 0 : sumSquares - mean * sums[2 * r]
                                stage.sumSquares[i] = sumSquares
                                stage.lastDeviation[i] = flat ? 0 : row[w - 1] - mean
                            }
                        }
                    }
                }
            }
            TrendSeries.finish(stage, windowsEndingIn: (start + w - 1)..<(start + m + w - 1))
            start += m
        }
    }
}
