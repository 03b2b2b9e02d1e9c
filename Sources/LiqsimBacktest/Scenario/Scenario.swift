import LiqsimCore
import LiqsimResultFiles

/// A validated backtest scenario (SPEC §6; docs/scenarios.md).
public struct Scenario: Sendable {
    public var name: String
    public var file: String
    /// The scenario file's text, kept for the manifest.
    public var source: String
    /// The capture arguments as written, and the files they resolved to (in order).
    public var captureArguments: [String]
    public var captureFiles: [String]
    /// `data.liquidations`: captures read for their liquidations only (Tardis imports beside
    /// Binance Vision days, which hold none), as written and resolved.
    public var liquidationArguments: [String] = []
    public var liquidationFiles: [String] = []
    public var symbols: [Symbol]
    /// Where each symbol is written in the file (errors found after the replay point there).
    public var symbolPositions: [Symbol: SourcePosition] = [:]
    public var from: UnixNanos?, to: UnixNanos?
    /// Bar interval (ns).
    public var bar: Int64
    public var pipeline: PipelineSettings
    public var regimes: RegimeSettings
    /// The rules configured in the file, in the order of the rule list it was read with
    /// (`StrategyRules.all`): the order of the sweep's strength columns.
    public var rules: [any StrategyRule.Type]
    /// Every run parameter, including `symbol`; single values are one-value axes.
    public var grid: ParameterGrid
    /// Maintenance-margin tiers given in the file (`margin.tiers`), by symbol; the others
    /// use `MarginTiers.defaults(for:)`.
    public var marginTiers: [Symbol: MarginTiers] = [:]
    /// Out-of-sample evaluation (`validation`): walk-forward folds and PBO.
    public var validation = ValidationSettings()

    /// The maintenance tiers a run on `symbol` uses.
    public func marginTiers(for symbol: String) -> MarginTiers {
        Symbol(symbol).flatMap { marginTiers[$0] } ?? MarginTiers.defaults(for: symbol)
    }

    /// The names of `rules`: what trades.csv names as a trade's reason.
    public var strategies: [String] { rules.map { $0.name } }
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

/// `validation` (docs/scenarios.md, "Out-of-sample evaluation").
public struct ValidationSettings: Sendable, Equatable {
    /// Walk-forward folds: each train window picks the grid point with the best `metric`,
    /// which then trades the following test window from flat.
    public struct WalkForward: Sendable, Equatable {
        public var train: Int64, test: Int64, step: Int64
        /// Anchored: every train window starts at the data's start; rolling: it moves by `step`.
        public var anchored: Bool
        public var metric: String

        public init(train: Int64, test: Int64, step: Int64, anchored: Bool, metric: String) {
            self.train = train; self.test = test; self.step = step; self.anchored = anchored; self.metric = metric
        }
    }

    public var walkForward: WalkForward?
    /// CSCV blocks for the probability of backtest overfitting (even, 2…20); nil: no PBO.
    public var pboSplits: Int?

    public init(walkForward: WalkForward? = nil, pboSplits: Int? = nil) {
        self.walkForward = walkForward
        self.pboSplits = pboSplits
    }

    /// Metrics a fold may choose by: the ranked performance metrics and psr.
    public static let metrics = RunColumns.performance.filter { !RunColumns.unranked.contains($0) } + ["psr"]
}
