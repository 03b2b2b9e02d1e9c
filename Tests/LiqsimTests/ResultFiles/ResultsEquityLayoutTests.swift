import Foundation
import Testing
import LiqsimBacktest
import LiqsimReport
import LiqsimResultFiles
import LiqsimSQLite

/// results.sqlite version 4 keeps equity rows as `equity_points` (one row per bar: no run,
/// no time), `equity_runs` (a rowid range and a timeline per run) and `equity_steps` (each
/// timeline's bar closes, ms and text); the `equity` view gives back version 2's rows, and
/// version-2 and version-3 files migrate to the same view rows. On a real backtest
/// (`ReportFixture`: 12 runs over the generated market).
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
        #expect(try db.userVersion == 4)
        #expect(try db.scalar("SELECT count(*) FROM equity_points") == .integer(Int64(rows.count)))
        #expect(try db.query("SELECT DISTINCT timeline FROM equity_runs") == [[.integer(0)]], "one symbol, one stride: one timeline")
        #expect(try db.scalar("SELECT count(*) FROM equity_steps") == .integer(Int64(bars)), "each bar close once")
        #expect(try db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'") == [[.text("trades_run")]], "no equity index")
        #expect(try db.scalar("PRAGMA page_size") == .integer(16_384))
        // One run: a primary-key search, a rowid range and a primary-key search per row, never a scan.
        let plan = try db.query("EXPLAIN QUERY PLAN SELECT * FROM equity WHERE run = ?1", [.integer(3)]).map { $0[3].text ?? "" }
        #expect(plan == ["SEARCH r USING INTEGER PRIMARY KEY (rowid=?)", "SEARCH p USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)",
                         "SEARCH s USING PRIMARY KEY (timeline=? AND step=?) LEFT-JOIN"], "\(plan)")
        let three = try Self.viewRows(db, "SELECT run, time, equity_usd, drawdown_pct, position FROM equity WHERE run = 3")
        #expect(three == rows.filter { $0[0] == "3" } && three.count == bars)
    }

    /// A copy of the fixture's result directory whose results.sqlite is at `version` (2 or
    /// 3): the tables and indexes that version's migrations and writer create, rows as that
    /// version's writer inserted them (version 2: the `equity` table in run and bar order;
    /// version 3: `equity_points` with each row's time in ms, a rowid range per run, each bar
    /// close's text once in `equity_times`), all from the written version-4 file.
    static func olderFile(_ version: Int, in tmp: TempDir) throws -> String {
        let dir = tmp.path("v\(version)")
        try FileManager.default.copyItem(atPath: directory, toPath: dir)
        let path = dir + "/results.sqlite"
        try FileManager.default.removeItem(atPath: path)
        let written = try SQLiteDatabase(path: directory + "/results.sqlite", readOnly: true)
        let runsSQL = try #require(try written.scalar("SELECT sql FROM sqlite_master WHERE name = 'runs'").text)
        let old = try SQLiteDatabase(path: path)
        try SQLiteMigrator(name: "results database", migrations: Array(ResultsSchema.migrator.migrations.prefix(version))).migrate(old)
        let equity = version == 2 ? "CREATE INDEX equity_run ON equity(run); INSERT INTO equity SELECT * FROM w.equity;" : """
            INSERT INTO equity_points (rowid, time_ms, equity_usd, drawdown_pct, position) SELECT p.rowid, s.time_ms, p.equity_usd, p.drawdown_pct,
              p.position FROM w.equity_runs AS r CROSS JOIN w.equity_points AS p ON p.rowid BETWEEN r.first_row AND r.last_row
              LEFT JOIN w.equity_steps AS s ON s.timeline = r.timeline AND s.step = p.rowid - r.first_row;
            INSERT INTO equity_runs SELECT run, first_row, last_row FROM w.equity_runs;
            INSERT INTO equity_times SELECT DISTINCT time_ms, time FROM w.equity_steps ORDER BY time_ms;
            """
        try old.execute("""
            ATTACH '\(directory)/results.sqlite' AS w; BEGIN; \(runsSQL); CREATE INDEX trades_run ON trades(run); \(equity)
            INSERT INTO runs SELECT * FROM w.runs; INSERT INTO trades SELECT * FROM w.trades;
            INSERT INTO bars SELECT * FROM w.bars; INSERT INTO cascades SELECT * FROM w.cascades; INSERT INTO manifest SELECT * FROM w.manifest;
            COMMIT; DETACH w
            """)
        #expect(try old.userVersion == version && ResultsSchema.checkOwnership(old).contains("equity"))
        return dir
    }

    /// Version-2 and version-3 files migrate to version 4 (2 → 3 → 4): the same view rows in
    /// the same order, the same points and ranges as the writer's (a timeline per run, each
    /// with the run's times), and the report reads the same data from the old file, the
    /// migrated one and the written one, and draws the backtest's own page from the migrated file.
    @Test(arguments: [2, 3]) func anOlderFileMigratesToTheSameRows(version: Int) throws {
        let tmp = try TempDir()
        let dir = try Self.olderFile(version, in: tmp)
        let path = dir + "/results.sqlite"
        let written = try SQLiteDatabase(path: Self.directory + "/results.sqlite", readOnly: true)
        let before = try ReportData.load(directory: dir)
        let oldRows = try Self.viewRows(SQLiteDatabase(path: path, readOnly: true), version == 2 ? "SELECT * FROM equity ORDER BY rowid" : "SELECT * FROM equity")
        let db = try SQLiteDatabase(path: path)
        #expect(try ResultsSchema.migrator.migrate(db) == (version == 2 ? [3, 4] : [4]))
        #expect(try db.userVersion == 4)
        #expect(try Self.viewRows(db) == oldRows && oldRows == (try Self.viewRows(written)) && oldRows.count > 1_000)
        #expect(try db.query("SELECT rowid, * FROM equity_points") == written.query("SELECT rowid, * FROM equity_points"))
        #expect(try db.query("SELECT run, first_row, last_row FROM equity_runs") == written.query("SELECT run, first_row, last_row FROM equity_runs"))
        #expect(try db.query("SELECT count(*) FROM equity_runs WHERE timeline IS NOT run") == [[.integer(0)]], "a timeline per run")
        #expect(try db.query("SELECT time_ms, time FROM equity_steps WHERE timeline = 7 ORDER BY step")
                == written.query("SELECT time_ms, time FROM equity_steps WHERE timeline = 0 ORDER BY step"))
        #expect(try ResultsSchema.checkOwnership(db) == ResultsSchema.checkOwnership(written))
        let after = try ReportData.load(directory: dir), report = try ReportData.load(directory: Self.directory)
        for data in [before, after] {
            #expect(data.equity.keys.sorted() == report.equity.keys.sorted() && data.equity.count == 12)
            for (run, e) in report.equity {
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
    /// version-4 file read back.
    @Test func theReportOfAVersion4FileIsTheBacktestsPage() throws {
        let data = try ReportData.load(directory: Self.directory)
        let page = ReportPage.render(data, levelMaps: ReportLevelMaps.compute(data))
        #expect(page == (try String(contentsOfFile: Self.directory + "/report.html", encoding: .utf8)))
    }
}
