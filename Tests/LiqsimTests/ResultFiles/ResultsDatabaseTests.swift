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
        try db.insert(EquityRow(run: 0, time: "2026-01-01T00:01:00.000Z", equityUSD: 10_000.0123456, drawdownPct: 0.00012345, position: 0.001))
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
        #expect(try db.userVersion == ResultsSchema.version && ResultsSchema.version == 2)
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
        // A version-1 file (before `bars.trend_window` and `cascades.lower_bound`) still reads.
        try SQLiteDatabase(path: dir + "/results.sqlite").execute(
            "ALTER TABLE bars DROP COLUMN trend_window; ALTER TABLE cascades DROP COLUMN lower_bound; PRAGMA user_version = 1")
        let old = try ReportData.load(directory: dir)
        #expect(old.runs.csv == Self.runs.csv && old.bars.allSatisfy { $0.trendWindow == 0 } && old.cascades.allSatisfy { !$0.lowerBound })
        try SQLiteDatabase(path: dir + "/results.sqlite").execute("PRAGMA user_version = 9")
        do {
            _ = try ReportData.load(directory: dir)
            Issue.record("a version-9 file must be refused")
        } catch let error as ResultFileError {
            #expect(error.description == dir + "/results.sqlite: results database schema version 9 is newer than this liqsim understands (2); "
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
}
