/// The columns of runs.csv and of results.sqlite's `runs` table (docs/metrics.md): `run`,
/// the shown parameters, then these metrics in this order.
public enum RunColumns {
    public static let metrics = ["total_return_pct", "sharpe", "sortino", "max_drawdown_pct", "trades", "win_rate_pct",
                                 "profit_factor", "exposure_pct", "fees_usd", "funding_usd", "final_equity_usd"]

    /// Metrics where smaller is better; `unranked` ones have no better direction (more
    /// trades or more time in the market is neither good nor bad); the rest: larger is better.
    public static let smallerIsBetter: Set<String> = ["max_drawdown_pct", "fees_usd"]
    public static let unranked: Set<String> = ["trades", "exposure_pct"]

    /// The metric runs are ranked by by default (summary.md, report.html, `compare`).
    public static let ranking = "sharpe"

    /// A metric as runs.csv writes it: money with 2 decimals, counts whole, the rest with 4.
    public static func text(_ name: String, _ value: Double) -> String {
        if name == "trades", value.isFinite { return String(Int(value)) }
        if name.hasSuffix("_usd") { return ResultText.fixed(value, 2) }
        return ResultText.fixed(value, 4)
    }
}
