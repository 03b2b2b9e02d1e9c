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
    /// HAR-RV forecast (log model) of the realized variance (Σ r², not its root) of the
    /// HAR period in progress at bar i: positive; NaN until the first successful fit
    /// (`forecastGap` says why).
    public var forecast: [Double]
    /// Every successful HAR fit, in bar order (refit bar, coefficients, sample size).
    public var harFits: [HARFit]
    /// Bars per HAR period.
    public var harPeriod = 1

    /// Why bar i has no forecast — "not enough data: 12 of 27 HAR periods of 1440 bars"
    /// before the minimum history, "no usable fit" when every refit so far was refused,
    /// "undefined period" when the regressors hold a flat or undefined period — or nil.
    public func forecastGap(at i: Int) -> String? {
        guard forecast[i].isNaN else { return nil }
        let completed = i / harPeriod
        if completed < HARRV.minimumPeriods {
            return "not enough data: \(completed) of \(HARRV.minimumPeriods) HAR periods of \(harPeriod) bars"
        }
        return harFits.contains { $0.bar <= i } ? "undefined period" : "no usable fit"
    }
}
