import LiqsimCore
import LiqsimPipeline

/// The text of runs.csv, trades.csv, equity.csv and summary.md for a set of runs
/// (SPEC §6; docs/metrics.md). Rows are in run order whatever order the runs finished in.
struct ResultTables {
    let scenario: Scenario
    let results: [RunResult]
    let shown: [GridAxis]

    init(scenario: Scenario, results: [RunResult]) {
        self.scenario = scenario
        self.results = results.sorted { $0.point.index < $1.point.index }
        shown = scenario.grid.shownAxes
    }

    var runsHeader: [String] { ["run"] + shown.map(\.name) + RunMetrics.names }

    func runRow(_ r: RunResult) -> [String] {
        [String(r.point.index)] + shown.map { r.point[$0.name]!.description }
            + zip(RunMetrics.names, r.metrics.values).map { TableText.metric($0, $1) }
    }

    var runsCSV: String {
        var out = runsHeader.joined(separator: ",") + "\n"
        for r in results { out += runRow(r).map(TableText.csv).joined(separator: ",") + "\n" }
        return out
    }

    static let tradesHeader = ["run", "trade", "symbol", "side", "entry_time", "exit_time", "entry_price", "exit_price", "quantity",
                               "reason", "pnl_usd", "fees_usd", "funding_usd", "open_at_end", "across_gap"]

    var tradesCSV: String {
        var out = Self.tradesHeader.joined(separator: ",") + "\n"
        for r in results {
            let symbol = r.point.text("symbol")
            for (k, t) in r.trades.enumerated() {
                let row = [String(r.point.index), String(k + 1), symbol, t.side > 0 ? "long" : "short", TableText.time(t.entryTime),
                           TableText.time(t.exitTime), TableText.fixed(t.entryPrice, 4), TableText.fixed(t.exitPrice, 4),
                           TableText.exact(t.quantity), scenario.strategies[t.reason], TableText.fixed(t.pnl, 2), TableText.fixed(t.fees, 2),
                           TableText.fixed(t.funding, 2), t.openAtEnd ? "1" : "0", t.acrossGap ? "1" : "0"]
                out += row.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static let equityHeader = ["run", "time", "equity_usd", "drawdown_pct", "position"]

    /// Every run's equity at every bar close, with its drawdown and position. Built as
    /// bytes: a 1,000-run grid over a day of 1m bars is 1.44 M rows.
    func equityCSV(times: [String: [String]]) -> [UInt8] {
        var out = Array((Self.equityHeader.joined(separator: ",") + "\n").utf8)
        out.reserveCapacity(results.reduce(0) { $0 + $1.equity.count } * 64)
        for r in results {
            guard let times = times[r.point.text("symbol")] else { continue }
            let run = Array((String(r.point.index) + ",").utf8)
            for row in EquityRows(r, bars: times.count) {
                out += run
                out += times[row.bar].utf8
                out.append(UInt8(ascii: ","))
                out += TableText.fixed(row.equity, 2).utf8
                out.append(UInt8(ascii: ","))
                out += TableText.fixed(row.drawdownPct, 4).utf8
                out.append(UInt8(ascii: ","))
                out += TableText.exact(row.position).utf8
                out.append(UInt8(ascii: "\n"))
            }
        }
        return out
    }

    /// The runs as a Markdown table, best Sharpe first (ties: lower run id).
    func summaryMarkdown(tape: MarketTape, shard: SweepEngine.Shard) -> String {
        var out = "# Backtest: \(scenario.name)\n\n"
        for t in tape.symbols {
            guard let first = t.closeTime.first, let last = t.closeTime.last else { continue }
            out += "- \(t.symbol): \(t.count) bars of \(PipelineConfig.label(t.interval)) from \(TableText.time(first - t.interval)) to \(TableText.time(last)); "
                + "\(t.tradeTime.count) trades, \(t.cascades.count) cascades, \(t.fundings.count) funding settlements\n"
        }
        out += "- grid: \(scenario.grid.count) runs" + (shard.count > 1 ? " (shard \(shard): \(results.count) of them)" : "") + "\n"
        out += "- strategies: \(scenario.strategies.joined(separator: ", ")); best first by sharpe\n\n"
        let ranked = results.sorted { ($0.metrics.sharpe, -$0.point.index) > ($1.metrics.sharpe, -$1.point.index) }
        out += "| " + runsHeader.joined(separator: " | ") + " |\n"
        out += "|" + runsHeader.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for r in ranked { out += "| " + runRow(r).joined(separator: " | ") + " |\n" }
        return out
    }
}

/// A run's equity rows with the running drawdown (the peak starts at the initial equity).
struct EquityRows: Sequence, IteratorProtocol {
    private let result: RunResult
    private var i = 0
    private var peak: Double
    private let firstBar: Int, barCount: Int

    init(_ result: RunResult, bars: Int) {
        self.result = result
        peak = result.point.number("account.equity_usd")
        barCount = bars
        firstBar = bars > 0 ? (bars - 1) % result.curveStride : 0
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
