import LiqsimCore

/// A validated backtest scenario (SPEC §6; docs/scenarios.md).
public struct Scenario: Sendable {
    public var name: String
    public var file: String
    /// The scenario file's text, kept for the manifest.
    public var source: String
    /// The capture arguments as written, and the files they resolved to (in order).
    public var captureArguments: [String]
    public var captureFiles: [String]
    public var symbols: [Symbol]
    /// The line of each symbol in the file (errors found after the replay point there).
    public var symbolLines: [Symbol: Int] = [:]
    public var from: UnixNanos?, to: UnixNanos?
    /// Bar interval (ns).
    public var bar: Int64
    public var pipeline: PipelineSettings
    public var regimes: RegimeSettings
    /// Strategies present in the file, in schema order (trend, range, cascade).
    public var strategies: [String]
    /// Every run parameter, including `symbol`; single values are one-value axes.
    public var grid: ParameterGrid
}

/// Pipeline settings of the shared pass (one value each: they shape the shared pass).
public struct PipelineSettings: Sendable, Equatable {
    public var sentimentInterval: Int64
    public var riskWindow: Int64
}

/// Regime settings, in bars (one value each: regimes are computed once per scenario).
public struct RegimeSettings: Sendable, Equatable {
    /// Bars of log returns in each realized-volatility value.
    public var volatilityWindow: Int
    /// Bars of trailing realized volatility the z-score compares against (7 days).
    public var zLookback: Int
    /// Realized values needed before the z-score is defined.
    public var minSamples: Int
    /// Bars per HAR-RV "day", and bars between HAR refits.
    public var harPeriod: Int
    public var refitEvery: Int
}
