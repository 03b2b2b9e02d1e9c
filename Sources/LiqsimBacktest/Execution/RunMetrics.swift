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
    /// Positions the exchange closed (docs/metrics.md, "Margin and liquidation").
    public var liquidations = 0
    /// Significance (docs/metrics.md, "Significance"): bar returns, the span they cover,
    /// their skewness and (non-excess) kurtosis, the annualised Sharpe's standard error,
    /// the probabilistic Sharpe ratio against 0 and the deflated Sharpe ratio (set after the
    /// sweep, when the grid's Sharpes are known; NaN until then).
    public var bars = 0
    public var days = 0.0
    public var skew = Double.nan, kurtosis = Double.nan
    public var sharpeSE = Double.nan, psr = Double.nan, dsr = Double.nan
    /// The per-bar (not annualised) Sharpe ratio the significance figures are computed from.
    public var barSharpe = 0.0

    /// The result files' metric columns (their order is `values`' order).
    public static let names = RunColumns.metrics

    public var values: [Double] {
        [totalReturnPct, sharpe, sortino, maxDrawdownPct, Double(trades), winRatePct, profitFactor, exposurePct, feesUSD, fundingUSD, finalEquityUSD]
            + [Double(liquidations)]
            + [Double(bars), days, skew, kurtosis, sharpeSE, psr, dsr]
    }

    /// Fills the significance figures from the bar returns' statistics; `barsPerYear`
    /// annualises the standard error like the Sharpe ratio.
    mutating func setSignificance(_ stats: ReturnStatistics, barsPerYear: Double, days: Double) {
        bars = stats.count
        self.days = days
        (skew, kurtosis) = stats.shape
        barSharpe = stats.barSharpe
        let se = Significance.sharpeStandardError(sharpe: barSharpe, n: bars, skew: skew, kurtosis: kurtosis)
        sharpeSE = se * barsPerYear.squareRoot()
        psr = Significance.probabilisticSharpe(sharpe: barSharpe, n: bars, skew: skew, kurtosis: kurtosis)
    }

    /// The deflated Sharpe ratio among `trials` runs whose per-bar Sharpes vary by `variance`.
    mutating func deflate(trials: Int, variance: Double) {
        dsr = Significance.deflatedSharpe(sharpe: barSharpe, n: bars, skew: skew, kurtosis: kurtosis, trials: trials, variance: variance)
    }
}

extension RunMetrics {
    /// Equal when every value is, bit for bit (so an undefined figure, NaN, equals itself).
    public static func == (a: RunMetrics, b: RunMetrics) -> Bool {
        a.barSharpe.bitPattern == b.barSharpe.bitPattern && a.values.count == b.values.count
            && zip(a.values, b.values).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}

/// Sums of bar returns for Sharpe and Sortino, skewness and kurtosis, and the drawdown,
/// over an equity curve.
struct ReturnStatistics {
    var count = 0
    var sum = 0.0, sumSquares = 0.0, downsideSquares = 0.0
    var maxDrawdown = 0.0
    /// Σr³ and Σr⁴.
    var sumCubes = 0.0, sumFourth = 0.0

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

    /// The per-bar Sharpe ratio (`ratios` without the annualisation).
    var barSharpe: Double { ratios(barsPerYear: 1).sharpe }

    /// Skewness m₃ ÷ m₂^1.5 and kurtosis m₄ ÷ m₂² of the bar returns (central population
    /// moments from the power sums: m₃ = E r³ − 3μ E r² + 2μ³, m₄ = E r⁴ − 4μ E r³ + 6μ² E r² − 3μ⁴);
    /// NaN when the returns do not vary.
    var shape: (skew: Double, kurtosis: Double) {
        let n = Double(count), mu = sum / n, e2 = sumSquares / n, e3 = sumCubes / n, e4 = sumFourth / n
        let m2 = e2 - mu * mu
        guard count > 1, m2 > 0 else { return (.nan, .nan) }
        let m3 = e3 - 3 * mu * e2 + 2 * mu * mu * mu
        let m4 = e4 - 4 * mu * e3 + 6 * mu * mu * e2 - 3 * mu * mu * mu * mu
        return (m3 / (m2 * m2.squareRoot()), m4 / (m2 * m2))
    }
}
