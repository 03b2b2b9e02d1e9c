import LiqsimCore
import LiqsimPipeline
import LiqsimRegimes
import LiqsimResultFiles

/// A set of runs as the result files' rows (SPEC §6; docs/metrics.md): runs.csv,
/// trades.csv, equity.csv, summary.md. Rows are in run order whatever order the runs
/// finished in; metrics stay at full precision until a file rounds them.
struct ResultTables {
    let scenario: Scenario
    let results: [RunResult]
    let shown: [GridAxis]
    let runs: RunsTable

    /// `withTrades: false` leaves `trades` empty until `buildTrades()`: the result writer
    /// starts results.sqlite's thread first, which needs the runs but not yet the trades.
    init(scenario: Scenario, results: [RunResult], withTrades: Bool = true) {
        self.scenario = scenario
        self.results = results.sorted { $0.point.index < $1.point.index }
        shown = scenario.grid.shownAxes
        let shown = shown
        trades = withTrades ? Self.trades(self.results, scenario: scenario) : []
        runs = RunsTable(parameterNames: shown.map(\.name), metricNames: RunMetrics.names, rows: self.results.map { r in
            RunRow(run: r.point.index, parameters: shown.map { r.point[$0.name]!.description }, metrics: r.metrics.values)
        })
    }

    /// Word-valued parameters (symbol, mode): TEXT columns in results.sqlite.
    var textParameters: Set<String> { Set(shown.filter { $0.values.first?.number == nil }.map(\.name)) }

    /// Every run's trades, in run order (built once: trades.csv and results.sqlite both read them).
    private(set) var trades: [TradeRow]

    mutating func buildTrades() { trades = Self.trades(results, scenario: scenario) }

    /// Every run's trades in run order, appended to one array sized at once (a `flatMap` of
    /// per-run arrays copied every row a second time: ~60 k on a 1,000-run grid).
    static func trades(_ results: [RunResult], scenario: Scenario) -> [TradeRow] {
        var rows: [TradeRow] = []
        rows.reserveCapacity(results.reduce(0) { $0 + $1.trades.count })
        let strategies = scenario.strategies   // computed: built once, not once a trade
        for r in results {
            let symbol = r.point.text("symbol")
            for (k, t) in r.trades.enumerated() {
                rows.append(TradeRow(run: r.point.index, trade: k + 1, symbol: symbol, side: t.side > 0 ? "long" : "short",
                                     entryTime: t.entryTime, exitTime: t.exitTime, entryPrice: t.entryPrice, exitPrice: t.exitPrice, quantity: t.quantity,
                                     reason: t.liquidated ? "liquidation" : strategies[t.reason], pnlUSD: t.pnl, feesUSD: t.fees,
                                     fundingUSD: t.funding, openAtEnd: t.openAtEnd, acrossGap: t.acrossGap))
            }
        }
        return rows
    }

    /// trades.csv, built as bytes (`TradeRow.appendCSV`).
    var tradesCSV: [UInt8] {
        var out = Array((CSVFields.line(TradeRow.header) + "\n").utf8)
        out.reserveCapacity(trades.count * 160)
        for t in trades { t.appendCSV(to: &out) }
        return out
    }

    /// equity.csv through `files`' buffer, a chunk at a time (1.44 M rows on a 1,000-run
    /// grid), each line built as bytes (`EquityCSV`).
    func writeEquityCSV(closes: [String: [Int64]], to files: DigestedFiles) throws {
        try files.begin("equity.csv")
        files.buffer += EquityCSV.header
        let symbols = Array(closes.keys)
        let series = Dictionary(uniqueKeysWithValues: symbols.enumerated().map { ($1, $0) })
        var csv = EquityCSV(closeTimes: symbols.map { closes[$0]! })
        for r in results {
            let symbol = r.point.text("symbol")
            guard let k = series[symbol], let bars = closes[symbol]?.count else { continue }
            csv.begin(run: r.point.index, series: k)
            for row in EquityRows(r, bars: bars) {
                csv.append(bar: row.bar, equityUSD: row.equity, drawdownPct: row.drawdownPct, position: row.position)
                if csv.isFull {
                    csv.take(into: &files.buffer)
                    try files.drainIfFull()
                }
            }
        }
        csv.take(into: &files.buffer)
        try files.end()
    }

    /// The runs as a Markdown table, best Sharpe first (ties: lower run id).
    func summaryMarkdown(tape: MarketTape, shard: SweepEngine.Shard, volatility: [VolatilitySeries] = []) -> String {
        var out = "# Backtest: \(scenario.name)\n\n"
        for (s, t) in tape.symbols.enumerated() {
            guard let first = t.closeTime.first, let last = t.closeTime.last else { continue }
            out += "- \(t.symbol): \(t.count) bars of \(PipelineConfig.label(t.interval)) from \(ResultText.time(first - t.interval)) to \(ResultText.time(last)); "
                + "\(t.tradeTime.count) trades, \(t.cascades.count) cascades, \(t.fundings.count) funding settlements\n"
            out += Self.notes(t, volatility: s < volatility.count ? volatility[s] : nil)
        }
        out += "- grid: \(scenario.grid.count) runs" + (shard.count > 1 ? " (shard \(shard): \(results.count) of them)" : "") + "\n"
        out += "- strategies: \(scenario.strategies.joined(separator: ", ")); best first by \(RunColumns.rankingLabel)\n"
        out += significanceLines(tape: tape) + "\n"
        let ranked = RunRow.ranked(runs.rows, metricNames: runs.metricNames)
        return out + TextTable(header: runs.header, rows: ranked.map(runs.fields)).markdown(rule: "---:").joined(separator: "\n") + "\n"
    }
}

/// A run's equity rows with the running drawdown (the peak starts at the initial equity).
struct EquityRows: Sequence, IteratorProtocol {
    private let result: RunResult
    private var i = 0
    private var peak: Double
    /// The bar of the first row: the last bar is always a row.
    let firstBar: Int

    init(_ result: RunResult, bars: Int) {
        self.result = result
        peak = result.point.number("account.equity_usd")
        firstBar = bars > 0 ? (bars - 1) % result.curveStride : 0
    }

    /// Every row's drawdown, in order, into `out` (emptied first, its storage kept: one
    /// array serves run after run). Row k's equity and position are the result's own
    /// `equity[k]` and `position[k]`.
    func drawdowns(into out: inout [Double]) {
        out.removeAll(keepingCapacity: true)
        for row in self { out.append(row.drawdownPct) }
    }

    /// `bar`: the bar index of the row (rows are every `curveStride`-th bar).
    mutating func next() -> (bar: Int, equity: Double, drawdownPct: Double, position: Double)? {
        guard i < result.equity.count else { return nil }
        let e = result.equity[i], position = result.position[i], bar = firstBar + i * result.curveStride
        i += 1
        peak = Swift.max(peak, e)
        return (bar, e, peak > 0 ? (peak - e) / peak * 100 : 0, position)
    }
}
