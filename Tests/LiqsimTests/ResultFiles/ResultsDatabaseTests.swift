import Foundation
import Testing
import LiqsimResultFiles
import LiqsimSQLite

/// results.sqlite: metrics at full precision (not runs.csv's rounded text), schema version
/// recorded, and readers refuse a file from a newer liqsim.
@Suite("results.sqlite")
struct ResultsDatabaseTests {
    static let runs = RunsTable(parameterNames: ["symbol", "trend.weight"], metricNames: RunColumns.performance, rows: [
        RunRow(run: 0, parameters: ["BTCUSDT", "0.25"], metrics: [1.23456789, 0.987654321, .infinity, 2, 3, 66.666666, .nan, 10, 1.23456, -0.005, 10_012.3456789]),
    ])

    static func write(_ path: String) throws {
        let db = try ResultsDatabase(path: path, runs: runs, textParameters: ["symbol"])
        try db.insert(TradeRow(run: 0, trade: 1, symbol: "BTCUSDT", side: "long", entryTime: 1_767_225_660_000_000_000, exitTime: 1_767_225_720_000_000_000,
                               entryPrice: 87_000.123456789, exitPrice: 87_100.5, quantity: 0.001, reason: "cascade", pnlUSD: 0.100377543,
                               feesUSD: 0.05, fundingUSD: 0, openAtEnd: false, acrossGap: false))
        try db.insertEquityTimes([(1_767_225_660_000, "2026-01-01T00:01:00.000Z")])
        try db.insert(EquityPoint(run: 0, timeMs: 1_767_225_660_000, equityUSD: 10_000.0123456, drawdownPct: 0.00012345, position: 0.001))
        try db.finish(manifest: ManifestTests.manifest)
    }

    @Test func metricsKeepFullPrecision() throws {
        let tmp = try TempDir()
        let path = tmp.path("results.sqlite")
        try Self.write(path)
        let db = try SQLiteDatabase(path: path, create: false)
        let run = try #require(try db.rows("SELECT * FROM runs").first)
        #expect(run["run"] == .integer(0) && run["symbol"] == .text("BTCUSDT") && run["trend.weight"] == .real(0.25))
        #expect(run["total_return_pct"] == .real(1.23456789), "runs.csv says 1.2346")
        #expect(run["sharpe"] == .real(0.987654321) && run["final_equity_usd"] == .real(10_012.3456789))
        #expect(run["sortino"] == .real(.infinity) && run["profit_factor"] == .null, "inf stays inf, NaN is NULL")
        #expect(try db.scalar("SELECT pnl_usd FROM trades") == .real(0.100377543))
        #expect(try db.scalar("SELECT drawdown_pct FROM equity") == .real(0.00012345))
        #expect(try db.scalar("SELECT value FROM manifest WHERE key = 'digest'") == .text(String(repeating: "d", count: 64)))
        #expect(try db.query("SELECT * FROM equity") == [[.integer(0), .text("2026-01-01T00:01:00.000Z"), .real(10_000.0123456), .real(0.00012345), .real(0.001)]])
        #expect(try db.userVersion == ResultsSchema.version && ResultsSchema.version == 3)
        #expect(Self.runs.csv.contains(",1.2346,0.9877,inf,"), "the CSV rounds; the database does not")
    }

    @Test func aNewerResultsFileIsRefusedByTheReport() throws {
        let tmp = try TempDir()
        let dir = tmp.url.path
        try Self.runs.csv.write(toFile: dir + "/runs.csv", atomically: true, encoding: .utf8)
        try ManifestTests.manifest.json.write(toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
        try Self.write(dir + "/results.sqlite")
        let data = try ReportData.load(directory: dir)
        #expect(data.runs.csv == Self.runs.csv && data.manifest == ManifestTests.manifest, "NaN metrics make the rows unequal to themselves: compare the text")
        #expect(data.trades[0]?.first?.pnlUSD == 0.100377543 && data.equity[0]?.equityUSD == [10_000.0123456])
        // A version-2 file (the `equity` table) and a version-1 file (before `bars.trend_window`
        // and `cascades.lower_bound`) still read.
        try SQLiteDatabase(path: dir + "/results.sqlite").execute("""
            DROP VIEW equity; CREATE TABLE equity (run INTEGER, time TEXT, equity_usd REAL, drawdown_pct REAL, position REAL);
            INSERT INTO equity VALUES (0, '2026-01-01T00:01:00.000Z', 10000.0123456, 0.00012345, 0.001);
            DROP TABLE equity_points; DROP TABLE equity_runs; DROP TABLE equity_times; PRAGMA user_version = 2
            """)
        let v2 = try ReportData.load(directory: dir)
        #expect(v2.equity[0]?.equityUSD == data.equity[0]?.equityUSD && v2.equity[0]?.timeMs == [1_767_225_660_000] && data.equity[0]?.timeMs == [1_767_225_660_000])
        try SQLiteDatabase(path: dir + "/results.sqlite").execute(
            "ALTER TABLE bars DROP COLUMN trend_window; ALTER TABLE cascades DROP COLUMN lower_bound; PRAGMA user_version = 1")
        let old = try ReportData.load(directory: dir)
        #expect(old.runs.csv == Self.runs.csv && old.bars.allSatisfy { $0.trendWindow == 0 } && old.cascades.allSatisfy { !$0.lowerBound })
        try SQLiteDatabase(path: dir + "/results.sqlite").execute("PRAGMA user_version = 9")
        do {
            _ = try ReportData.load(directory: dir)
            Issue.record("a version-9 file must be refused")
        } catch let error as ResultFileError {
            #expect(error.description == dir + "/results.sqlite: results database schema version 9 is newer than this liqsim understands (3); "
                    + "read it with the liqsim that wrote it, or re-run the backtest")
        }
    }

