/// The columns of runs.csv and of results.sqlite's `runs` table (docs/metrics.md): `run`,
/// the shown parameters, then these metrics in this order.
public enum RunColumns {
    /// The performance metrics (docs/metrics.md, "Metrics").
    public static let performance = ["total_return_pct", "sharpe", "sortino", "max_drawdown_pct", "trades", "win_rate_pct",
                                     "profit_factor", "exposure_pct", "fees_usd", "funding_usd", "final_equity_usd"]
    /// The strategy's own liquidations (docs/metrics.md, "Margin and liquidation").
    public static let margin = ["liquidations"]
    /// How far the Sharpe ratio can be trusted (docs/metrics.md, "Significance").
    public static let significance = ["bars", "days", "skew", "kurtosis", "sharpe_se", "psr", "dsr"]

    public static let metrics = performance + margin + significance

    /// Metrics where smaller is better; `unranked` ones have no better direction (more
    /// trades or more time in the market is neither good nor bad; the span and the shape of
    /// the returns describe the test, not the strategy); the rest: larger is better.
    public static let smallerIsBetter: Set<String> = ["max_drawdown_pct", "fees_usd", "liquidations"]
    public static let unranked: Set<String> = ["trades", "exposure_pct", "bars", "days", "skew", "kurtosis", "sharpe_se"]

    /// The metric runs are ranked by by default (summary.md, report.html, `compare`).
    public static let ranking = "sharpe"
    /// How the ranking is named beside a "best" marker: what it is and what it is not.
    public static let rankingLabel = "sharpe (annualised, not adjusted for the grid's trials: see dsr)"

    /// A metric as runs.csv writes it: money with 2 decimals, counts whole, the rest with 4.
    public static func text(_ name: String, _ value: Double) -> String {
        if ["trades", "bars", "liquidations"].contains(name), value.isFinite { return String(Int(value)) }
        if name.hasSuffix("_usd") { return ResultText.fixed(value, 2) }
        return ResultText.fixed(value, 4)
    }
}
