import LiqsimSQLite

/// Rows and time range of one snapshot table.
public struct SnapshotTableStats: Equatable, Sendable {
    public var table: SnapshotTable
    public var rows: Int
    /// nil when the table is empty.
    public var minTimeNs: Int64?
    public var maxTimeNs: Int64?

    public init(table: SnapshotTable, rows: Int, minTimeNs: Int64?, maxTimeNs: Int64?) {
        self.table = table; self.rows = rows; self.minTimeNs = minTimeNs; self.maxTimeNs = maxTimeNs
    }
}

/// What `SnapshotStore.stats()` reports.
public struct SnapshotStoreStats: Equatable, Sendable {
    /// One entry per table, in `SnapshotTable.allCases` order.
    public var tables: [SnapshotTableStats]
    /// Distinct symbols over all tables, sorted.
    public var symbols: [String]
    /// page_count × page_size: the database's size once the WAL is checkpointed.
    public var databaseBytes: Int64
    /// The database file and its `-wal` file on disk right now.
    public var fileBytes: Int64
    public var walBytes: Int64

    public init(tables: [SnapshotTableStats], symbols: [String], databaseBytes: Int64, fileBytes: Int64, walBytes: Int64) {
        self.tables = tables; self.symbols = symbols; self.databaseBytes = databaseBytes
        self.fileBytes = fileBytes; self.walBytes = walBytes
    }

    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
    /// Earliest and latest time_ns over all tables.
    public var minTimeNs: Int64? { tables.compactMap(\.minTimeNs).min() }
    public var maxTimeNs: Int64? { tables.compactMap(\.maxTimeNs).max() }

    public func rows(_ table: SnapshotTable) -> Int { tables.first { $0.table == table }?.rows ?? 0 }
}

/// What `SnapshotStore.cleanupReport(keepDays:)` did.
public struct SnapshotCleanupReport: Sendable {
    public var keepDays: Int
    /// The newest time_ns in the store before cleanup; nil for an empty store.
    public var newestNs: Int64?
    /// Rows with time_ns below this were deleted; nil when nothing could be old enough.
    public var cutoffNs: Int64?
    /// Rows deleted per table, in `SnapshotTable.allCases` order.
    public var deleted: [(table: SnapshotTable, rows: Int)]

    public init(keepDays: Int, newestNs: Int64?, cutoffNs: Int64?, deleted: [(table: SnapshotTable, rows: Int)]) {
        self.keepDays = keepDays; self.newestNs = newestNs; self.cutoffNs = cutoffNs; self.deleted = deleted
    }

    public var total: Int { deleted.reduce(0) { $0 + $1.rows } }
}

/// A snapshot store failure: a SQLite failure naming the file, with what went wrong. Named
/// here so the store's users need not import the SQLite wrapper.
public typealias SnapshotStoreError = SQLiteError
