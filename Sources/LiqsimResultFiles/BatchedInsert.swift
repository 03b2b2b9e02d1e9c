import LiqsimSQLite

/// A row that `BatchedInsert` binds by position.
protocol BatchedRow {
    /// The row's values: parameters per row of the statement.
    static var width: Int { get }
    /// Binds the row's values to parameters `first`, `first + 1`, …, text through `text`
    /// (bound without SQLite's copy; the inserter frees it after each batch). `scratch` is
    /// the inserter's byte buffer, reused row after row, for text built on the fly (a
    /// trade's times), free again once bound.
    func bind(_ statement: SQLiteStatement, from first: Int32, text: SQLiteTextArena, scratch: inout [UInt8]) throws
}

/// Rows of one table inserted `batch` at a time through one multi-row statement
/// (`INSERT INTO t VALUES (?,…),(?,…),…`): SQLite's per-statement cost (reset, step, the
/// program's start and end) is paid once per batch instead of once per row (results.sqlite's
/// trades; its equity rows, all REALs, go through `SQLiteMemoryRows` with no binds at all).
/// Rows keep their order (and so their rowids); `flush` inserts the rows still waiting, in a
/// statement of their number.
/// Generic over the row type (not a bind closure), so each table's binds are direct calls.
final class BatchedInsert<Row: BatchedRow> {
    private let db: SQLiteDatabase
    private let table: String
    private let width = Row.width, batch: Int
    private let full: SQLiteStatement
    private var pending: [Row] = []
    private var scratch: [UInt8] = []
    private let text = SQLiteTextArena()

    /// A batch holds at most 999 parameters (SQLite's smallest compiled-in limit) and 100 rows.
    init(_ db: SQLiteDatabase, table: String) throws {
        self.db = db
        self.table = table
        batch = max(1, min(100, 999 / width))
        full = try db.prepare(Self.sql(table, width: width, rows: batch))
        pending.reserveCapacity(batch)
        scratch.reserveCapacity(64)
    }

    static func sql(_ table: String, width: Int, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
        return "INSERT INTO \(table) VALUES " + Array(repeating: row, count: rows).joined(separator: ",")
    }

    func insert(_ row: Row) throws {
        pending.append(row)
        if pending.count == batch { try run(full) }
    }

    /// Inserts the rows still waiting (fewer than a batch).
    func flush() throws {
        guard !pending.isEmpty else { return }
        try run(try db.prepare(Self.sql(table, width: width, rows: pending.count)))
    }

    private func run(_ statement: SQLiteStatement) throws {
        statement.reset()
        var first: Int32 = 1
        for row in pending {
            try row.bind(statement, from: first, text: text, scratch: &scratch)
            first += Int32(width)
        }
        // Every parameter is bound again before the statement steps again: the text is free.
        defer { text.reset() }
        try statement.step()
        pending.removeAll(keepingCapacity: true)
    }
}
