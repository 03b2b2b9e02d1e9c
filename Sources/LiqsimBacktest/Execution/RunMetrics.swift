import Foundation
import LiqsimResultFiles

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

    /// The result files' metric columns (their order is `values`' order).
    public static let names = RunColumns.metrics

    public var values: [Double] {
        [totalReturnPct, sharpe, sortino, maxDrawdownPct, Double(trades), winRatePct, profitFactor, exposurePct, feesUSD, fundingUSD, finalEquityUSD]
    }
}

/// Sums of bar returns for Sharpe and Sortino, and the drawdown, over an equity curve.
struct ReturnStatistics {
    var count = 0
    var sum = 0.0, sumSquares = 0.0, downsideSquares = 0.0
    var maxDrawdown = 0.0

    init() {}

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
