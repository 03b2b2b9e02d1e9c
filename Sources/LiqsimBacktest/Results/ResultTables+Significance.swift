import LiqsimCore
import LiqsimResultFiles

extension ResultTables {
    /// summary.md's significance lines (docs/metrics.md, "Significance"): the trials and the
    /// Sharpe a zero-skill best would reach, a warning for spans under 30 days, and the best
    /// run's Sharpe with its standard error, PSR and DSR.
    func significanceLines(tape: MarketTape) -> String {
        var out = ""
        let trials = scenario.grid.count
        let variance = Significance.variance(results.map(\.metrics.barSharpe))
        let barsPerYear = 365.0 * 86_400_000_000_000 / Double(scenario.bar)
        let expected = Significance.expectedMaximumSharpe(trials: trials, variance: variance) * barsPerYear.squareRoot()
        out += "- significance: \(trials) trials (grid points); the best of \(trials) zero-skill runs with these runs' spread of Sharpe ratios "
            + "would reach sharpe \(RunColumns.text("sharpe", expected)) by luck alone; dsr is each run's probability of beating that, psr of beating 0\n"
        for warning in BacktestRun.spanWarnings(tape) { out += "- **warning**: \(warning)\n" }
        if let best = RunRow.best(runs.rows, metricNames: runs.metricNames), let r = results.first(where: { $0.point.index == best.run }) {
            let m = r.metrics
            out += "- best by \(RunColumns.ranking): run \(best.run): sharpe \(RunColumns.text("sharpe", m.sharpe)) ± \(RunColumns.text("sharpe_se", m.sharpeSE)) "
                + "(standard error), psr \(RunColumns.text("psr", m.psr)), dsr \(RunColumns.text("dsr", m.dsr)) over \(m.bars) bars "
                + "(\(RunColumns.text("days", m.days)) days)\n"
        }
        return out
    }
}
