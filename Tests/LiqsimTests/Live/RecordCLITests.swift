import Foundation
import Testing
import LiqsimCapture

/// `record` refusing a setting end to end (exit 2, what to do) and an unusable `--out` (exit 1).
@Suite("record and serve: arguments, --out")
struct RecordCLITests {
    /// The binary refuses a bad setting before it dials anything; every other `record` and
    /// `serve` argument error is checked in-process by LiqsimCLITests.
    @Test("a refused setting exits 2 before dialing")
    func refusedSettingExitsTwo() throws {
        let r = try CLI.run(["record", "--db", "x.sqlite", "--endpoint", "binance-usdm=ws://127.0.0.1:1/binance-usdm"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("liqsim: error: --db needs --live (the snapshot store is filled by the pipeline)\nUsage: liqsim record "), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test("unwritable --out: clear error naming the directory, exit 1, nothing half-written")
    func unwritableOut() throws {
        let dir = try TempDir()
        let notADirectory = dir.path("file")
        FileManager.default.createFile(atPath: notADirectory, contents: Data("x".utf8))
        let loopback = ["--rest-interval", "off", "--endpoint", "binance-usdm=ws://127.0.0.1:1", "--exchanges", "binance",
                        "--endpoint", "binance-usdm-rest=http://127.0.0.1:1"]
        let a = try CLI.run(["record", "--out", notADirectory] + loopback)
        #expect(a.status == 1)
        #expect(a.stderr == "liqsim: error: \(notADirectory): exists and is not a directory (pass a directory to --out)\n")
        // A directory that cannot be created (below a regular file).
        let below = notADirectory + "/captures"
        let b = try CLI.run(["record", "--out", below] + loopback)
        #expect(b.status == 1)
        #expect(b.stderr.hasPrefix("liqsim: error: \(below): cannot create the output directory"), "\(b.stderr)")
        #expect(b.stderr.hasSuffix("(choose a writable --out directory)\n"))
    }
}
