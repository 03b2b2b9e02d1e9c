import LiqsimSQLite

/// Writes results.sqlite: the run tables at full precision, plus what a report draws (bars
/// with regimes, cascades), queryable with any SQLite client (docs/metrics.md). Opened on a
/// new file; every row goes in one transaction that `finish` commits. SQLite failures are
/// thrown as `ResultFileError`s naming the file.
public final class ResultsDatabase {
    private let db: SQLiteDatabase
    private let bars, cascades: SQLiteStatement
    private let trades: BatchedInsert<TradeRow>, equity: BatchedInsert<EquityPoint>
    /// Each run's rowid range of `equity_points`, in run order (rows are appended run by run).
    private var equityRuns: [(run: Int, first: Int64, last: Int64)] = []
    private var equityRows: Int64 = 0

    /// Creates the schema (version `ResultsSchema.version`) and the `runs` table, whose
    /// `textParameters` columns hold words; then writes `runs`' rows.
    public init(path: String, runs: RunsTable, textParameters: Set<String>) throws {
        do {
            let file = try SQLiteDatabase(path: path)
            // A new file: anything already there (another application's, an earlier run's) is left as it is.
            guard try ResultsSchema.checkOwnership(file).isEmpty else { throw file.error("already holds a results database; not touched") }
            db = file
        } catch let error as SQLiteError { throw Self.fileError(error) }
        do { try Self.create(db, runs: runs, textParameters: textParameters) } catch let error as SQLiteError { throw Self.fileError(error) }
        do {
            trades = try BatchedInsert(db, table: "trades", width: TradeRow.header.count) { statement, first, row in
                try row.bind(statement, from: first)
            }
            // Bound by position without building a value array: equity is most of the rows.
            equity = try BatchedInsert(db, table: "equity_points", width: 4) { statement, first, row in
                try statement.bindRow(first, row.timeMs, row.equityUSD, row.drawdownPct, row.position)
            }
            bars = try db.prepare(ResultsSchema.insert("bars", 22))
            cascades = try db.prepare(ResultsSchema.insert("cascades", 8))
        } catch let error as SQLiteError { throw Self.fileError(error) }
    }

    private static func create(_ db: SQLiteDatabase, runs: RunsTable, textParameters: Set<String>) throws {
        // A new file written once in one transaction, complete when manifest.json appears
        // after it: no journal file and no fsync (the CSV files are not synced either).
        // 16 KiB pages: fewer pages (and page writes) for the equity rows than the default 4 KiB.
        try db.execute("PRAGMA page_size = 16384; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF")
        try ResultsSchema.migrator.migrate(db)
        try db.execute("BEGIN IMMEDIATE")
        try db.execute(ResultsSchema.runsTable(runs, textParameters: textParameters))
        try db.execute(ResultsSchema.indexes)
        let insertRun = try db.prepare(ResultsSchema.insert("runs", runs.header.count))
        for r in runs.rows {
            try run(insertRun, [.integer(Int64(r.run))] + r.parameters.map(ResultsSchema.parameter) + r.metrics.map(SQLiteValue.realOrNull))
        }
    }

    public func insert(_ row: TradeRow) throws { try guarded { try trades.insert(row) } }
    public func insert(_ row: BarRow) throws { try guarded { try Self.run(bars, row.values) } }
    public func insert(_ row: CascadeRow) throws { try guarded { try Self.run(cascades, row.values) } }

    /// Bar closes as `equity_times` rows (ms since the epoch, the text `ResultText.time`
    /// writes), each once: the `equity` view's `time` column.
    public func insertEquityTimes(_ times: [(ms: Int64, text: String)]) throws {
        try guarded {
            let statement = try db.prepare("INSERT OR IGNORE INTO equity_times VALUES (?1, ?2)")
            for t in times {
                statement.reset()
                try statement.bind(1, t.ms)
                try statement.bind(2, t.text)
                try statement.step()
            }
        }
    }

    /// Equity rows go in a batch at a time (`BatchedInsert`), run after run in increasing
    /// run order: a run's rows are one rowid range of `equity_points` (`equity_runs`).
    public func insert(_ point: EquityPoint) throws {
        equityRows += 1
        if let last = equityRuns.last, last.run == point.run {
            equityRuns[equityRuns.count - 1].last = equityRows
        } else {
            precondition(equityRuns.last.map { $0.run < point.run } ?? true, "equity rows must come in increasing run order")
            equityRuns.append((point.run, equityRows, equityRows))
        }
        try guarded { try equity.insert(point) }
    }

    /// Inserts the trade and equity rows still waiting for a full batch and the runs' rowid
    /// ranges (the writer calls this on its database thread, so `finish` only writes the
    /// manifest's facts and commits).
    public func flush() throws {
        try guarded {
            try trades.flush()
            try equity.flush()
            let ranges = try db.prepare("INSERT INTO equity_runs VALUES (?1, ?2, ?3)")
            for r in equityRuns {
                ranges.reset()
                try ranges.bind(1, r.run)
                try ranges.bind(2, r.first)
                try ranges.bind(3, r.last)
                try ranges.step()
            }
            equityRuns.removeAll()
        }
    }

    /// Inserts the rows still waiting, writes the manifest's facts and commits.
    public func finish(manifest: Manifest) throws {
        try flush()
        try guarded {
            let meta = try db.prepare("INSERT INTO manifest VALUES (:key, :value)")
            for (k, v) in manifest.pairs {
                meta.reset()
                try meta.bind([":key": .text(k), ":value": .text(v)])
                try meta.step()
            }
            try db.execute("COMMIT")
        }
    }

    private func guarded(_ body: () throws -> Void) throws {
        do { try body() } catch let error as SQLiteError { throw Self.fileError(error) }
    }

    private static func fileError(_ error: SQLiteError) -> ResultFileError {
        ResultFileError(error.path, error.message, fix: "check the directory's permissions and free space")
    }

    private static func run(_ statement: SQLiteStatement, _ values: [SQLiteValue]) throws {
        statement.reset()
        for (i, v) in values.enumerated() { try statement.bind(Int32(i + 1), v) }
        try statement.step()
    }
}
