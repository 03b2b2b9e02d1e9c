/// Dense least squares by LAPACK, the one solver every regime regression goes through.
public enum LeastSquares {
    /// min ‖Xβ − y‖₂ by LAPACK `dgels` (QR; X must have full column rank).
    ///
    /// - Parameters:
    ///   - design: X, row-major, `rows × columns` (row r = observation r).
    ///   - y: the `rows` observations.
    /// - Returns: β (`columns` values) and the residual sum of squares ‖Xβ − y‖², read from
    ///   the QR-transformed right-hand side (so it carries no Σy² − βᵀXᵀy cancellation);
    ///   0 when `rows == columns`.
    /// - Throws: `LeastSquaresError` for mismatched sizes, fewer rows than columns,
    ///   non-finite input, or a rank-deficient design (LAPACK `info > 0`, or R's reciprocal
    ///   condition number below ε·max(rows, columns), numpy lstsq's default cut-off).
    public static func solve(design: [Double], rows: Int, columns: Int, y: [Double]) throws -> (beta: [Double], rss: Double) {
        guard columns >= 1, rows >= columns else {
            throw LeastSquaresError(problem: .shape, detail: "need rows ≥ columns ≥ 1, got \(rows)×\(columns)")
        }
        guard design.count == rows * columns, y.count == rows else {
            throw LeastSquaresError(problem: .shape,
                                    detail: "design has \(design.count) values for \(rows)×\(columns), y has \(y.count) for \(rows) rows")
        }
        guard design.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            throw LeastSquaresError(problem: .nonFinite, detail: "design or y holds NaN or ±∞")
        }
        BLASThreads.pinToOne()
        return try dgels(design: design, rows: rows, columns: columns, y: y)
    }
}

/// Why a least-squares solve was refused; `detail` names the sizes or LAPACK's `info`.
public struct LeastSquaresError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// Sizes do not match, or fewer observations than unknowns.
        case shape
        /// NaN or infinity in the input (LAPACK would silently return NaN).
        case nonFinite
        /// The design's columns are (numerically) linearly dependent.
        case rankDeficient
        /// LAPACK rejected an argument (`info < 0`): a bug in the caller of LAPACK.
        case lapack
    }
    public var problem: Problem
    public var detail: String

    public var description: String { "least squares: \(problem): \(detail)" }
}
