import LiqsimSQLite

/// Writes results.sqlite: the run tables at full precision, plus what a report draws (bars
/// with regimes, cascades), queryable with any SQLite client (docs/metrics.md). Opened on a
/// new file; every row goes in one transaction that `finish` commits. SQLite failures are
/// thrown as `ResultFileError`s naming the file.
public final class ResultsDatabase {
    private let db: SQLiteDatabase
    private let bars, cascades: SQLiteStatement
    private let trades: BatchedInsert<TradeRow>, equity: BatchedInsert<EquityRow>

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
            equity = try BatchedInsert(db, table: "equity", width: EquityRow.header.count) { statement, first, row in
                try statement.bind(first, row.run)
                try statement.bind(first + 1, row.time)
                try statement.bind(first + 2, row.equityUSD)
                try statement.bind(first + 3, row.drawdownPct)
                try statement.bind(first + 4, row.position)
            }
            bars = try db.prepare(ResultsSchema.insert("bars", 22))
            cascades = try db.prepare(ResultsSchema.insert("cascades", 8))
        } catch let error as SQLiteError { throw Self.fileError(error) }
    }

    private static func create(_ db: SQLiteDatabase, runs: RunsTable, textParameters: Set<String>) throws {
        // A new file written once in one transaction, complete when manifest.json appears
        // after it: no journal file and no fsync (the CSV files are not synced either).
        try db.execute("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF")
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

    /// Trades and equity rows go in a batch at a time (`BatchedInsert`).
    public func insert(_ row: EquityRow) throws { try guarded { try equity.insert(row) } }

    /// Inserts the trade and equity rows still waiting for a full batch (the writer calls
    /// this on its database thread, so `finish` only writes the manifest's facts and commits).
    public func flush() throws {
        try guarded {
            try trades.flush()
            try equity.flush()
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
