/// Everything report.html shows, loaded from a result directory (`load(directory:)`):
/// manifest.json, runs.csv and results.sqlite (bars, trades, equity, cascades). Plain
/// values, so the page can be rendered and tested without a backtest.
public struct ReportData: Sendable {
    /// One symbol's bars with regimes; times are bar closes in milliseconds since the epoch.
    public struct Bars: Sendable {
        public var symbol: String
        public var closeMs: [Int64] = []
        public var open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = []
        public var volumeUSD: [Double] = [], longLiquidationUSD: [Double] = [], shortLiquidationUSD: [Double] = []
        public var trend: [String] = [], volatility: [String] = []
        /// Bars in the window of the trend labels (0 in files from before schema version 2).
        public var trendWindow = 0
        public init(symbol: String) { self.symbol = symbol }
        public var count: Int { closeMs.count }
    }

    public struct Trade: Sendable {
        public var side: String, reason: String
        public var entryMs: Int64, exitMs: Int64
        public var entryPrice: Double, exitPrice: Double, pnlUSD: Double
        public var openAtEnd: Bool
        public init(side: String, reason: String, entryMs: Int64, exitMs: Int64, entryPrice: Double, exitPrice: Double, pnlUSD: Double, openAtEnd: Bool) {
            self.side = side; self.reason = reason; self.entryMs = entryMs; self.exitMs = exitMs
            self.entryPrice = entryPrice; self.exitPrice = exitPrice; self.pnlUSD = pnlUSD; self.openAtEnd = openAtEnd
        }
    }

    /// A run's equity at bar closes (possibly thinned, see `ReportSeries.equityBudget`).
    public struct Equity: Sendable {
        public var timeMs: [Int64] = [], equityUSD: [Double] = [], drawdownPct: [Double] = []
        /// Rows in equity.csv for this run (more than `timeMs.count` when thinned).
        public var rows = 0
        public init() {}
    }

    public struct Cascade: Sendable {
        public var symbol: String, time: String, liquidations: Int, longUSD: Double, shortUSD: Double, exchanges: String
        /// Binance (capped at one liquidation per symbol per second) took part: count and USD are lower bounds.
        public var lowerBound: Bool
        public init(symbol: String, time: String, liquidations: Int, longUSD: Double, shortUSD: Double, exchanges: String, lowerBound: Bool = false) {
            self.symbol = symbol; self.time = time; self.liquidations = liquidations; self.longUSD = longUSD; self.shortUSD = shortUSD; self.exchanges = exchanges
            self.lowerBound = lowerBound
        }
    }

    public var manifest = Manifest(liqsimVersion: "", scenario: .init(name: "", file: "", sha256: "", text: nil), inputs: [], grid: .init(points: 0, axes: []),
                                   shard: "0/1", runs: 0, jobs: 0, created: "", digest: "")
    public var runs = RunsTable(parameterNames: [], rows: [])
    public var bars: [Bars] = []
    /// By run id.
    public var trades: [Int: [Trade]] = [:]
    public var equity: [Int: Equity] = [:]
    public var cascades: [Cascade] = []
    /// Walk-forward folds, the stitched out-of-sample equity (oos_equity.csv) and the
    /// validation summary, when the scenario asked for them.
    public var folds: [FoldRow] = []
    public var oosTimeMs: [Int64] = [], oosEquityUSD: [Double] = []
    public var validation: ValidationSummary?

    public init() {}

    /// The best run by Sharpe (ties: the lower id).
    public var bestRun: Int? { runs.best?.run }

    /// The run's symbol: its `symbol` parameter, or the only symbol of the bars.
    public func symbol(of run: RunRow) -> String? {
        if let k = runs.parameterNames.firstIndex(of: "symbol"), k < run.parameters.count { return run.parameters[k] }
        return bars.first?.symbol
    }

    /// A runs.csv parameter as a number (`inf` included), nil for words and empty fields.
    public static func value(_ text: String) -> Double? {
        if text == "inf" { return .infinity }
        if text == "-inf" { return -.infinity }
        return Double(text)
    }
}
