import Foundation
import LiqsimSQLite

/// The snapshot store (SPEC §7, issue 4 item 6): periodic market, per-exchange, sentiment
/// factor and liquidation snapshots in one SQLite file, never raw frames.
///
/// Writes go through `insert(_:)`: one transaction per batch with prepared statements
/// compiled once per store. The file uses WAL with `synchronous=NORMAL`, so readers
/// (`liqsim db stats`) can look while a replay or recorder writes. Not thread-safe: use
/// one store per thread.
public final class SnapshotStore {
    public let database: SQLiteDatabase
    public var path: String { database.path }
    private let inserts: [SnapshotTable: SQLiteStatement]

    /// Opens the store at `path`. With `create: true` a missing file is created and missing
    /// tables and indices are added (idempotent). With `create: false` the file must exist
    /// and already hold all four tables — nothing is added to a file that is not a store.
    /// A file that is not a liqsim store (other tables or columns, an unknown schema
    /// version) or is damaged is refused before anything is written (`checkOwnership`).
    public init(path: String, create: Bool = true) throws {
        let db = try SQLiteDatabase(path: path, create: create)
        db.setBusyTimeout(milliseconds: 5_000)
        let present = try SnapshotSchema.checkOwnership(db)
        if !create, let missing = SnapshotTable.allCases.first(where: { !present.contains($0.rawValue) }) {
            throw db.error("not a liqsim snapshot store (no table \(missing.rawValue))")
        }
        if present.isEmpty {
            // Only takes effect before the database's first page is written (so before the
            // switch to WAL); lets cleanup return freed pages to the file system.
            try db.execute("PRAGMA auto_vacuum = INCREMENTAL")
        }
        try db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
        let applied = try SnapshotSchema.migrator.migrate(db)
        if applied.isEmpty, !SnapshotTable.allCases.allSatisfy({ present.contains($0.rawValue) }) {
            // A current-version file with a table dropped by hand: the DDL is idempotent.
            try db.transaction { try db.execute(SnapshotSchema.createSQL) }
        }
        var statements: [SnapshotTable: SQLiteStatement] = [:]
        for table in SnapshotTable.allCases { statements[table] = try db.prepare(SnapshotSchema.insertSQL(table)) }
        database = db
        inserts = statements
    }

    /// Writes every row of `batch` in one transaction; all or nothing.
    public func insert(_ batch: SnapshotBatch) throws {
        guard !batch.isEmpty else { return }
        try database.transaction {
            let m = inserts[.marketSnapshots]!
            for r in batch.markets {
                try m.bind(1, r.timeNs); try m.bind(2, r.symbol); try m.bind(3, r.price); try m.bind(4, r.volumeUsd)
                try m.bind(5, r.openInterestUsd); try m.bind(6, r.fundingRate); try m.bind(7, r.longLiqUsd)
                try m.bind(8, r.shortLiqUsd); try m.bind(9, r.liquidations); try m.bind(10, r.sentiment)
                try m.bind(11, r.sentimentLabel); try m.bind(12, r.cascadeRisk); try m.bind(13, r.cascadeLevel)
                try run(m)
            }
            let e = inserts[.exchangeSnapshots]!
            for r in batch.exchanges {
                try e.bind(1, r.timeNs); try e.bind(2, r.symbol); try e.bind(3, r.exchange); try e.bind(4, r.price)
                try e.bind(5, r.volumeUsd); try e.bind(6, r.openInterest); try e.bind(7, r.openInterestUsd)
                try e.bind(8, r.fundingRate); try e.bind(9, r.longPct); try e.bind(10, r.longLiqUsd)
                try e.bind(11, r.shortLiqUsd); try e.bind(12, r.liquidations)
                try run(e)
            }
            let f = inserts[.sentimentFactors]!
            for r in batch.factors {
                try f.bind(1, r.timeNs); try f.bind(2, r.symbol); try f.bind(3, r.factor); try f.bind(4, r.value)
                try f.bind(5, r.weight)
                try run(f)
            }
            let l = inserts[.liquidationSnapshots]!
            for r in batch.liquidations {
                try l.bind(1, r.timeNs); try l.bind(2, r.symbol); try l.bind(3, r.window); try l.bind(4, r.events)
                try l.bind(5, r.usd); try l.bind(6, r.longUsd); try l.bind(7, r.shortUsd); try l.bind(8, r.largestUsd)
                try l.bind(9, r.institutional)
                try run(l)
            }
        }
    }

