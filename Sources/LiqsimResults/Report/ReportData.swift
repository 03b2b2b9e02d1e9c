import LiqsimHeatmap

/// Everything report.html shows, loaded from a result directory (`load(directory:)`):
/// runs.csv, manifest.json and results.sqlite (bars, trades, equity, cascades). Plain
/// values, so the page can be rendered and tested without a backtest.
public struct ReportData: Sendable {
    public struct Input: Sendable, Equatable {
        public var path: String, bytes: Int, sha256: String
        public init(path: String, bytes: Int, sha256: String) { self.path = path; self.bytes = bytes; self.sha256 = sha256 }
    }

    /// The facts of manifest.json.
    public struct Facts: Sendable {
        public var scenario = "", scenarioFile = "", scenarioSHA256 = "", liqsimVersion = "", digest = "", created = "", shard = "0/1"
        public var gridPoints = 0
        public var inputs: [Input] = []
        /// The scenario file's text as the backtest read it.
        public var scenarioText: String?
        public init() {}
    }

    /// One row of runs.csv: the parameter texts and the metric texts, exactly as written there.
    public struct Run: Sendable {
        public var id: Int
        public var parameters: [String]
        public var metrics: [String]
        public init(id: Int, parameters: [String], metrics: [String]) { self.id = id; self.parameters = parameters; self.metrics = metrics }
    }

    /// One symbol's bars with regimes; times are bar closes in milliseconds since the epoch.
    public struct Bars: Sendable {
        public var symbol: String
        public var closeMs: [Int64] = []
        public var open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = []
        public var volumeUSD: [Double] = [], longLiquidationUSD: [Double] = [], shortLiquidationUSD: [Double] = []
        public var trend: [String] = [], volatility: [String] = []
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
        public init(symbol: String, time: String, liquidations: Int, longUSD: Double, shortUSD: Double, exchanges: String) {
            self.symbol = symbol; self.time = time; self.liquidations = liquidations; self.longUSD = longUSD; self.shortUSD = shortUSD; self.exchanges = exchanges
        }
    }

    /// The estimated liquidation-level heatmap of one symbol, or why there is none.
    public enum LevelMap: Sendable {
        case grid(HeatmapGrid)
        case missing(symbol: String, reason: String)
    }

    public var facts = Facts()
    /// runs.csv's parameter columns (between `run` and the first metric) and metric columns.
    public var parameterNames: [String] = [], metricNames: [String] = []
    public var runs: [Run] = []
    public var bars: [Bars] = []
    /// By run id.
    public var trades: [Int: [Trade]] = [:]
    public var equity: [Int: Equity] = [:]
    public var cascades: [Cascade] = []
    public var levelMaps: [LevelMap] = []

    public init() {}

    /// The metric a run is ranked by by default, and the best run by it (ties: lower id).
    public static let rankingMetric = "sharpe"

    public func metric(_ name: String, of run: Run) -> Double? {
        guard let k = metricNames.firstIndex(of: name), k < run.metrics.count else { return nil }
        return Self.value(run.metrics[k])
    }

    public var bestRun: Int? {
        var best: (Double, Int)?
        for r in runs {
            let v = metric(Self.rankingMetric, of: r) ?? -.infinity
            if best == nil || v > best!.0 || (v == best!.0 && r.id < best!.1) { best = (v, r.id) }
        }
        return best?.1
    }

    /// The run's symbol: its `symbol` parameter, or the only symbol of the bars.
    public func symbol(of run: Run) -> String? {
        if let k = parameterNames.firstIndex(of: "symbol"), k < run.parameters.count { return run.parameters[k] }
        return bars.first?.symbol
    }

    /// A runs.csv field as a number (`inf` included), nil for text and empty fields.
    public static func value(_ text: String) -> Double? {
        if text == "inf" { return .infinity }
        if text == "-inf" { return -.infinity }
        return Double(text)
    }
}
