import LiqsimSQLite

/// Rows of one table inserted `batch` at a time through one multi-row statement
/// (`INSERT INTO t VALUES (?,…),(?,…),…`): SQLite's per-statement cost (reset, step, the
/// program's start and end) is paid once per batch instead of once per row — half the CPU
/// of results.sqlite's equity table on a 1,000-run grid. Rows keep their order (and so
/// their rowids); `flush` inserts the rows still waiting, in a statement of their number.
final class BatchedInsert<Row> {
    private let db: SQLiteDatabase
    private let table: String
    private let width: Int
    private let batch: Int
    private let bind: (SQLiteStatement, Int32, Row) throws -> Void
    private let full: SQLiteStatement
    private var pending: [Row] = []

    /// `bind(statement, first, row)` binds the row's `width` values to parameters
    /// `first`, `first + 1`, …. A batch holds at most 999 parameters (SQLite's smallest
    /// compiled-in limit) and 100 rows.
    init(_ db: SQLiteDatabase, table: String, width: Int, bind: @escaping (SQLiteStatement, Int32, Row) throws -> Void) throws {
        self.db = db
        self.table = table
        self.width = width
        self.bind = bind
        batch = max(1, min(100, 999 / width))
        full = try db.prepare(Self.sql(table, width: width, rows: batch))
        pending.reserveCapacity(batch)
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
        for (k, row) in pending.enumerated() { try bind(statement, Int32(k * width + 1), row) }
        try statement.step()
        pending.removeAll(keepingCapacity: true)
    }
}
