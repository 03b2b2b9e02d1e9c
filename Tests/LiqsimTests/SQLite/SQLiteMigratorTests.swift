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
}
