/// Settings of the volatility regime (SPEC §5; docs/regimes.md, "Volatility"). Every
/// count is in bars of the series passed to `VolatilityRegime.compute` (1m bars by default).
public struct VolatilityParameters: Sendable, Equatable {
    /// Log returns per realized-volatility window.
    public var rvWindow = 60
    /// Trailing realized values the z-score is measured against (7 days of 1m bars).
    public var zLookback = 7 * 1440
    /// Defined realized values needed in the trailing window before z is defined.
    public var minSamples = 120
    /// Bars per HAR "day" (period), counted from the first bar.
    public var harPeriod = 1440
    /// Bars between HAR refits (refits at bars k·refitEvery, k ≥ 1).
    public var refitEvery = 1440

    public init() {}

    /// The first thing wrong with these settings, or nil. `compute` requires valid settings.
    public var problem: String? {
        if rvWindow < 1 { return "rvWindow must be ≥ 1" }
        if zLookback < 2 { return "zLookback must be ≥ 2" }
        if minSamples < 2 { return "minSamples must be ≥ 2 (a standard deviation needs two values)" }
        if minSamples > zLookback { return "minSamples must be ≤ zLookback" }
        if harPeriod < 1 { return "harPeriod must be ≥ 1" }
        if refitEvery < 1 { return "refitEvery must be ≥ 1" }
        return nil
    }
}
