import LiqsimSQLite

extension ReportData {
    /// Every run's equity from a version-3 file (`equity_runs`' rowid ranges of
    /// `equity_points`), thinned as `loadEquity` thins version 2's `equity` table: the same
    /// points, the times those of the `equity` view's text (`equity_times`) read as
    /// `millis` reads them — a point whose time has no text reads as 0, as a NULL time does.
    static func loadEquityPoints(_ db: SQLiteDatabase, into data: inout ReportData) throws {
        var texts: [Int64: Int64] = [:]
        let times = try db.prepare("SELECT time_ms, time FROM equity_times")
        while try times.step() { texts[times.int64(at: 0)] = millis(times.value(at: 1)) }
        let rows = try db.prepare("""
            SELECT r.run, p.time_ms, p.equity_usd, p.drawdown_pct, p.time_ms IS NULL FROM equity_runs AS r
            CROSS JOIN equity_points AS p ON p.rowid BETWEEN r.first_row AND r.last_row
            """)
        var runs = EquityCollector(runs: data.runs.rows.count)
        // The previous run's stored times and what they read as: every run of a symbol
        // repeats its bar closes, so most rows need no lookup.
        var stored: [Int64] = [], ms: [Int64] = []
        while try rows.step() {
            let k = runs.place(run: Int(rows.int64(at: 0)), into: &data)
            let key = rows.int64(at: 1), missing = rows.int64(at: 4) != 0
            let t: Int64
            if !missing, k < stored.count, stored[k] == key { t = ms[k] } else {
                t = missing ? 0 : texts[key] ?? 0
                // A NULL time is never cached: its key (0) may be a real time's.
                let cached = missing ? Int64.min : key
                if k < stored.count { stored[k] = cached; ms[k] = t } else { stored.append(cached); ms.append(t) }
            }
            runs.append(timeMs: t, equityUSD: rows.double(at: 2) ?? .nan, drawdownPct: rows.double(at: 3) ?? .nan)
        }
        runs.finish(into: &data)
    }
}

extension ReportData {
    /// Every run's equity from a version-4 file: `equity_runs`' rowid ranges of
    /// `equity_points`, a row's time the `time_ms` of its step in the run's timeline
    /// (`equity_steps`, read once), thinned as `loadEquity` thins. A row whose step is
    /// missing or has no text reads as 0, as a NULL time of the `equity` view does.
    static func loadEquitySteps(_ db: SQLiteDatabase, into data: inout ReportData) throws {
        // Each timeline's times by step, steps in order (a gap in a hand-edited file reads 0).
        var timelines: [Int64: [Int64]] = [:]
        var current: (timeline: Int64, times: [Int64])?
        let steps = try db.prepare("SELECT timeline, step, time_ms, time IS NULL OR time_ms IS NULL FROM equity_steps ORDER BY timeline, step")
        while try steps.step() {
            let timeline = steps.int64(at: 0), step = steps.int64(at: 1)
            if current?.timeline != timeline {
                if let current { timelines[current.timeline] = current.times }
                current = (timeline, [])
            }
            guard step >= 0, step < 1 << 26, let count = current?.times.count else { continue }
            if count < step { current?.times += repeatElement(0, count: Int(step) - count) }
            if count <= step { current?.times.append(steps.int64(at: 3) != 0 ? 0 : steps.int64(at: 2)) }
        }
        if let current { timelines[current.timeline] = current.times }
        let rows = try db.prepare("""
            SELECT r.run, r.timeline, p.equity_usd, p.drawdown_pct, r.timeline IS NULL FROM equity_runs AS r
            CROSS JOIN equity_points AS p ON p.rowid BETWEEN r.first_row AND r.last_row
            """)
        var runs = EquityCollector(runs: data.runs.rows.count)
        var times: [Int64] = []
        while try rows.step() {
            let k = runs.place(run: Int(rows.int64(at: 0)), into: &data)
            if k == 0 { times = rows.int64(at: 4) != 0 ? [] : timelines[rows.int64(at: 1)] ?? [] }
            runs.append(timeMs: k < times.count ? times[k] : 0, equityUSD: rows.double(at: 2) ?? .nan, drawdownPct: rows.double(at: 3) ?? .nan)
        }
        runs.finish(into: &data)
    }
}
