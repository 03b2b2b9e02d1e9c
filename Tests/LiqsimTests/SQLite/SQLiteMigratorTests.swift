import Testing
import LiqsimSQLite

/// Schema versions in order, recorded in `PRAGMA user_version`; named binds and rows.
@Suite("SQLite migrator")
struct SQLiteMigratorTests {
    static let v1 = SQLiteMigrator.Migration(version: 1, sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    static let v2 = SQLiteMigrator.Migration(version: 2, sql: "ALTER TABLE notes ADD COLUMN author TEXT")

    @Test func aFreshFileGetsEveryVersion() throws {
        let tmp = try TempDir()
        let db = try SQLiteDatabase(path: tmp.path("fresh.sqlite"))
        #expect(try db.userVersion == 0)
        let migrator = SQLiteMigrator(name: "notes file", migrations: [Self.v1, Self.v2])
        #expect(try migrator.migrate(db) == [1, 2])
        #expect(try db.userVersion == 2)
        #expect(try db.query("SELECT name FROM pragma_table_info('notes')").map { $0[0].text! } == ["id", "body", "author"])
        #expect(try migrator.migrate(db) == [], "a current file is left alone")
    }

    @Test func anOlderFileIsUpgradedInPlace() throws {
        let tmp = try TempDir()
        let path = tmp.path("old.sqlite")
        do {
            let old = try SQLiteDatabase(path: path)
            try SQLiteMigrator(name: "notes file", migrations: [Self.v1]).migrate(old)
            try old.execute("INSERT INTO notes (body) VALUES ('kept')")
        }
        let db = try SQLiteDatabase(path: path)
        #expect(try SQLiteMigrator(name: "notes file", migrations: [Self.v1, Self.v2]).migrate(db) == [2])
        #expect(try db.userVersion == 2)
        #expect(try db.query("SELECT body, author FROM notes") == [[.text("kept"), .null]])
    }

    @Test func aNewerFileIsRefusedAndLeftAlone() throws {
        let tmp = try TempDir()
        let db = try SQLiteDatabase(path: tmp.path("newer.sqlite"))
        try db.execute("PRAGMA user_version = 7")
        let migrator = SQLiteMigrator(name: "notes file", migrations: [Self.v1, Self.v2])
        #expect(throws: SQLiteError(path: tmp.path("newer.sqlite"), message: "notes file schema version 7 is newer than this liqsim understands (2)")) {
            try migrator.migrate(db)
        }
        #expect(try db.userVersion == 7)
        #expect(try db.query("SELECT name FROM sqlite_master") == [])
    }

    @Test func aFailingVersionRollsBackToTheLastCompleteOne() throws {
        let tmp = try TempDir()
        let db = try SQLiteDatabase(path: tmp.path("broken.sqlite"))
        let broken = SQLiteMigrator(name: "notes file", migrations: [Self.v1, .init(version: 2, sql: "ALTER TABLE nowhere ADD COLUMN x")])
        #expect(throws: SQLiteError.self) { try broken.migrate(db) }
        #expect(try db.userVersion == 1)
    }

    @Test func namedBindsAndRowsByName() throws {
        let tmp = try TempDir()
        let db = try SQLiteDatabase(path: tmp.path("named.sqlite"))
        try db.execute("CREATE TABLE t (run INTEGER, name TEXT, value REAL)")
        let insert = try db.prepare("INSERT INTO t VALUES (:run, :name, :value)")
        try insert.bind([":value": .real(0.123456789), ":run": .integer(7), ":name": .text("a,b")])
        try insert.step()
        #expect(throws: SQLiteError.self) { try insert.bind(":missing", .null) }
        let rows = try db.rows("SELECT run, name, value FROM t")
        #expect(rows.count == 1 && rows[0]["value"] == .real(0.123456789) && rows[0]["name"] == .text("a,b") && rows[0][0] == .integer(7))
        #expect(rows[0]["nope"] == .null && rows[0].columns == ["run", "name", "value"])
    }

    /// Text binds from UTF-8 bytes with their length: every byte kept (non-ASCII, past 15
    /// bytes, an embedded NUL), '' stays '' (not NULL), nil is NULL; a slice of a buffer
    /// binds only its own bytes.
    @Test func textBindsKeepTheirBytes() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (k INTEGER, v TEXT)")
        let insert = try db.prepare("INSERT INTO t VALUES (?1, ?2)")
        let texts: [String?] = ["", "a", "long enough to live on the heap: ünïcødé ⚡", "nul\u{0}inside", nil, String(repeating: "x", count: 300)]
        for (k, text) in texts.enumerated() {
            insert.reset()
            try insert.bind(1, k)
            try insert.bind(2, text)
            try insert.step()
        }
        var scratch = Array("2026-01-01T00:01:00.000Z".utf8)
        let end = scratch.count
        scratch += "tail".utf8
        for (k, slice) in [scratch[..<end], scratch[end...], scratch[0..<0]].enumerated() {
            insert.reset()
            try insert.bind(1, 10 + k)
            try insert.bind(2, utf8: slice)
            try insert.step()
        }
        let rows = try db.query("SELECT v, length(CAST(v AS BLOB)), typeof(v) FROM t ORDER BY k")
        let expected: [SQLiteValue] = texts.map { $0.map(SQLiteValue.text) ?? .null } + [.text("2026-01-01T00:01:00.000Z"), .text("tail"), .text("")]
        #expect(rows.map { $0[1] } == (texts.map { $0.map { .integer(Int64($0.utf8.count)) } ?? .null } + [.integer(24), .integer(4), .integer(0)]))
        #expect(rows.map { $0[2] } == expected.map { $0 == .null ? .text("null") : .text("text") })
        // `value(at:)` reads text up to its first NUL: compare the rest through the byte lengths above.
        #expect(rows.enumerated().filter { $0.offset != 3 }.map { $0.element[0] } == expected.enumerated().filter { $0.offset != 3 }.map(\.element))
    }
}
