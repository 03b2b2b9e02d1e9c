import Foundation
import Testing
import LiqsimSQLite

/// `SQLiteMemoryRows`: SQLite reads lent columns through a virtual table that lives on the
/// connection only, in order, NaN as NULL, text as its exact bytes, and nothing outside `insert`.
@Suite("SQLite memory rows")
struct SQLiteMemoryRowsTests {
    @Test func rowsGoInInOrderWithNaNAsNull() throws {
        let tmp = try TempDir()
        let db = try SQLiteDatabase(path: tmp.path("rows.sqlite"))
        try db.execute("CREATE TABLE t (a REAL, b REAL, c REAL)")
        let rows = try SQLiteMemoryRows(db, name: "lent", columns: ["a", "b", "c"])
        let insert = try db.prepare("INSERT INTO t SELECT * FROM lent")
        let ks = 0..<1_000
        try rows.insert(insert, [.real(ks.map(Double.init)), .real(ks.map { $0 % 7 == 0 ? .nan : -Double($0) / 3 }),
                                 .real(ks.map { $0 == 3 ? .infinity : 0.1 * Double($0) })])
        try rows.insert(insert, [.real([]), .real([]), .real([])])   // no rows: nothing
        try rows.insert(insert, [.real([1e300]), .real([-0.0]), .real([.leastNonzeroMagnitude])])
        let stored = try db.query("SELECT rowid, a, b, c FROM t ORDER BY rowid")
        #expect(stored.count == 1_001)
        for (k, row) in stored.prefix(1_000).enumerated() {
            #expect(row == [.integer(Int64(k + 1)), .real(Double(k)), k % 7 == 0 ? .null : .real(-Double(k) / 3),
                            .real(k == 3 ? .infinity : 0.1 * Double(k))])
        }
        #expect(stored.last == [.integer(1_001), .real(1e300), .real(-0.0), .real(.leastNonzeroMagnitude)])
        // Not part of the file: another connection sees only the table, and the schema has no trace of it.
        #expect(try db.query("SELECT name FROM sqlite_master") == [[.text("t")]])
        #expect(throws: SQLiteError.self) { try SQLiteDatabase(path: tmp.path("rows.sqlite")).query("SELECT * FROM lent") }
    }

    /// INTEGER and TEXT columns: every Int64, and text as its bytes (empty text is '', not
    /// NULL; multi-byte characters, quotes, commas and line breaks stay), row after row.
    @Test func integerAndTextColumnsKeepTheirValues() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (n INTEGER, s TEXT, x REAL)")
        let rows = try SQLiteMemoryRows(db, name: "mixed", columns: [("n", .integer), ("s", .text), ("x", .real)])
        let insert = try db.prepare("INSERT INTO t SELECT * FROM mixed")
        let numbers: [Int64] = [0, -1, .max, .min, 42]
        let texts = ["BTCUSDT", "", "ÉTH-ünïcødé-⚡", "a\"b,c\nd", ""]
        var column = SQLiteTextColumn()
        for t in texts { column.append(t) }
        #expect(column.count == 5 && (0..<5).map { column[$0] } == texts)
        try rows.insert(insert, [.integer(numbers), .text(column), .real([1, 2, 3, 4, 5])])
        var empty = SQLiteTextColumn()
        empty.append("")
        try rows.insert(insert, [.integer([7]), .text(empty), .real([.nan])])   // a column of no bytes at all
        var written = SQLiteTextColumn()
        written.append { $0 += Array("2026-01-01".utf8) }
        try rows.insert(insert, [.integer([8]), .text(written), .real([0])])
        let stored = try db.query("SELECT n, s, x, typeof(s) FROM t ORDER BY rowid")
        var expected: [[SQLiteValue]] = (0..<5).map { [.integer(numbers[$0]), .text(texts[$0]), .real(Double($0 + 1)), .text("text")] }
        expected.append([.integer(7), .text(""), .null, .text("text")])
        expected.append([.integer(8), .text("2026-01-01"), .real(0), .text("text")])
        #expect(stored == expected)
    }

    /// A statement that fails part-way (a NOT NULL column meets a NaN) throws, is reset, and
    /// leaves the table lending nothing; the next insert works. Two cursors over the table in
    /// one statement (a self-join) each read every lent row.
    @Test func aFailedInsertLeavesTheTableUsableAndSelfJoinsReadEveryRow() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (x REAL NOT NULL, s TEXT)")
        let rows = try SQLiteMemoryRows(db, name: "lent", columns: [("x", .real), ("s", .text)])
        let insert = try db.prepare("INSERT INTO t SELECT * FROM lent")
        var text = SQLiteTextColumn()
        for k in 0..<3 { text.append { $0 += Array("row \(k)".utf8) } }
        try db.execute("BEGIN")
        #expect(throws: SQLiteError.self) { try rows.insert(insert, [.real([1, .nan, 3]), .text(text)]) }
        try db.execute("ROLLBACK")
        #expect(try db.query("SELECT count(*) FROM lent") == [[.integer(0)]])
        try rows.insert(insert, [.real([1, 2, 3]), .text(text)])
        #expect(try db.query("SELECT x, s FROM t ORDER BY rowid") == (0..<3).map { [.real(Double($0 + 1)), .text("row \($0)")] })
        let pairs = try db.prepare("INSERT INTO t SELECT a.x * 10 + b.x, a.s || '/' || b.s FROM lent AS a CROSS JOIN lent AS b")
        var two = SQLiteTextColumn()
        two.append("row 0"); two.append("row 1")
        try rows.insert(pairs, [.real([1, 2]), .text(two)])
        #expect(try db.query("SELECT x, s FROM t WHERE rowid > 3 ORDER BY rowid")
                == [[.real(11), .text("row 0/row 0")], [.real(12), .text("row 0/row 1")], [.real(21), .text("row 1/row 0")], [.real(22), .text("row 1/row 1")]])
    }

    /// A statement reading the table outside `insert` sees no rows (columns are lent only to `insert`).
    @Test func theTableIsEmptyOutsideInsert() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        let rows = try SQLiteMemoryRows(db, name: "pairs", columns: ["x", "y"])
        try db.execute("CREATE TABLE t (x REAL, y REAL)")
        try rows.insert(try db.prepare("INSERT INTO t SELECT * FROM pairs"), [.real([1]), .real([2])])
        #expect(try db.query("SELECT count(*) FROM pairs") == [[.integer(0)]])
        #expect(try db.query("SELECT * FROM pairs").isEmpty && db.query("SELECT * FROM t") == [[.real(1), .real(2)]])
    }
}
