/// Rolling OLS of y on x = 0…W−1 (bar position in the window) over every window of W bars.
///
/// Structure of arrays, one value per input bar: index i is the fit over bars i−W+1…i,
/// so it uses bars ≤ i only. Bars 0…W−2 (and all bars of an input shorter than W) are NaN.
/// Formulas and edge conventions: docs/regimes.md, "Trend".
/// Not Equatable on purpose: NaN ≠ NaN would make two identical series unequal.
public struct TrendSeries: Sendable {
    public var window: Int
    /// OLS slope per bar (y units per bar).
    public var slope: [Double]
    /// slope ÷ its standard error, with σ² = RSS/(W−2); ±1e6 when RSS = 0 (sign of the
    /// slope; 0 when the slope is 0 too), and clamped to ±1e6 otherwise.
    public var tStat: [Double]
    /// Explained ÷ total sum of squares = 1 − RSS/TSS; 0 when TSS = 0 (a constant window).
    public var rSquared: [Double]
    /// Residual of the window's last point (y_i − fitted at x = W−1) ÷ the residual
    /// standard error √(RSS/(W−2)) (0 when that is 0): the range rule's z-score.
    public var lastResidualZ: [Double]

    /// Bars covered (the input's length).
    public var count: Int { slope.count }

    init(window: Int, slope: [Double], tStat: [Double], rSquared: [Double], lastResidualZ: [Double]) {
        self.window = window
        self.slope = slope
        self.tStat = tStat
        self.rSquared = rSquared
        self.lastResidualZ = lastResidualZ
    }

    /// STRENGTHENING if slope > 0 and t > threshold, WEAKENING if slope < 0 and
    /// t < −threshold, else STABLE (NaN → STABLE).
    public func label(at i: Int, tThreshold: Double = 2) -> TrendLabel {
        TrendLabel(slope: slope[i], tStat: tStat[i], tThreshold: tThreshold)
    }
}
