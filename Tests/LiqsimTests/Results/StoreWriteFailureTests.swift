import Foundation
import Testing
import LiqsimSQLite

/// `--db` write failures are errors: the run goes on, says what was stored, and exits 1.
@Suite struct StoreWriteFailureTests {
    /// The store hits a file-size limit (`ulimit -f`, SIGXFSZ ignored so writes fail with
    /// EFBIG, as on a full disk) partway through the run.
    @Test func replayExitsOneWhenTheStoreCannotBeWritten() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = try PipelineReplayTests.capture(tmp)
        let db = tmp.path("limited.db")
        let script = "trap '' XFSZ; ulimit -f 200; exec \"$0\" \"$@\""
        let r = try CLI.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, CLI.executable.path,
                                                             "replay", path, "--format", "summary", "--sentiment-interval", "5m", "--db", db])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("liqsim: error: --db: the snapshot store could not be written ("), "\(r.stderr)")
        #expect(r.stderr.contains("snapshots were stored"))
        // The replay itself completed: its digest is printed.
        #expect(r.stderr.contains("digest: ") && !r.stderr.contains("digest: none"), "\(r.stderr)")
        // What was stored is a readable store.
        let store = try SQLiteDatabase(path: db, create: false)
        #expect(try store.scalar("PRAGMA quick_check").text == "ok")
    }
}
