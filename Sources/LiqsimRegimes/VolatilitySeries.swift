/// The volatility regime per bar (structure of arrays; index i uses bars ≤ i only).
/// Formulas and NaN conventions: docs/regimes.md, "Volatility".
/// Not Equatable on purpose: NaN ≠ NaN would make two identical series unequal.
public struct VolatilitySeries: Sendable {
    /// √(Σ r²) over the last `rvWindow` log returns of close, r_j = ln(close_j ÷ close_{j−1});
    /// NaN for bars i < rvWindow and for windows holding an undefined return.
    public var realized: [Double]
    /// (realized − mean) ÷ sample standard deviation (n − 1) of the defined realized values
    /// at bars i − zLookback … i − 1; NaN until that window holds `minSamples` of them;
    /// 0 when the standard deviation is 0.
    public var z: [Double]
    /// z < −1 COMPRESSED, z > 1 ELEVATED, else (and NaN) NORMAL.
    public var labels: [VolatilityLabel]
    /// HAR-RV forecast of the realized variance (Σ r², not its root) of the HAR period in
    /// progress at bar i; NaN until the first successful fit.
    public var forecast: [Double]
    /// Every successful HAR fit, in bar order (refit bar, coefficients, sample size).
    public var harFits: [HARFit]
}
