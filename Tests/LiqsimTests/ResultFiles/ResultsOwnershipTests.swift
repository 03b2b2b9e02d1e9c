import Foundation
import Testing
import LiqsimResultFiles
import LiqsimSQLite

/// results.sqlite is opened only when it is liqsim's (`ResultsSchema.checkOwnership`, the
/// snapshot store's check shared through `SQLiteMigrator`): another application's database
/// or a damaged one is refused by the report (read only) and by the writer, byte for byte
/// as it was.
@Suite("results.sqlite ownership")
struct ResultsOwnershipTests {
    /// A result directory whose results.sqlite is `make`'s file.
    static func directory(_ tmp: TempDir, _ make: (String) throws -> Void) throws -> (dir: String, bytes: Data) {
        let dir = tmp.url.path
        try ResultsDatabaseTests.runs.csv.write(toFile: dir + "/runs.csv", atomically: true, encoding: .utf8)
        try ManifestTests.manifest.json.write(toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
        try make(dir + "/results.sqlite")
        return (dir, try Data(contentsOf: URL(fileURLWithPath: dir + "/results.sqlite")))
    }

    static func refusal(_ dir: String) -> String? {
        do { _ = try ReportData.load(directory: dir); return nil } catch { return "\(error)" }
    }

    @Test func aForeignDatabaseIsRefusedUntouched() throws {
        let foreign: [(String, String)] = [
            ("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')", "(it holds table notes); not touched"),
            ("CREATE TABLE trades (id INTEGER, note TEXT); INSERT INTO trades VALUES (1, 'x')", "(table trades has columns id, note); not touched"),
            ("CREATE TABLE runs (run INTEGER); CREATE VIEW v AS SELECT 1", "(it holds view v); not touched"),
            ("CREATE TABLE trades (x); PRAGMA user_version = 7", "schema version 7 is newer"),
        ]
        for (sql, message) in foreign {
            let tmp = try TempDir()
            let (dir, before) = try Self.directory(tmp) { try SQLiteDatabase(path: $0).execute(sql) }
            let refused = try #require(Self.refusal(dir), "\(sql)")
            #expect(refused.hasPrefix(dir + "/results.sqlite: ") && refused.contains(message), "\(refused)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/results.sqlite")) == before)
            #expect(throws: ResultFileError.self) {
                try ResultsDatabase(path: dir + "/results.sqlite", runs: ResultsDatabaseTests.runs, textParameters: ["symbol"])
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/results.sqlite")) == before, "the writer left it too")
            #expect(!FileManager.default.fileExists(atPath: dir + "/results.sqlite-journal"))
        }
    }

    @Test func aDamagedResultsFileIsRefusedUntouched() throws {
        let tmp = try TempDir()
        let (dir, intact) = try Self.directory(tmp) { try ResultsDatabaseTests.write($0) }
        #expect(Self.refusal(dir) == nil, "the intact file reads")
        // A page in the middle overwritten: the tables' b-trees no longer hold.
        var bytes = intact
        let page = 16_384   // results.sqlite's page size
        try #require(bytes.count >= 3 * page)
        for i in (2 * page)..<(2 * page + 512) { bytes[i] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: dir + "/results.sqlite"))
        let refused = try #require(Self.refusal(dir))
        #expect(refused.contains("results.sqlite: "), "\(refused)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/results.sqlite")) == bytes)
        let cli = try CLI.run(["report", dir, "--out", tmp.path("report.html")])
        #expect(cli.status == 2 && cli.stderr.contains("results.sqlite"), "\(cli.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/results.sqlite")) == bytes)
    }

    /// The snapshot store and results.sqlite read their expected tables from their own
    /// migrations: the shared check knows each schema without a copy of it.
    @Test func theExpectedSchemaComesFromTheMigrations() throws {
        let v3 = try ResultsSchema.migrator.schema(upTo: 3)
        let v2 = try ResultsSchema.migrator.schema(upTo: 2), v1 = try ResultsSchema.migrator.schema(upTo: 1)
        #expect(Set(v2.tables.keys) == ["trades", "equity", "bars", "cascades", "manifest"] && v2.views.isEmpty)
        #expect(Set(v3.tables.keys) == ["trades", "equity_points", "equity_runs", "equity_times", "bars", "cascades", "manifest"])
        #expect(Set(v3.views.keys) == ["equity"])
        let v4 = try ResultsSchema.migrator.schema(upTo: 4)
        #expect(Set(v4.tables.keys) == ["trades", "equity_points", "equity_runs", "equity_steps", "bars", "cascades", "manifest"])
        #expect(v4.tables["equity_points"] == ["equity_usd", "drawdown_pct", "position"])
        #expect(v4.tables["equity_runs"] == ["run", "first_row", "last_row", "timeline"])
        #expect(v4.tables["equity_steps"] == ["timeline", "step", "time_ms", "time"] && Set(v4.views.keys) == ["equity"])
        #expect(v4.views["equity"] != v3.views["equity"], "the view reads the steps")
        #expect(v2.tables["bars"]?.last == "trend_window" && v1.tables["bars"]?.contains("trend_window") == false)
        let tmp = try TempDir()
        let db = try SQLiteDatabase(path: tmp.path("empty.sqlite"))
        #expect(try ResultsSchema.checkOwnership(db).isEmpty, "a new, empty file passes")
    }

    /// The `equity` view is liqsim's only with liqsim's definition: a file whose view says
    /// something else is refused, untouched.
    @Test func anotherEquityViewIsRefusedUntouched() throws {
        let tmp = try TempDir()
        let (dir, intact) = try Self.directory(tmp) { try ResultsDatabaseTests.write($0) }
        #expect(Self.refusal(dir) == nil)
        let present = try ResultsSchema.checkOwnership(SQLiteDatabase(path: dir + "/results.sqlite", readOnly: true))
        #expect(present.contains("equity"))
        try SQLiteDatabase(path: dir + "/results.sqlite").execute("DROP VIEW equity; CREATE VIEW equity AS SELECT 1 AS run")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/results.sqlite"))
        #expect(bytes != intact)
        let refused = try #require(Self.refusal(dir))
        #expect(refused.contains("(view equity is defined otherwise); not touched"), "\(refused)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/results.sqlite")) == bytes)
    }
}
