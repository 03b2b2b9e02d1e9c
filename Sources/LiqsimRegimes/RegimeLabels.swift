/// Trend regime of one bar (SPEC §5): the sign of the window's mean change when its
/// Newey–West t-statistic clears the threshold (docs/regimes.md, "Trend").
public enum TrendLabel: String, Sendable, CaseIterable {
    case strengthening = "STRENGTHENING"
    case weakening = "WEAKENING"
    case stable = "STABLE"

    /// STRENGTHENING if slope > 0 and t > threshold, WEAKENING if slope < 0 and
    /// t < −threshold, else STABLE. NaN in either value (not enough bars yet) is STABLE.
    /// `slope` is the direction (the drift), `tStat` its t.
    public init(slope: Double, tStat: Double, tThreshold: Double) {
        if slope > 0, tStat > tThreshold {
            self = .strengthening
        } else if slope < 0, tStat < -tThreshold {
            self = .weakening
        } else {
            self = .stable
        }
    }
}

/// Volatility regime of one bar (SPEC §5): realized volatility's z-score against its
/// trailing distribution.
public enum VolatilityLabel: String, Sendable, CaseIterable {
    case compressed = "COMPRESSED"
    case normal = "NORMAL"
    case elevated = "ELEVATED"

    /// z < −1 COMPRESSED, z > 1 ELEVATED, otherwise (including exactly ±1 and NaN) NORMAL.
    public init(z: Double) {
        if z < -1 {
            self = .compressed
        } else if z > 1 {
            self = .elevated
        } else {
            self = .normal
        }
    }
}
