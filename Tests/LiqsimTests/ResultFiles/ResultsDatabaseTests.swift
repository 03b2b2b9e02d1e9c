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
        try db.insert(TradeColumns([TradeRow(run: 0, trade: 1, symbol: "BTCUSDT", side: "long", entryTime: 1_767_225_660_000_000_000,
                                             exitTime: 1_767_225_720_000_000_000, entryPrice: 87_000.123456789, exitPrice: 87_100.5, quantity: 0.001,
                                             reason: "cascade", pnlUSD: 0.100377543, feesUSD: 0.05, fundingUSD: 0, openAtEnd: false, acrossGap: false)]))
        try db.insertTimeline(0, closes: [1_767_225_660_000_000_000])
        try db.insertEquity(run: 0, timeline: 0, equityUSD: [10_000.0123456], drawdownPct: [0.00012345], position: [0.001])
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
        #expect(try db.userVersion == ResultsSchema.version && ResultsSchema.version == 4)
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
            DROP TABLE equity_points; DROP TABLE equity_runs; DROP TABLE equity_steps; PRAGMA user_version = 2
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
            #expect(error.description == dir + "/results.sqlite: results database schema version 9 is newer than this liqsim understands (4); "
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

    /// Trades and equity rows go in from their columns: every row arrives once, in the order
    /// inserted, NaN as NULL; each run's equity rows are one rowid range, row k at step k of
    /// the run's timeline, and a row past its timeline's steps has a NULL time.
    @Test func rowsKeepTheirOrderAndValues() throws {
        let tmp = try TempDir()
        let path = tmp.path("results.sqlite")
        let db = try ResultsDatabase(path: path, runs: Self.runs, textParameters: ["symbol"])
        let count = 457   // four runs of 100 rows and one of 57: runs 0, 3, 6, 9 (timeline 0) and 12 (timeline 1)
        let start: Int64 = 1_767_225_660_000_000_000, minute: Int64 = 60_000_000_000
        try db.insertTimeline(0, closes: (0..<100).map { start + Int64($0) * minute })
        try db.insertTimeline(1, closes: (0..<50).map { start + Int64($0) * minute + 1_000_000 })
        for first in stride(from: 0, to: count, by: 100) {
            if first == 100 { try db.insertEquity(run: 1, timeline: 0, equityUSD: [], drawdownPct: [], position: []) }   // no rows: no range
            let ks = first..<min(first + 100, count)
            try db.insertEquity(run: 3 * (first / 100), timeline: first < 400 ? 0 : 1, equityUSD: ks.map { 10_000 + Double($0) / 3 },
                                drawdownPct: ks.map { $0 == 5 ? .nan : Double($0) }, position: ks.map { -Double($0) })
        }
        // Trades in two inserts: the second's rows follow the first's.
        let trades = (0..<150).map { k in
            TradeRow(run: k % 3, trade: k, symbol: "BTCUSDT", side: "long", entryTime: Int64(k), exitTime: Int64(k + 1), entryPrice: 1,
                     exitPrice: 2, quantity: Double(k), reason: "r", pnlUSD: 0, feesUSD: 0, fundingUSD: 0, openAtEnd: false, acrossGap: false)
        }
        try db.insert(TradeColumns(Array(trades[..<100])))
        try db.insert(TradeColumns(Array(trades[100...])))
        try db.finish(manifest: ManifestTests.manifest)
        let read = try SQLiteDatabase(path: path, create: false)
        let rows = try read.query("SELECT run, time, equity_usd, drawdown_pct, position FROM equity")
        #expect(rows.count == count)
        func time(_ k: Int) -> SQLiteValue {
            let step = k % 100
            if k < 400 { return .text(ResultText.time(start + Int64(step) * minute)) }
            return step < 50 ? .text(ResultText.time(start + Int64(step) * minute + 1_000_000)) : .null
        }
        for (k, row) in rows.enumerated() {
            #expect(row == [.integer(Int64(3 * (k / 100))), time(k), .real(10_000 + Double(k) / 3), k == 5 ? .null : .real(Double(k)), .real(-Double(k))])
        }
        #expect(rows[449][1] == .text("2026-01-01T00:50:00.001Z") && rows[450][1] == .null)
        var ranges: [[SQLiteValue]] = []
        for k in 0..<5 {
            let run = Int64(3 * k), first = Int64(100 * k + 1), last = Int64(min(100 * k + 100, count))
            ranges.append([.integer(run), .integer(first), .integer(last), .integer(k < 4 ? 0 : 1)])
        }
        #expect(try read.query("SELECT * FROM equity_runs") == ranges)
        #expect(try read.query("SELECT time FROM equity WHERE run = 6") == (200..<300).map { [time($0)] })
        let step49: [[SQLiteValue]] = [[.integer(0), .integer(49), .integer(1_767_228_600_000)], [.integer(1), .integer(49), .integer(1_767_228_600_001)]]
        #expect(try read.query("SELECT timeline, step, time_ms FROM equity_steps WHERE step = 49") == step49)
        #expect(try read.query("SELECT trade, quantity FROM trades ORDER BY rowid") == (0..<150).map { [.integer(Int64($0)), .real(Double($0))] })
        // A trade's stored values: times as text, NaN and infinities as NULL.
        let trade = TradeRow(run: 3, trade: 2, symbol: "ETH,USDT", side: "short", entryTime: 1_767_225_660_123_456_789, exitTime: -1_000_000,
                             entryPrice: .infinity, exitPrice: 2.5, quantity: .nan, reason: "range", pnlUSD: -1.25, feesUSD: 0.5, fundingUSD: 0,
                             openAtEnd: true, acrossGap: false)
        let other = try ResultsDatabase(path: tmp.path("other.sqlite"), runs: Self.runs, textParameters: ["symbol"])
        try other.insert(TradeColumns([trade]))
        try other.finish(manifest: ManifestTests.manifest)
        let stored = try SQLiteDatabase(path: tmp.path("other.sqlite"), create: false).query("SELECT * FROM trades")
        #expect(stored == [[.integer(3), .integer(2), .text("ETH,USDT"), .text("short"), .text(ResultText.time(trade.entryTime)),
                             .text(ResultText.time(trade.exitTime)), .null, .real(2.5), .null, .text("range"), .real(-1.25), .real(0.5), .real(0),
                             .integer(1), .integer(0)]])
        #expect(ResultText.time(trade.entryTime) == "2026-01-01T00:01:00.123Z")
    }

    /// Trades read from their columns' bytes (the times formatted into one column each)
    /// store what their values say (text, INTEGER, REAL, NULL for NaN and infinities), row
    /// after row: no time or text leaks into the next row, an empty text stays '' (not NULL).
    @Test func tradeRowsStoreTheirValues() throws {
        let tmp = try TempDir()
        let db = try ResultsDatabase(path: tmp.path("results.sqlite"), runs: Self.runs, textParameters: ["symbol"])
        let symbols = ["BTCUSDT", "", "ÉTH-ünïcødé-⚡-PERPETUAL-2026", "a\"b,c\nd"], reasons = ["cascade", "liquidation", "", "trend"]
        let times: [Int64] = [1_767_225_660_123_456_789, 0, -1_000_000, 4_102_444_800_999_000_000, -9_000_000_000_000_000_000, 9_000_000_000_000_000_000]
        var trades: [TradeRow] = []
        for k in 0..<150 {
            trades.append(TradeRow(run: k / 7, trade: k % 7 + 1, symbol: symbols[k % 4], side: k % 3 == 0 ? "long" : "short",
                                   entryTime: times[k % 6] + Int64(k) * 1_000_000, exitTime: times[(k + 1) % 6] - Int64(k) * 1_000_000,
                                   entryPrice: k % 5 == 0 ? .infinity : Double(k) + 0.123456789, exitPrice: k % 11 == 0 ? .nan : 87_000.5,
                                   quantity: Double(k) / 1000, reason: reasons[k % 4], pnlUSD: k % 13 == 0 ? -.infinity : -Double(k) / 7,
                                   feesUSD: 0.05, fundingUSD: Double(k) * 1e-9, openAtEnd: k % 2 == 0, acrossGap: k % 3 == 1))
        }
        try db.insert(TradeColumns(trades))
        try db.insert(TradeColumns([]))   // no rows: nothing
        try db.finish(manifest: ManifestTests.manifest)
        func stored(_ v: Double) -> SQLiteValue { v.isFinite ? .real(v) : .null }
        let expected: [[SQLiteValue]] = trades.map { t in
            [.integer(Int64(t.run)), .integer(Int64(t.trade)), .text(t.symbol), .text(t.side), .text(ResultText.time(t.entryTime)),
             .text(ResultText.time(t.exitTime)), stored(t.entryPrice), stored(t.exitPrice), stored(t.quantity), .text(t.reason), stored(t.pnlUSD),
             stored(t.feesUSD), stored(t.fundingUSD), .integer(t.openAtEnd ? 1 : 0), .integer(t.acrossGap ? 1 : 0)]
        }
        let rows = try SQLiteDatabase(path: tmp.path("results.sqlite"), create: false).query("SELECT * FROM trades ORDER BY rowid")
        #expect(rows.count == 150)
        for (k, row) in rows.enumerated() { #expect(row == expected[k], "trade \(k)") }
        #expect(rows[1][4] == .text("1970-01-01T00:00:00.001Z") && rows[0][5] == .text("1970-01-01T00:00:00.000Z"))
        #expect(rows[1][2] == .text("") && rows[2][9] == .text(""))
    }
}
