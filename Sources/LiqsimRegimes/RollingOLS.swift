/// Rolling trend regressions: OLS of y on the bar position x = 0…W−1 over every window
/// of W bars (SPEC §5 "Trend"; docs/regimes.md). Two implementations of one definition:
///
/// - `trend`: O(1) per window from rolling sums re-centred every `recentreEvery` bars —
///   the production path;
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
    static let recentreEvery = 1024

    /// Rolling OLS by re-centred rolling sums, O(1) per window; the production path.
    /// `y` must be finite. `window` ≥ 3 (precondition).
    public static func trend(_ y: [Double], window: Int) -> TrendSeries {
        precondition(window >= minimumWindow, "RollingOLS: window \(window) < \(minimumWindow)")
        BLASThreads.pinToOne()
        var series = TrendSeries(window: window, count: y.count)
        guard y.count >= window else { return series }
        fillBySums(y, into: &series)
        return series
    }

    /// The LAPACK/BLAS path: shared centred design X = [1, x − (W−1)/2], XᵀX factored once
    /// by `dpotrf`, Xᵀu for `chunkWindows` windows at a time by one `dgemm` over a
    /// materialised Hankel chunk, β by `dpotrs`, Σu² per window by `ddot`.
    /// Same definition and edge conventions as `trend`. `window` ≥ 3 (precondition).
    public static func trendBLAS(_ y: [Double], window: Int) -> TrendSeries {
        precondition(window >= minimumWindow, "RollingOLS: window \(window) < \(minimumWindow)")
        BLASThreads.pinToOne()
        var series = TrendSeries(window: window, count: y.count)
        guard y.count >= window else { return series }
        fillByBLAS(y, into: &series)
        return series
    }
}

/// The per-window statistics both paths finish with, from the window's sums over
/// u = y − c (c: any reference value; the statistics do not depend on it):
/// mean ū, Sxy = Σ (x − x̄)·u, TSS = Σ (u − ū)², Σu², and u at the window's last bar.
struct WindowFit {
    var slope: Double
    var tStat: Double
    var rSquared: Double
    var lastResidualZ: Double

    /// A constant window: no trend, nothing explained, no residual.
    static let flat = WindowFit(slope: 0, tStat: 0, rSquared: 0, lastResidualZ: 0)

    /// RSS below this fraction of Σu² is rounding noise of the sums it is computed from
    /// (1024 ulp; the rolling sums carry up to ~√1024 ulp of drift): it counts as 0, so a
    /// perfect line gets RSS = 0, R² = 1, t = ±limit, z = 0 instead of noise ÷ noise.
    static let rssNoiseFraction = 1024 * Double.ulpOfOne

    @inline(__always)
    init(slope: Double, tStat: Double, rSquared: Double, lastResidualZ: Double) {
        self.slope = slope
        self.tStat = tStat
        self.rSquared = rSquared
        self.lastResidualZ = lastResidualZ
    }

    /// `slope` is Sxy ÷ Sxx (the caller's solver computed it); `geometry` the window's
    /// constants. The explained sum of squares is slope·Sxy: with a centred x the
    /// intercept column is orthogonal to x, so the intercept explains exactly ū·Σu, the
    /// part TSS already removed; using it directly keeps a small R² accurate.
    @inline(__always)
    init(slope: Double, mean: Double, sxy: Double, tss: Double, sumSquares: Double, lastU: Double, geometry g: WindowGeometry) {
        let explained = slope * sxy
        var rss = tss - explained
        if rss <= WindowFit.rssNoiseFraction * sumSquares { rss = 0 }
        self.slope = slope
        if rss == 0 {
            tStat = slope > 0 ? RollingOLS.tStatLimit : (slope < 0 ? -RollingOLS.tStatLimit : 0)
            rSquared = tss > 0 ? 1 : 0
            lastResidualZ = 0
        } else {
            let sigma2 = rss / g.residualDegrees
            let t = slope / (sigma2 / g.sxx).squareRoot()
            tStat = min(max(t, -RollingOLS.tStatLimit), RollingOLS.tStatLimit)
            rSquared = min(explained / tss, 1)
            let residual = lastU - (mean + slope * g.half)
            lastResidualZ = residual / sigma2.squareRoot()
        }
    }
}

/// Constants of a window of W bars with x = 0…W−1.
struct WindowGeometry {
    let width: Double
    /// x̄ = (W−1)/2: the centred position of the last bar is +half.
    let half: Double
    /// Σ (x − x̄)² = W(W²−1)/12.
    let sxx: Double
    /// W − 2: residual degrees of freedom of a 2-parameter fit.
    let residualDegrees: Double

    init(window: Int) {
        let w = Double(window)
        width = w
        half = (w - 1) / 2
        sxx = w * (w * w - 1) / 12
        residualDegrees = w - 2
    }
}
