import Foundation
import Testing
import LiqsimBacktest
import LiqsimReport
import LiqsimResultFiles
import LiqsimSQLite

/// results.sqlite version 3 keeps equity rows as `equity_points` (one row per bar, no run,
/// no text), `equity_runs` (a rowid range per run) and `equity_times` (each bar close's text
/// once); the `equity` view gives back version 2's rows, and a version-2 file migrates to
/// the same view rows. On a real backtest (`ReportFixture`: 12 runs over the generated market).
@Suite("results.sqlite equity layout")
struct ResultsEquityLayoutTests {
    static var directory: String { ReportFixture.written.directory }

    /// The view's rows in its own order (no ORDER BY) as equity.csv's fields.
    static func viewRows(_ db: SQLiteDatabase, _ sql: String = "SELECT run, time, equity_usd, drawdown_pct, position FROM equity") throws -> [[String]] {
        try db.query(sql).map { r in
            [r[0].int64.map(String.init) ?? "?", r[1].text ?? "?", ResultText.fixed(r[2].double ?? .nan, 2), ResultText.fixed(r[3].double ?? .nan, 4),
             ResultText.exact(r[4].double ?? .nan)]
        }
    }

    @Test func theViewGivesEquityCSVRowsInTheirOrder() throws {
        let db = try SQLiteDatabase(path: Self.directory + "/results.sqlite", readOnly: true)
        let (header, rows) = try ReportFixture.csv("equity.csv")
        #expect(header == EquityRow.header)
        let view = try Self.viewRows(db)
        let bars = Set(rows.map { $0[1] }).count
        #expect(bars > 100 && rows.count == 12 * bars && view == rows, "v2's rows: run, time text, values, in run and bar order")
        #expect(try db.userVersion == 3)
        #expect(try db.scalar("SELECT count(*) FROM equity_points") == .integer(Int64(rows.count)))
        #expect(try db.scalar("SELECT count(*) FROM equity_times") == .integer(Int64(bars)), "each bar close once")
        #expect(try db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'") == [[.text("trades_run")]], "no equity index")
        #expect(try db.scalar("PRAGMA page_size") == .integer(16_384))
        // One run: a primary-key search and a rowid range, never a scan of the points.
        let plan = try db.query("EXPLAIN QUERY PLAN SELECT * FROM equity WHERE run = ?1", [.integer(3)]).map { $0[3].text ?? "" }
        #expect(plan == ["SEARCH r USING INTEGER PRIMARY KEY (rowid=?)", "SEARCH p USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)",
                         "SEARCH t USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN"], "\(plan)")
        let three = try Self.viewRows(db, "SELECT run, time, equity_usd, drawdown_pct, position FROM equity WHERE run = 3")
        #expect(three == rows.filter { $0[0] == "3" } && three.count == bars)
    }

    /// A version-2 file — the tables and index versions 1 and 2 create, rows as version 2's
    /// writer inserted them — migrates to version 3: the same view rows, the same points and
    /// ranges as the writer's, and the report reads the same data from all three.
    @Test func aVersion2FileMigratesToTheSameRows() throws {
        let tmp = try TempDir()
        let dir = tmp.path("v2")
        try FileManager.default.copyItem(atPath: Self.directory, toPath: dir)
        let path = dir + "/results.sqlite"
        try FileManager.default.removeItem(atPath: path)
        let v3 = try SQLiteDatabase(path: Self.directory + "/results.sqlite", readOnly: true)
        let runsSQL = try #require(try v3.scalar("SELECT sql FROM sqlite_master WHERE name = 'runs'").text)
        do {
            let v2 = try SQLiteDatabase(path: path)
            try SQLiteMigrator(name: "results database", migrations: Array(ResultsSchema.migrator.migrations.prefix(2))).migrate(v2)
            try v2.execute("""
                ATTACH '\(Self.directory)/results.sqlite' AS w; BEGIN; \(runsSQL);
                CREATE INDEX trades_run ON trades(run); CREATE INDEX equity_run ON equity(run);
                INSERT INTO runs SELECT * FROM w.runs; INSERT INTO trades SELECT * FROM w.trades; INSERT INTO equity SELECT * FROM w.equity;
                INSERT INTO bars SELECT * FROM w.bars; INSERT INTO cascades SELECT * FROM w.cascades; INSERT INTO manifest SELECT * FROM w.manifest;
                COMMIT; DETACH w
                """)
            #expect(try v2.userVersion == 2 && ResultsSchema.checkOwnership(v2).contains("equity"))
        }
        let before = try ReportData.load(directory: dir)
        let v2Rows = try Self.viewRows(SQLiteDatabase(path: path, readOnly: true), "SELECT * FROM equity ORDER BY rowid")
        let db = try SQLiteDatabase(path: path)
        #expect(try ResultsSchema.migrator.migrate(db) == [3])
        #expect(try Self.viewRows(db) == v2Rows && v2Rows == (try Self.viewRows(v3)))
        for table in ["equity_points", "equity_runs", "equity_times"] {
            #expect(try db.query("SELECT rowid, * FROM \(table)") == v3.query("SELECT rowid, * FROM \(table)"), "\(table)")
        }
        #expect(try ResultsSchema.checkOwnership(db) == ResultsSchema.checkOwnership(v3))
        let after = try ReportData.load(directory: dir), written = try ReportData.load(directory: Self.directory)
        for data in [before, after] {
            #expect(data.equity.keys.sorted() == written.equity.keys.sorted())
            for (run, e) in written.equity {
                #expect(data.equity[run]?.timeMs == e.timeMs && data.equity[run]?.equityUSD == e.equityUSD && data.equity[run]?.drawdownPct == e.drawdownPct
                        && data.equity[run]?.rows == e.rows, "run \(run)")
            }
        }
        // The page `liqsim report` draws from the migrated file is the backtest's own, byte for byte.
        let maps = ReportLevelMaps.compute(after)
        let page = try String(contentsOfFile: ReportPage.write(after, directory: dir, levelMaps: maps, to: tmp.path("again.html")), encoding: .utf8)
        #expect(page == (try String(contentsOfFile: Self.directory + "/report.html", encoding: .utf8)))
    }

    /// The page `liqsim backtest` draws from what it has just written is the page of the
    /// version-3 file read back.
    @Test func theReportOfAVersion3FileIsTheBacktestsPage() throws {
        let data = try ReportData.load(directory: Self.directory)
        let page = ReportPage.render(data, levelMaps: ReportLevelMaps.compute(data))
        #expect(page == (try String(contentsOfFile: Self.directory + "/report.html", encoding: .utf8)))
    }
}
