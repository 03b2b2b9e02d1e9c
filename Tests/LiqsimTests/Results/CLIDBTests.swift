import Foundation
import Testing
import LiqsimSQLite
import LiqsimStore

/// `liqsim db stats` / `liqsim db cleanup` through the built executable.
@Suite("CLI db")
struct CLIDBTests {
    @Test func statsPrintsRowsTimeRangeSymbolsAndSize() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("snap.sqlite")
        do { try SnapshotStore(path: path).insert(Snap.batch) }   // closed: the WAL is checkpointed into the file
        let size = Snap.fileSize(path)
        let r = try CLI.run(["db", "stats", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout == """
            \(path)
              table                  rows  first (UTC)               last (UTC)
              market_snapshots          2  2026-01-01T00:00:00.000Z  2026-01-01T01:00:00.000Z
              exchange_snapshots        2  2026-01-01T00:00:00.000Z  2026-01-01T00:00:00.000Z
              sentiment_factors         2  2026-01-01T00:00:00.000Z  2026-01-01T00:00:00.000Z
              liquidation_snapshots     2  2026-01-01T00:00:00.000Z  2026-01-01T01:00:00.000Z
              total                     8  2026-01-01T00:00:00.000Z  2026-01-01T01:00:00.000Z
              time:     2026-01-01T00:00:00.000Z → 2026-01-01T01:00:00.000Z (0.0 days)
              symbols:  2 (BTCUSDT, ETHUSDT)
              size:     \(size) bytes (on disk \(size) + 0 WAL)

            """)
    }

    @Test func cleanupPrintsRowsDeletedPerTable() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("snap.sqlite")
        do { try SnapshotStore(path: path).insert(SnapshotCleanupTests.layout) }
        let r = try CLI.run(["db", "cleanup", path, "--keep-days", "7"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            \(path): kept rows from 2026-01-24T00:00:00.000Z (newest 2026-01-31T00:00:00.000Z minus 7 days)
              market_snapshots       deleted  2
              exchange_snapshots     deleted  1
              sentiment_factors      deleted  0
              liquidation_snapshots  deleted  1
              total                  deleted  4

            """)
        #expect(try SnapshotStore(path: path, create: false).stats().tables.map(\.rows) == [2, 1, 1, 1])
        let again = try CLI.run(["db", "cleanup", path, "--keep-days", "7"])
        #expect(again.status == 0 && again.stdout.hasSuffix("  total                  deleted  0\n"))
    }

    @Test func missingFileAndNotAStoreAreInputErrors() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let missing = tmp.path("nope.sqlite")
        for args in [["db", "stats", missing], ["db", "cleanup", missing, "--keep-days", "7"]] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr == "liqsim: error: \(missing): no such file or directory; give a snapshot store that `liqsim replay --db FILE` filled\n")
            #expect(r.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: missing))

        let foreign = tmp.path("foreign.sqlite")
        try SQLiteDatabase(path: foreign).execute("CREATE TABLE notes (body TEXT)")
        let f = try CLI.run(["db", "stats", foreign])
        #expect(f.status == 2)
        #expect(f.stderr == "liqsim: error: \(foreign): not a liqsim snapshot store (it holds table notes); not touched\n")

        let text = tmp.path("text.sqlite")
        try Data(String(repeating: "not a database\n", count: 300).utf8).write(to: URL(fileURLWithPath: text))
        let t = try CLI.run(["db", "stats", text])
        #expect(t.status == 2)
        #expect(t.stderr.hasPrefix("liqsim: error: \(text): file is not a database"))
    }

    /// `db cleanup`, `replay --db` and `record --live --db` on another application's database:
    /// refused, exit 2, bytes unchanged (record creates no capture either).
    @Test func foreignDatabasesAreRefusedByEveryCommand() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let foreign = tmp.path("app.sqlite")
        try SQLiteDatabase(path: foreign).execute("CREATE TABLE market_snapshots (id INTEGER, note TEXT); INSERT INTO market_snapshots VALUES (1, 'mine')")
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let capture = try PipelineReplayTests.capture(tmp)
        let record = ["record", "--live", "--db", foreign, "--out", tmp.path("rec"), "--duration", "1s",
                      "--exchanges", "binance-usdm", "--endpoint", "binance-usdm=ws://127.0.0.1:1/binance-usdm"]
        for args in [["db", "cleanup", foreign, "--keep-days", "1"], ["replay", capture, "--format", "summary", "--db", foreign], record] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("not a liqsim snapshot store (table market_snapshots has columns id, note); not touched"), "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: tmp.path("rec")))?.isEmpty ?? true, "record left a capture")
    }
}
