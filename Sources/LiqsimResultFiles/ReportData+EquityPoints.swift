import LiqsimSQLite

extension ReportData {
    /// Every run's equity from a version-3 file (`equity_runs`' rowid ranges of
    /// `equity_points`), thinned as `loadEquity` thins version 2's `equity` table: the same
    /// points, the times those of the `equity` view's text (`equity_times`) read as
    /// `millis` reads them — a point whose time has no text reads as 0, as a NULL time does.
    static func loadEquityPoints(_ db: SQLiteDatabase, into data: inout ReportData) throws {
        let budget = Equity.budget(runs: data.runs.rows.count)
        var texts: [Int64: Int64] = [:]
        let times = try db.prepare("SELECT time_ms, time FROM equity_times")
        while try times.step() { texts[times.int64(at: 0)] = millis(times.value(at: 1)) }
        let rows = try db.prepare("""
            SELECT r.run, p.time_ms, p.equity_usd, p.drawdown_pct, p.time_ms IS NULL FROM equity_runs AS r
            CROSS JOIN equity_points AS p ON p.rowid BETWEEN r.first_row AND r.last_row
            """)
        var current: Int?, full = Equity()
        // The previous run's stored times and what they read as: every run of a symbol
        // repeats its bar closes, so most rows need no lookup.
        var stored: [Int64] = [], ms: [Int64] = []
        func close() {
            guard let run = current else { return }
            data.equity[run] = full.thinned(to: budget)
        }
        while try rows.step() {
            let run = Int(rows.int64(at: 0))
            if run != current { close(); current = run; full = Equity() }
            let k = full.timeMs.count
            let key = rows.int64(at: 1), missing = rows.int64(at: 4) != 0
            if !missing, k < stored.count, stored[k] == key { full.timeMs.append(ms[k]) } else {
                let t = missing ? 0 : texts[key] ?? 0
                full.timeMs.append(t)
                // A NULL time is never cached: its key (0) may be a real time's.
                let cached = missing ? Int64.min : key
                if k < stored.count { stored[k] = cached; ms[k] = t } else { stored.append(cached); ms.append(t) }
            }
            full.equityUSD.append(rows.double(at: 2) ?? .nan)
            full.drawdownPct.append(rows.double(at: 3) ?? .nan)
            full.rows += 1
        }
        close()
    }
}
