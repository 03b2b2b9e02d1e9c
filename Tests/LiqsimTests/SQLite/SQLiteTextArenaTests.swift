import Testing
import LiqsimSQLite

/// `SQLiteTextArena`: text bound by pointer into the arena stores the same values as a
/// copying bind, a value that does not fit is bound with a copy, and after `reset` the next
/// batch's values (every parameter bound again) are stored, not the previous batch's bytes.
@Suite("SQLite text arena")
struct SQLiteTextArenaTests {
    @Test func arenaTextIsStoredAsBound() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (a TEXT, b TEXT, c TEXT, d TEXT)")
        let insert = try db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4), (?5, ?6, ?7, ?8)")
        let arena = SQLiteTextArena(capacity: 40)   // room for a batch's short values, not for the long one
        let long = String(repeating: "long text ", count: 8)
        var expected: [[SQLiteValue]] = []
        for batch in 0..<3 {
            insert.reset()
            let rows: [[String?]] = [["b\(batch)", "", nil, "ünï ⚡ \(batch)"], [long, "x\(batch)", "2026-01-01T00:0\(batch):00.000Z", "short"]]
            for (r, row) in rows.enumerated() {
                for (c, value) in row.enumerated() {
                    let index = Int32(r * 4 + c + 1)
                    if c == 2, let value { try arena.bind(insert, index, utf8: ArraySlice(value.utf8)) } else { try arena.bind(insert, index, value) }
                }
                expected.append(row.map { $0.map(SQLiteValue.text) ?? .null })
            }
            try insert.step()
            arena.reset()
        }
        #expect(try db.query("SELECT * FROM t ORDER BY rowid") == expected)
        #expect(try db.query("SELECT typeof(b) FROM t WHERE rowid = 1") == [[.text("text")]], "'' stays text")
    }
}
