extension ReportData.Equity {
    /// Equity points in the page across all runs, and the bounds per run: report.html stays
    /// small and quick to draw on big grids (docs/report.md, "Size").
    public static let pointsTotal = 150_000
    public static let pointsPerRun = (low: 240, high: 3_000)

    public static func budget(runs: Int) -> Int {
        min(pointsPerRun.high, max(pointsPerRun.low, pointsTotal / max(runs, 1)))
    }

    /// At most `budget` points, a subset of equity.csv's rows (`keptRows`).
    public func thinned(to budget: Int) -> ReportData.Equity {
        guard timeMs.count > budget, budget >= 6 else { return self }
        let kept = Self.keptRows(equityUSD: equityUSD, drawdownPct: drawdownPct, budget: budget)
        var out = ReportData.Equity()
        out.rows = rows
        out.timeMs = kept.map { timeMs[$0] }
        out.equityUSD = kept.map { equityUSD[$0] }
        out.drawdownPct = kept.map { drawdownPct[$0] }
        return out
    }

    /// The rows a run's thinned curve keeps, in order, of rows with these equities and
    /// drawdowns: every row while they number at most `budget` (or `budget` < 6), else the
    /// first and last, and per slice of time the lowest and highest equity and the deepest
    /// drawdown, so peaks, troughs and the worst drawdown survive thinning. The writer
    /// thins a run straight from its result with it, without a full copy first.
    public static func keptRows(equityUSD: [Double], drawdownPct: [Double], budget: Int) -> [Int] {
        let n = equityUSD.count
        guard n > budget, budget >= 6 else { return Array(0..<n) }
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
        return (0..<n).filter { keep[$0] }
    }
}

extension ReportData {
    /// Equity rows arriving in run and bar order (version 2's `equity` table, version 3's
    /// points), each finished run thinned into `data.equity`: the two readers differ only in
    /// how they read a row's time.
    struct EquityCollector {
        let budget: Int
        private var run: Int?
        private var full = Equity()

        init(runs: Int) { budget = Equity.budget(runs: runs) }

        /// The row's place in its run (0 for a run's first row); a new run finishes the one before.
        mutating func place(run: Int, into data: inout ReportData) -> Int {
            if run != self.run { finish(into: &data); self.run = run; full = Equity() }
            return full.timeMs.count
        }

        mutating func append(timeMs: Int64, equityUSD: Double, drawdownPct: Double) {
            full.timeMs.append(timeMs)
            full.equityUSD.append(equityUSD)
            full.drawdownPct.append(drawdownPct)
            full.rows += 1
        }

        /// Thins the current run into `data` (call once more after the last row).
        func finish(into data: inout ReportData) {
            guard let run else { return }
            data.equity[run] = full.thinned(to: budget)
        }
    }
}
