import Foundation
import LiqsimRegimes

/// What the shared pass computes for one symbol besides its tape, for any rule to read: the
/// volatility regime, and trend fits of log close by window. A window is fitted on its first
/// request and then shared by every rule and parameter set that asks for it.
public final class RuleInputs {
    public let volatility: VolatilitySeries
    private let logClose: [Double]
    /// The windows fitted so far.
    public private(set) var trends: [Int: TrendSeries] = [:]
    /// Time spent in trend fits (the shared pass counts it as regime time).
    private(set) var fitTime = Duration.zero

    public init(tape: SymbolTape, regimes: RegimeSettings) {
        var parameters = VolatilityParameters()
        parameters.rvWindow = regimes.volatilityWindow
        parameters.zLookback = regimes.zLookback
        parameters.minSamples = regimes.minSamples
        parameters.harPeriod = regimes.harPeriod
        parameters.refitEvery = regimes.refitEvery
        volatility = VolatilityRegime.compute(close: tape.close, parameters: parameters)
        logClose = tape.close.map { Foundation.log($0) }
    }

    /// The rolling OLS of log close over `window` bars (docs/regimes.md).
    public func priceTrend(window: Int) -> TrendSeries {
        if let fitted = trends[window] { return fitted }
        let clock = ContinuousClock(), start = clock.now
        let fitted = RollingOLS.trend(logClose, window: window)
        fitTime += clock.now - start
        trends[window] = fitted
        return fitted
    }
}
