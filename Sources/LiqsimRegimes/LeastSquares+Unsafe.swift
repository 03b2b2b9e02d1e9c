import COpenBLAS

extension LeastSquares {
    /// The LAPACKE call. Column-major is passed so LAPACKE does not allocate a transposed
    /// copy; the design is transposed here into the buffer dgels overwrites anyway.
    static func dgels(design: [Double], rows m: Int, columns n: Int, y: [Double]) throws -> (beta: [Double], rss: Double) {
        var a = [Double](repeating: 0, count: m * n)
        for r in 0..<m {
            for c in 0..<n { a[c * m + r] = design[r * n + c] }
        }
        var b = y
        let info = a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in
                LAPACKE_dgels(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(m), Int32(n), 1,
                              ap.baseAddress, Int32(m), bp.baseAddress, Int32(m))
            }
        }
        if info > 0 {
            throw LeastSquaresError(problem: .rankDeficient, detail: "R(\(info),\(info)) is zero: columns are linearly dependent")
        }
        if info < 0 {
            throw LeastSquaresError(problem: .lapack, detail: "dgels argument \(-info) is invalid")
        }
        // dgels only reports an exactly zero R(k,k); collinear columns in floating point
        // leave ~1e-16 there instead and a meaningless β. Refuse, as numpy's lstsq
        // treats singular values below ε·max(m, n), when R's reciprocal condition number
        // (1-norm estimate, dtrcon) is below ε·max(m, n).
        var rcond = 0.0
        let conditionInfo = LAPACKE_dtrcon(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "1")), CChar(UInt8(ascii: "U")), CChar(UInt8(ascii: "N")),
                                           Int32(n), a, Int32(m), &rcond)
        if conditionInfo != 0 || !(rcond >= Double.ulpOfOne * Double(max(m, n))) {
            throw LeastSquaresError(problem: .rankDeficient, detail: "reciprocal condition number of R is \(rcond): columns are (numerically) linearly dependent")
        }
        // After dgels, b[0..<n] is β and b[n..<m] is Qᵀy's part orthogonal to the column
        // space: its squared norm is the residual sum of squares.
        var rss = 0.0
        for r in n..<m { rss += b[r] * b[r] }
        return (Array(b[0..<n]), rss)
    }
}
