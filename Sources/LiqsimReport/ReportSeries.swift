import LiqsimResultFiles

/// Keeps report.html small and quick to draw on big grids (docs/report.md, "Size"): long
/// bar series are merged into wider candles (each run's equity curve is thinned as it is
/// read, `ReportData.Equity.thinned(to:)`). A merged candle keeps exact values from the
/// result files: the OHLC and sums of its bars.
public enum ReportSeries {
    /// Candles drawn at most; more bars are merged k at a time.
    public static let maxCandles = 1_500
    /// Bars merged `factor` at a time (1 when they fit in `maxCandles`): open of the first,
    /// high and low over all, close and regime labels of the last, volumes and liquidations
    /// summed, stamped with the last bar's close.
    public static func candles(_ bars: ReportData.Bars) -> (bars: ReportData.Bars, factor: Int) {
        let factor = (bars.count + maxCandles - 1) / maxCandles
        guard factor > 1 else { return (bars, 1) }
        var out = ReportData.Bars(symbol: bars.symbol)
        out.trendWindow = bars.trendWindow
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
