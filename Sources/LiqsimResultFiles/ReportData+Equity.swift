extension ReportData.Equity {
    /// Equity points in the page across all runs, and the bounds per run: report.html stays
    /// small and quick to draw on big grids (docs/report.md, "Size").
    public static let pointsTotal = 150_000
    public static let pointsPerRun = (low: 240, high: 3_000)

    public static func budget(runs: Int) -> Int {
        min(pointsPerRun.high, max(pointsPerRun.low, pointsTotal / max(runs, 1)))
    }

    /// At most `budget` points, a subset of equity.csv's rows: the first and last, and per
    /// slice of time the lowest and highest equity and the deepest drawdown, so peaks,
    /// troughs and the worst drawdown survive thinning.
    public func thinned(to budget: Int) -> ReportData.Equity {
        let n = timeMs.count
        guard n > budget, budget >= 6 else { return self }
        let slices = (budget - 2) / 3
        // Kept rows as flags, read back in row order.
        var keep = [Bool](repeating: false, count: n)
        keep[0] = true
        keep[n - 1] = true
        for s in 0..<slices {
            let start = s * n / slices, end = (s + 1) * n / slices
            guard start < end else { continue }
            var low = start, high = start, deep = start
            for i in start..<end {
                if equityUSD[i] < equityUSD[low] { low = i }
                if equityUSD[i] > equityUSD[high] { high = i }
                if drawdownPct[i] > drawdownPct[deep] { deep = i }
            }
            keep[low] = true
            keep[high] = true
            keep[deep] = true
        }
        var out = ReportData.Equity()
        out.rows = rows
        for i in 0..<n where keep[i] {
            out.timeMs.append(timeMs[i]); out.equityUSD.append(equityUSD[i]); out.drawdownPct.append(drawdownPct[i])
        }
        return out
    }
}
