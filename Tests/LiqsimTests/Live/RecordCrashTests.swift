import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

/// The recorder's files under hostile conditions: killed, out of space, nowhere to write,
/// rotated. Traffic comes from `serve --speed max --loop` over the real capture.
@Suite("record files: kill -9, full disk, unwritable --out, rotation", .serialized)
struct RecordCrashTests {
    static func recordArguments(_ serve: LiveServe, out: String) -> [String] {
        ["record", "--symbols", LiveFrameTopics.symbols.joined(separator: ","), "--out", out, "--rest-interval", "off"] + serve.endpointArguments
    }

    static func dataRecords(_ path: String) -> Int {
        liveRecords(path).filter { $0.kind == .text }.count
    }

    @Test("kill -9 at random moments, five times: every file reads back, each restart writes a new file")
    func killNine() throws {
        let dir = try TempDir()
        let serve = try LiveServe([liveRealCapture], in: dir, loop: true)
        let out = dir.path("out")
        var generator = SystemRandomNumberGenerator()
        var seen: Set<String> = []
        for round in 1...5 {
            let record = try LiveProcess(Self.recordArguments(serve, out: out), in: dir, name: "record\(round)")
            // Wait until this run's file holds flushed frames (written while the recorder runs).
            let flushed = liveWait(timeout: 60) {
                liveCaptureFiles(out).contains { !seen.contains($0) && Self.dataRecords($0) > 0 }
            }
            #expect(flushed, "round \(round): \(record.stderr)")
            usleep(UInt32.random(in: 0...700_000, using: &generator))   // the random moment
            record.send(SIGKILL)
            #expect(record.waitForExit() != nil)
            let files = liveCaptureFiles(out)
            #expect(files.count == round, "each start writes a new file, never reusing one")
            let new = files.filter { !seen.contains($0) }
            #expect(new.count == 1)
            seen.formUnion(files)
            guard let file = new.first else { continue }
            let check = try CLI.run(["capture", "check", file])
            // Blocks are written whole; a kill inside a write can at most leave a truncated tail,
            // which check reports, and never damage before it.
            #expect(check.status == 0 || (check.stdout.contains("TRUNCATED") && !check.stdout.contains("DAMAGE")), "\(check.stdout)")
            #expect(check.stdout.contains("index:   missing"), "a killed recorder writes no footer: \(check.stdout)")
            let cat = try CLI.run(["capture", "cat", file])
            #expect(cat.stdout.contains(" binance-usdm text ") || cat.stdout.contains(" bybit-linear text "))
        }
        #expect(serve.process.stop() == 0)
    }

    @Test("full disk (file-size limit): clear error naming the file, exit 1, the capture checks clean")
    func fullDisk() throws {
        let dir = try TempDir()
        let serve = try LiveServe([liveRealCapture], in: dir, loop: true)
        let out = dir.path("out")
        // 256 KiB per file for this process; SIGXFSZ ignored so writes fail with EFBIG, as on a full disk.
        let record = try LiveProcess(Self.recordArguments(serve, out: out), in: dir, name: "record", shell: "trap '' XFSZ; ulimit -f 256;")
        let status = record.waitForExit(timeout: 120)
        #expect(status == 1, "stderr: \(record.stderr)")
        let files = liveCaptureFiles(out)
        #expect(files.count == 1)
        guard let file = files.first else { return }
        #expect(record.stderr.contains("liqsim: error: \(file): write failed: File too large"), "\(record.stderr)")
        #expect(record.stderr.contains("the recorder stopped"))
        let check = try CLI.run(["capture", "check", file])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("index:   present"), "index and footer still fit once the partial block was cut: \(check.stdout)")
        #expect(Self.dataRecords(file) > 0)
        #expect(serve.process.stop() == 0)
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

    @Test("rotation: a new file every --rotate, each closed with its index, none overwritten")
    func rotation() throws {
        let dir = try TempDir()
        let serve = try LiveServe([liveRealCapture], in: dir, loop: true)
        let out = dir.path("out")
        let record = try LiveProcess(Self.recordArguments(serve, out: out) + ["--rotate", "1s"], in: dir, name: "record")
        #expect(liveWait(timeout: 90) { liveCaptureFiles(out).count >= 3 }, "\(record.stderr)")
        #expect(record.stop() == 0, "\(record.stderr)")
        let files = liveCaptureFiles(out)
        for file in files {
            let reader = try CaptureReader(path: file)
            #expect(reader.footer != nil, "\(file) was closed")
            #expect(reader.header.streams.map(\.id) == ["binance-usdm", "bybit-linear", "okx-swap"])
        }
        // Names sort in time order.
        let starts = files.map { try? CaptureReader(path: $0).header.createdNs }
        #expect(starts == starts.sorted { ($0 ?? 0) < ($1 ?? 0) })
        #expect(record.stderr.contains("\(files.count) files"))
        #expect(serve.process.stop() == 0)
    }
}
