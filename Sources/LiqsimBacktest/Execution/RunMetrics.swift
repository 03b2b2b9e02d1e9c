import Foundation

/// The metrics of one run (docs/metrics.md), in the column order of runs.csv.
public struct RunMetrics: Sendable, Equatable {
    public var totalReturnPct = 0.0
    public var sharpe = 0.0
    public var sortino = 0.0
    public var maxDrawdownPct = 0.0
    public var trades = 0
    public var winRatePct = 0.0
    /// Gross profit ÷ gross loss of closed trades; +∞ with profits and no loss, 0 without profits.
    public var profitFactor = 0.0
    public var exposurePct = 0.0
    public var feesUSD = 0.0
    /// Funding received (negative: paid).
    public var fundingUSD = 0.0
    public var finalEquityUSD = 0.0

    public static let names = ["total_return_pct", "sharpe", "sortino", "max_drawdown_pct", "trades", "win_rate_pct",
                               "profit_factor", "exposure_pct", "fees_usd", "funding_usd", "final_equity_usd"]

    /// Metrics where smaller is better; `unranked` ones have no better direction (more
    /// trades or more time in the market is neither good nor bad); the rest: larger is better.
    public static let smallerIsBetter: Set<String> = ["max_drawdown_pct", "fees_usd"]
    public static let unranked: Set<String> = ["trades", "exposure_pct"]

    public var values: [Double] {
        [totalReturnPct, sharpe, sortino, maxDrawdownPct, Double(trades), winRatePct, profitFactor, exposurePct, feesUSD, fundingUSD, finalEquityUSD]
    }
}

/// Running sums of bar returns for Sharpe and Sortino, and the drawdown.
struct ReturnStatistics {
    private var count = 0
    private var sum = 0.0, sumSquares = 0.0, downsideSquares = 0.0
    private var peak: Double
    private(set) var maxDrawdown = 0.0
    private var previous: Double

    init(initialEquity: Double) {
        peak = initialEquity
        previous = initialEquity
    }

    @inline(__always)
    mutating func add(equity: Double) {
        // Flat bars (no position, no fill) keep equity exactly: r = 0 without a division.
        let r = previous > 0 && equity != previous ? equity / previous - 1 : 0
        previous = equity
        count += 1
        sum += r
        sumSquares += r * r
        if r < 0 { downsideSquares += r * r }
        // The division only when the drawdown deepens (rare), not on every bar below the peak.
        if equity > peak { peak = equity } else if peak > 0 && equity < peak * (1 - maxDrawdown) { maxDrawdown = (peak - equity) / peak }
    }

    /// Annualized from bar returns: mean ÷ σ × √(bars per year), σ the population
    /// standard deviation; Sortino uses the downside deviation √(mean(min(r, 0)²)).
    func ratios(barsPerYear: Double) -> (sharpe: Double, sortino: Double) {
        guard count > 1 else { return (0, 0) }
        let n = Double(count), mean = sum / n
        let variance = max(0, sumSquares / n - mean * mean)
        let downside = (downsideSquares / n).squareRoot()
        let scale = barsPerYear.squareRoot()
        return (variance > 0 ? mean / variance.squareRoot() * scale : 0, downside > 0 ? mean / downside * scale : 0)
    }
}
