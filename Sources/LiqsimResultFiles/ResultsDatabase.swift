import LiqsimSQLite

/// Writes results.sqlite: the run tables at full precision, plus what a report draws (bars
/// with regimes, cascades), queryable with any SQLite client (docs/metrics.md). Opened on a
/// new file; every row goes in one transaction that `finish` commits. SQLite failures are
/// thrown as `ResultFileError`s naming the file.
public final class ResultsDatabase {
    private let db: SQLiteDatabase
    private let bars, cascades: SQLiteStatement
    /// The equity and trade rows go in from the caller's arrays, read by SQLite through
    /// virtual tables (no parameter bound per value).
    private let equity: SQLiteMemoryRows, insertEquity: SQLiteStatement
    private let trades: SQLiteMemoryRows, insertTrades: SQLiteStatement
    /// Each run's rowid range of `equity_points` and its timeline, in run order (rows are
    /// appended run by run).
    private var equityRuns: [(run: Int, first: Int64, last: Int64, timeline: Int)] = []
    private var equityRows: Int64 = 0
    /// The last run given to `insertEquity`, with rows or without.
    private var lastEquityRun: Int?

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
            equity = try SQLiteMemoryRows(db, name: "liqsim_equity_rows", columns: ["equity_usd", "drawdown_pct", "position"])
            insertEquity = try db.prepare("INSERT INTO equity_points SELECT * FROM liqsim_equity_rows")
            trades = try SQLiteMemoryRows(db, name: "liqsim_trade_rows", columns: TradeColumns.columns)
            insertTrades = try db.prepare("INSERT INTO trades SELECT * FROM liqsim_trade_rows")
            bars = try db.prepare(ResultsSchema.insert("bars", 22))
            cascades = try db.prepare(ResultsSchema.insert("cascades", 8))
        } catch let error as SQLiteError { throw Self.fileError(error) }
    }

    /// How a new results.sqlite is opened: a file written once in one transaction, complete
    /// when manifest.json appears after it: no journal file and no fsync (the CSV files are
    /// not synced either). 16 KiB pages: fewer pages (and page writes) for the equity rows
    /// than the default 4 KiB. (`liqsim-bench`'s SQLite floor opens its copy the same way.)
    public static let pragmas = "PRAGMA page_size = 16384; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF"

    private static func create(_ db: SQLiteDatabase, runs: RunsTable, textParameters: Set<String>) throws {
        try db.execute(pragmas)
        try ResultsSchema.migrator.migrate(db)
        try db.execute("BEGIN IMMEDIATE")
        try db.execute(ResultsSchema.runsTable(runs, textParameters: textParameters))
        try db.execute(ResultsSchema.indexes)
        let insertRun = try db.prepare(ResultsSchema.insert("runs", runs.header.count))
        for r in runs.rows {
            try run(insertRun, [.integer(Int64(r.run))] + r.parameters.map(ResultsSchema.parameter) + r.metrics.map(SQLiteValue.realOrNull))
        }
    }

    /// Trade rows, in order (their rowids follow it).
    public func insert(_ rows: TradeColumns) throws { try guarded { try trades.insert(insertTrades, rows.columns) } }
    public func insert(_ row: BarRow) throws { try guarded { try Self.run(bars, row.values) } }
    public func insert(_ row: CascadeRow) throws { try guarded { try Self.run(cascades, row.values) } }

    /// A timeline's steps as `equity_steps` rows: step k is `closes[k]` (ns since the epoch),
    /// stored in ms and as the text `ResultText.time` writes (the `equity` view's `time`).
    /// A run whose k-th equity row is at `closes[k]` names the timeline in `insertEquity`.
    public func insertTimeline(_ timeline: Int, closes: [Int64]) throws {
        try guarded {
            let statement = try db.prepare("INSERT INTO equity_steps VALUES (?1, ?2, ?3, ?4)")
            var text: [UInt8] = []
            for (step, ns) in closes.enumerated() {
                statement.reset()
                text.removeAll(keepingCapacity: true)
                ResultText.appendTime(ns, to: &text)
                try statement.bind(1, timeline)
                try statement.bind(2, step)
                try statement.bind(3, ReportData.millis(ns))
                try statement.bind(4, utf8: text[...])
                try statement.step()
            }
        }
    }

    /// Run `run`'s equity rows, three arrays of one length, row k at step k of `timeline`
    /// (`insertTimeline`): one rowid range of `equity_points` (`equity_runs`). Runs come in
    /// increasing order; a run without rows has no range.
    public func insertEquity(run: Int, timeline: Int, equityUSD: [Double], drawdownPct: [Double], position: [Double]) throws {
        precondition(lastEquityRun.map { $0 < run } ?? true, "equity rows must come in increasing run order")
        precondition(drawdownPct.count == equityUSD.count && position.count == equityUSD.count, "a run's equity columns differ in length")
        lastEquityRun = run
        guard !equityUSD.isEmpty else { return }
        try guarded { try equity.insert(insertEquity, [.real(equityUSD), .real(drawdownPct), .real(position)]) }
        equityRuns.append((run, equityRows + 1, equityRows + Int64(equityUSD.count), timeline))
        equityRows += Int64(equityUSD.count)
    }

    /// Inserts the runs' rowid ranges of `equity_points` (the writer calls this on its
    /// database thread, so `finish` only writes the manifest's facts and commits).
    public func flush() throws {
        try guarded {
            let ranges = try db.prepare("INSERT INTO equity_runs VALUES (?1, ?2, ?3, ?4)")
            for r in equityRuns {
                ranges.reset()
                try ranges.bind(1, r.run)
                try ranges.bind(2, r.first)
                try ranges.bind(3, r.last)
                try ranges.bind(4, r.timeline)
                try ranges.step()
            }
            equityRuns.removeAll()
        }
    }

    /// Inserts the runs' ranges if still waiting, writes the manifest's facts and commits.
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
