/// Rolling trends over every window of W bars (SPEC §5 "Trend"; docs/regimes.md): the
/// label's drift and HAC t (`DriftTest`), and the descriptive OLS of y on the bar position
/// x = 0…W−1, which has two implementations of one definition:
///
/// - `trend`: O(1) per window from rolling sums re-centred every `recentreEvery` bars
///   (near-perfect fits and W ≤ 16 refit directly in O(W)) — the production path;
/// - `trendBLAS`: the general shared-design least-squares machinery (dgemm over Hankel
///   chunks, Cholesky of XᵀX by LAPACK) — slower, and the reference the fast path is
///   tested equal to within 1e-9 relative (Tests/LiqsimTests/Regimes).
public enum RollingOLS {
    /// |t| is capped here: a perfect line (RSS = 0) has infinite t, and beyond this no
    /// threshold anyone would configure distinguishes values.
    public static let tStatLimit = 1e6

    /// Smallest window: σ² = RSS/(W−2) needs W ≥ 3.
    public static let minimumWindow = 3

    /// The fast path recomputes its sums from scratch, around a fresh reference value,
    /// every this many windows: that bounds both the rounding drift of add/subtract
    /// updates and the distance of y from the reference (the Σu² − (Σu)²/W cancellation).
    /// Costs W/1024 extra work per bar.
    ///
    /// The sentiment trend is the same fit over the sentiment composite.
    static let recentreEvery = 1024

    /// Rolling OLS by re-centred rolling sums, O(1) per window; the production path.
    /// A window holding a NaN or infinity is NaN in every output. `window` ≥ 3 (precondition).
    public static func trend(_ y: [Double], window: Int) -> TrendSeries {
        precondition(window >= minimumWindow, "RollingOLS: window \(window) < \(minimumWindow)")
        BLASThreads.pinToOne()
        var series = TrendSeries(window: window, count: y.count) { stage in fillBySums(y, stage) }
        (series.drift, series.driftT) = DriftTest.compute(y, window: window)
        return series
    }

    /// The LAPACK/BLAS path: shared centred design X = [1, x − (W−1)/2], XᵀX factored once
    /// by `dpotrf`, Xᵀu for `chunkWindows` windows at a time by one `dgemm` over a
    /// materialised Hankel chunk (each row centred on its window's first value), β by
    /// `dpotrs`, TSS and RSS from each row's residuals.
    /// Same definition and edge conventions as `trend`. `window` ≥ 3 (precondition).
    public static func trendBLAS(_ y: [Double], window: Int) -> TrendSeries {
        precondition(window >= minimumWindow, "RollingOLS: window \(window) < \(minimumWindow)")
        BLASThreads.pinToOne()
        var series = TrendSeries(window: window, count: y.count) { stage in fillByBLAS(y, stage) }
        (series.drift, series.driftT) = DriftTest.compute(y, window: window)
        return series
    }
}