    private func run(_ statement: SQLiteStatement) throws {
        defer { statement.reset() }
        try statement.step()
    }

    /// Row counts, time ranges, symbols and size.
    public func stats() throws -> SnapshotStoreStats {
        var tables: [SnapshotTableStats] = []
        for table in SnapshotTable.allCases {
            let row = try database.query("SELECT COUNT(*), MIN(time_ns), MAX(time_ns) FROM \(table.rawValue)")[0]
            tables.append(SnapshotTableStats(table: table, rows: Int(row[0].int64 ?? 0), minTimeNs: row[1].int64, maxTimeNs: row[2].int64))
        }
        let union = SnapshotTable.allCases.map { "SELECT symbol FROM \($0.rawValue)" }.joined(separator: " UNION ")
        let symbols = try database.query(union + " ORDER BY symbol").compactMap { $0.first?.text }
        let pages = try database.scalar("PRAGMA page_count").int64 ?? 0
        let pageSize = try database.scalar("PRAGMA page_size").int64 ?? 0
        let wal = Self.fileSize(path + "-wal")
        return SnapshotStoreStats(tables: tables, symbols: symbols, databaseBytes: pages * pageSize,
                                  fileBytes: Self.fileSize(path), walBytes: wal)
    }

    /// Deletes rows older than the newest `time_ns` in the store minus `keepDays` days —
    /// relative to the data, not the clock, so replays of old captures behave the same
    /// every time. Keeps rows with `time_ns ≥ newest − keepDays × 86 400 s`. Returns the
    /// number of rows deleted.
    @discardableResult
    public func cleanup(keepDays: Int) throws -> Int {
        try cleanupReport(keepDays: keepDays).total
    }

    /// `cleanup(keepDays:)` with the rows deleted per table and the cutoff used.
    public func cleanupReport(keepDays: Int) throws -> SnapshotCleanupReport {
        guard keepDays >= 0 else { throw database.error("keep-days must be 0 or more, got \(keepDays)") }
        let newest = SnapshotTable.allCases.map { "SELECT MAX(time_ns) AS t FROM \($0.rawValue)" }.joined(separator: " UNION ALL ")
        guard let newestNs = try database.scalar("SELECT MAX(t) FROM (\(newest))").int64 else {
            return SnapshotCleanupReport(keepDays: keepDays, newestNs: nil, cutoffNs: nil,
                                         deleted: SnapshotTable.allCases.map { ($0, 0) })
        }
        let span = Int64(keepDays).multipliedReportingOverflow(by: 86_400_000_000_000)
        let cutoff = newestNs.subtractingReportingOverflow(span.partialValue)
        guard !span.overflow, !cutoff.overflow else {
            // Further back than Int64 nanoseconds reach: nothing is old enough to delete.
            return SnapshotCleanupReport(keepDays: keepDays, newestNs: newestNs, cutoffNs: nil,
                                         deleted: SnapshotTable.allCases.map { ($0, 0) })
        }
        let deleted = try database.transaction {
            try SnapshotTable.allCases.map { table -> (SnapshotTable, Int) in
                let delete = try database.prepare("DELETE FROM \(table.rawValue) WHERE time_ns < ?1")
                try delete.bind(1, cutoff.partialValue)
                try delete.step()
                return (table, database.changes)
            }
        }
        try database.execute("PRAGMA incremental_vacuum")
        return SnapshotCleanupReport(keepDays: keepDays, newestNs: newestNs, cutoffNs: cutoff.partialValue, deleted: deleted)
    }

    static func fileSize(_ path: String) -> Int64 {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? NSNumber else { return 0 }
        return size.int64Value
    }
}
