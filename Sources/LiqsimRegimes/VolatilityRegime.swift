import Foundation

/// Realized volatility, its z-score against the trailing distribution, and the HAR-RV
/// forecast, computed once over all bars of a run (SPEC §5 "Volatility").
public enum VolatilityRegime {
    /// `parameters.problem` must be nil (precondition). Every output at bar i depends on
    /// close[0…i] only. A close that is NaN, ∞ or ≤ 0 makes the returns next to it
    /// undefined: realized windows holding them are NaN, the z-score skips NaN realized
    /// values, and a HAR period holding one is NaN (fits including it are refused and
    /// keep the previous model; forecasts whose regressors include it are NaN).
    public static func compute(close: [Double], parameters p: VolatilityParameters) -> VolatilitySeries {
        if let problem = p.problem { preconditionFailure("VolatilityParameters: \(problem)") }
        BLASThreads.pinToOne()
        let squared = squaredLogReturns(close)
        let realized = rollingRealized(squared: squared, window: p.rvWindow)
        let z = trailingZScores(realized, lookback: p.zLookback, minSamples: p.minSamples)
        let har = HARRV.forecasts(squaredReturns: squared, period: p.harPeriod, refitEvery: p.refitEvery)
        return VolatilitySeries(realized: realized, z: z, labels: z.map(VolatilityLabel.init(z:)),
                                forecast: har.forecast, harFits: har.fits, harPeriod: p.harPeriod)
    }

    /// r_j² with r_j = ln(close_j ÷ close_{j−1}); element 0 is 0 (bar 0 has no return and
    /// no window or period ever includes it).
    static func squaredLogReturns(_ close: [Double]) -> [Double] {
        var out = HugePages.doubles(repeating: 0, count: close.count)
        guard close.count > 1 else { return out }
        for j in 1..<close.count {
            let r = Foundation.log(close[j] / close[j - 1])
            out[j] = r * r
        }
        return out
    }
}
