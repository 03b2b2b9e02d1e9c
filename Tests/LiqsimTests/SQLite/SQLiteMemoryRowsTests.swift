import Foundation
import Testing
import LiqsimSQLite

/// `SQLiteMemoryRows`: SQLite reads buffered rows through a virtual table that lives on the
/// connection only, in order, NaN as NULL, and each insert empties the buffer.
@Suite("SQLite memory rows")
struct SQLiteMemoryRowsTests {
    @Test func rowsGoInInOrderWithNaNAsNull() throws {
        let tmp = try TempDir()
        let db = try SQLiteDatabase(path: tmp.path("rows.sqlite"))
        try db.execute("CREATE TABLE t (a REAL, b REAL, c REAL)")
        let rows = try SQLiteMemoryRows(db, name: "buffered", columns: ["a", "b", "c"])
        let insert = try db.prepare("INSERT INTO t SELECT * FROM buffered")
        for k in 0..<1_000 { rows.append(Double(k), k % 7 == 0 ? .nan : -Double(k) / 3, k == 3 ? .infinity : 0.1 * Double(k)) }
        #expect(rows.count == 1_000)
        try rows.insert(insert)
        #expect(rows.count == 0)
        try rows.insert(insert)   // an empty buffer inserts nothing
        rows.append(row: [1e300, -0.0, 5e-324])
        try rows.insert(insert)
        let stored = try db.query("SELECT rowid, a, b, c FROM t ORDER BY rowid")
        #expect(stored.count == 1_001)
        for (k, row) in stored.prefix(1_000).enumerated() {
            #expect(row == [.integer(Int64(k + 1)), .real(Double(k)), k % 7 == 0 ? .null : .real(-Double(k) / 3),
                            .real(k == 3 ? .infinity : 0.1 * Double(k))])
        }
        #expect(stored.last == [.integer(1_001), .real(1e300), .real(-0.0), .real(5e-324)])
        // Not part of the file: another connection sees only the table, and the schema has no trace of it.
        #expect(try db.query("SELECT name FROM sqlite_master") == [[.text("t")]])
        #expect(throws: SQLiteError.self) { try SQLiteDatabase(path: tmp.path("rows.sqlite")).query("SELECT * FROM buffered") }
    }

    /// A statement reading the table outside `insert` sees no rows (the buffer is lent only to `insert`).
    @Test func theTableIsEmptyOutsideInsert() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        let rows = try SQLiteMemoryRows(db, name: "pairs", columns: ["x", "y"])
        rows.append(row: [1, 2])
        #expect(try db.query("SELECT count(*) FROM pairs") == [[.integer(0)]])
        #expect(try db.query("SELECT * FROM pairs").isEmpty && rows.count == 1)
    }
}
