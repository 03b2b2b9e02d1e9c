/// Keeps report.html small and quick to draw on big grids (docs/report.md, "Size"): long
/// bar series are merged into wider candles, and each run's equity curve is thinned to the
/// points that shape it. Both keep exact values from the result files: a merged candle is
/// the OHLC and sums of its bars, and a thinned curve is a subset of equity.csv's rows.
public enum ReportSeries {
    /// Candles drawn at most; more bars are merged k at a time.
    public static let maxCandles = 1_500
    /// Equity points in the page across all runs, and the bounds per run.
    public static let equityPointsTotal = 150_000
    public static let equityPointsPerRun = (low: 240, high: 3_000)

    public static func equityBudget(runs: Int) -> Int {
        min(equityPointsPerRun.high, max(equityPointsPerRun.low, equityPointsTotal / max(runs, 1)))
    }

    /// At most `budget` points: the first and last, and per slice of time the lowest and
    /// highest equity and the deepest drawdown, so peaks, troughs and the worst drawdown
    /// survive thinning.
    public static func thin(_ full: ReportData.Equity, to budget: Int) -> ReportData.Equity {
        let n = full.timeMs.count
        guard n > budget, budget >= 6 else { return full }
        let slices = (budget - 2) / 3
        var keep = Set<Int>([0, n - 1])
        for s in 0..<slices {
            let start = s * n / slices, end = (s + 1) * n / slices
            guard start < end else { continue }
            var low = start, high = start, deep = start
            for i in start..<end {
                if full.equityUSD[i] < full.equityUSD[low] { low = i }
                if full.equityUSD[i] > full.equityUSD[high] { high = i }
                if full.drawdownPct[i] > full.drawdownPct[deep] { deep = i }
            }
            keep.formUnion([low, high, deep])
        }
        var out = ReportData.Equity()
        out.rows = full.rows
        for i in keep.sorted() {
            out.timeMs.append(full.timeMs[i]); out.equityUSD.append(full.equityUSD[i]); out.drawdownPct.append(full.drawdownPct[i])
        }
        return out
    }

    /// Bars merged `factor` at a time (1 when they fit in `maxCandles`): open of the first,
    /// high and low over all, close and regime labels of the last, volumes and liquidations
    /// summed, stamped with the last bar's close.
    public static func candles(_ bars: ReportData.Bars) -> (bars: ReportData.Bars, factor: Int) {
        let factor = (bars.count + maxCandles - 1) / maxCandles
        guard factor > 1 else { return (bars, 1) }
        var out = ReportData.Bars(symbol: bars.symbol)
        var start = 0
        while start < bars.count {
            let end = min(start + factor, bars.count), last = end - 1
            out.closeMs.append(bars.closeMs[last])
            out.open.append(bars.open[start])
            out.high.append(bars.high[start..<end].max()!)
            out.low.append(bars.low[start..<end].min()!)
            out.close.append(bars.close[last])
            out.volumeUSD.append(bars.volumeUSD[start..<end].reduce(0, +))
            out.longLiquidationUSD.append(bars.longLiquidationUSD[start..<end].reduce(0, +))
            out.shortLiquidationUSD.append(bars.shortLiquidationUSD[start..<end].reduce(0, +))
            out.trend.append(bars.trend[last])
            out.volatility.append(bars.volatility[last])
            start = end
        }
        return (out, factor)
    }
}
