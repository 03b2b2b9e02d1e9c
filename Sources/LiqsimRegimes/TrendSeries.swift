/// The trend of every window of W bars: the label's statistic — the mean change per bar
/// and its Newey–West (HAC) t, whose size holds on random walks — and, as descriptive
/// fields, the rolling OLS of y on x = 0…W−1 (slope, its iid t, R², last residual z).
///
/// Structure of arrays, one value per input bar: index i is the fit over bars i−W+1…i,
/// so it uses bars ≤ i only. Bars 0…W−2 (and all bars of an input shorter than W) are NaN.
/// Formulas and edge conventions: docs/regimes.md, "Trend".
/// Not Equatable on purpose: NaN ≠ NaN would make two identical series unequal.
public struct TrendSeries: Sendable {
    public var window: Int
    /// Mean change per bar over the window's W − 1 changes: (y_i − y_{i−W+1}) ÷ (W − 1).
    public var drift: [Double] = []
    /// drift ÷ its Newey–West standard error (Bartlett kernel, lag ⌊4·(n/100)^(2/9)⌋):
    /// the statistic the label reads. 0 for a window without change, ±1e6 for a perfect
    /// line, clamped to ±1e6.
    public var driftT: [Double] = []
    /// OLS slope per bar (y units per bar). Descriptive: a level regressed on time.
    public var slope: [Double]
    /// slope ÷ its iid standard error, with σ² = RSS/(W−2); ±1e6 when RSS = 0 (sign of the
    /// slope; 0 when the slope is 0 too), and clamped to ±1e6 otherwise. Descriptive only:
    /// on a random walk it exceeds 2 in most windows (spurious regression), so no label uses it.
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

    /// STRENGTHENING if drift > 0 and its HAC t > threshold, WEAKENING if drift < 0 and
    /// t < −threshold, else STABLE (NaN → STABLE).
    public func label(at i: Int, tThreshold: Double = 2) -> TrendLabel {
        TrendLabel(slope: drift[i], tStat: driftT[i], tThreshold: tThreshold)
    }
}