    /// A parameter holding a comma, a quote and a newline: the writer quotes it, compare's and
    /// the report's reader (`ResultDirectory`) gets it back whole.
    @Test func aResultDirectoryReadsQuotedNewlines() throws {
        let tmp = try TempDir()
        let dir = tmp.url.path + "/r/cascade/20260101T000000Z"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let runs = RunsTable(parameterNames: ["note"], rows: [RunRow(run: 0, parameters: ["a, \"b\"\nc"], metrics: Array(repeating: 1, count: RunColumns.metrics.count))])
        try runs.csv.write(toFile: dir + "/runs.csv", atomically: true, encoding: .utf8)
        try ManifestTests.manifest.json.write(toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
        let found = try ResultDirectory.find(tmp.url.path + "/r")
        #expect(found.count == 1 && found[0].scenario == "cascade" && found[0].runs.rows[0].parameters == ["a, \"b\"\nc"])
    }

    /// Trades and equity rows go in batches of many rows per statement: every row arrives
    /// once, in the order inserted (full batches, the rest flushed at the end), NaN as NULL;
    /// each run's equity rows are one rowid range, and a time without its text reads NULL.
    @Test func batchedRowsKeepTheirOrderAndValues() throws {
        let tmp = try TempDir()
        let path = tmp.path("results.sqlite")
        let db = try ResultsDatabase(path: path, runs: Self.runs, textParameters: ["symbol"])
        let count = 457   // four full batches of 100 and 57 more
        try db.insertEquityTimes((0..<count).filter { $0 != 7 }.map { (Int64($0) * 60_000, "t\($0)") })
        for k in 0..<count {
            try db.insert(EquityPoint(run: 3 * (k / 100), timeMs: Int64(k) * 60_000, equityUSD: 10_000 + Double(k) / 3, drawdownPct: k == 5 ? .nan : Double(k),
                                      position: -Double(k)))
        }
        for k in 0..<150 {
            try db.insert(TradeRow(run: k % 3, trade: k, symbol: "BTCUSDT", side: "long", entryTime: Int64(k), exitTime: Int64(k + 1), entryPrice: 1,
                                   exitPrice: 2, quantity: Double(k), reason: "r", pnlUSD: 0, feesUSD: 0, fundingUSD: 0, openAtEnd: false, acrossGap: false))
        }
        try db.finish(manifest: ManifestTests.manifest)
        let read = try SQLiteDatabase(path: path, create: false)
        let rows = try read.query("SELECT run, time, equity_usd, drawdown_pct, position FROM equity")
        #expect(rows.count == count)
        for (k, row) in rows.enumerated() {
            #expect(row == [.integer(Int64(3 * (k / 100))), k == 7 ? .null : .text("t\(k)"), .real(10_000 + Double(k) / 3), k == 5 ? .null : .real(Double(k)),
                            .real(-Double(k))])
        }
        var ranges: [[SQLiteValue]] = []
        for k in 0..<5 {
            let run = Int64(3 * k), first = Int64(100 * k + 1), last = Int64(min(100 * k + 100, count))
            ranges.append([.integer(run), .integer(first), .integer(last)])
        }
        #expect(try read.query("SELECT * FROM equity_runs") == ranges)
        #expect(try read.query("SELECT time FROM equity WHERE run = 6") == (200..<300).map { [.text("t\($0)")] })
        #expect(try read.query("SELECT trade, quantity FROM trades ORDER BY rowid") == (0..<150).map { [.integer(Int64($0)), .real(Double($0))] })
        // A trade's bound values are its `values` (times as text, NaN and infinities as NULL).
        let trade = TradeRow(run: 3, trade: 2, symbol: "ETH,USDT", side: "short", entryTime: 1_767_225_660_123_456_789, exitTime: -1_000_000,
                             entryPrice: .infinity, exitPrice: 2.5, quantity: .nan, reason: "range", pnlUSD: -1.25, feesUSD: 0.5, fundingUSD: 0,
                             openAtEnd: true, acrossGap: false)
        let other = try ResultsDatabase(path: tmp.path("other.sqlite"), runs: Self.runs, textParameters: ["symbol"])
        try other.insert(trade)
        try other.finish(manifest: ManifestTests.manifest)
        let stored = try SQLiteDatabase(path: tmp.path("other.sqlite"), create: false).query("SELECT * FROM trades")
        #expect(stored == [[.integer(3), .integer(2), .text("ETH,USDT"), .text("short"), .text(ResultText.time(trade.entryTime)),
                             .text(ResultText.time(trade.exitTime)), .null, .real(2.5), .null, .text("range"), .real(-1.25), .real(0.5), .real(0),
                             .integer(1), .integer(0)]])
        #expect(ResultText.time(trade.entryTime) == "2026-01-01T00:01:00.123Z")
    }
}
