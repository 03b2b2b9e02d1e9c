import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

/// Block offsets of an imported capture.
private func blocks(_ path: String) throws -> [BlockInfo] { try CaptureReader(path: path).index().blocks }

private func damageData(_ path: String, block b: BlockInfo) throws {
    var bytes = try Cap.bytes(path)
    let mid = Int(b.offset) + Cap.metaFrame + Int(b.compressedSize) / 2
    for i in mid..<(mid + 3) { bytes[i] ^= 0x5A }
    try Cap.write(bytes: bytes, to: path)
}

/// A capture of all fixtures cut into three blocks (128 KiB each).
private func fixtureCapture(_ tmp: TempDir, _ name: String = "all.lqc.zst") throws -> (path: String, blocks: [BlockInfo]) {
    let path = tmp.path(name)
    try Cap.importFixtures(Cap.allFixtures, to: path)
    let b = try blocks(path)
    #expect(b.count >= 3)
    return (path, b)
}

@Suite("CLI bad input")
struct CLIInputErrorTests {
    @Test func missingFile() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let missing = tmp.path("nope.lqc.zst")
        for args in [["replay", missing], ["capture", "info", missing], ["capture", "check", missing], ["capture", "cat", missing]] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(missing), "\(args): \(r.stderr)")
            #expect(r.stderr.hasPrefix("liqsim: error: "))
            #expect(r.stdout.isEmpty)
        }
        let r = try CLI.run(["replay", missing])
        #expect(r.stderr.contains("no such file or directory"))
        let empty = tmp.path("emptydir")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let d = try CLI.run(["replay", empty])
        #expect(d.status == 2)
        #expect(d.stderr.contains(empty) && d.stderr.contains("no .lqc.zst"))
    }

    @Test func notACaptureTextFileOrPlainZstd() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let text = tmp.path("random.lqc.zst")
        try Data("hello, this is just some text that is not a capture\n".utf8).write(to: URL(fileURLWithPath: text))
        let plainSource = tmp.path("plain.txt")
        try Data(String(repeating: "{\"recv_ns\":1,\"frame\":\"x\"}\n", count: 100).utf8).write(to: URL(fileURLWithPath: plainSource))
        let plain = tmp.path("plain.lqc.zst")
        #expect(try Cap.run(Cap.zstd, ["-q", "-3", plainSource, "-o", plain]).status == 0)
        let empty = tmp.path("empty.lqc.zst")
        FileManager.default.createFile(atPath: empty, contents: Data())

        for (path, message) in [(text, "not a liqsim capture"), (plain, "a zstd file, but not a liqsim capture"), (empty, "not a liqsim capture")] {
            for args in [["replay", path, "--format", "jsonl"], ["capture", "check", path], ["capture", "info", path], ["capture", "cat", path]] {
                let r = try CLI.run(args)
                #expect(r.status == 2, "\(args): \(r.stderr)")
                #expect(r.stderr.contains(path), "\(args)")
                #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
                #expect(r.stdout.isEmpty, "\(args)")
            }
        }
    }

    @Test func truncatedCaptureWarnsAndReplaysTheCompleteBlocks() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (path, b) = try fixtureCapture(tmp)
        let cut = Int(b[1].offset) + Cap.metaFrame + Int(b[1].compressedSize) / 3
        let truncated = tmp.path("cut.lqc.zst")
        try Cap.write(bytes: Array(try Cap.bytes(path).prefix(cut)), to: truncated)
        let tailBytes = cut - Int(b[1].offset)

        let r = try CLI.run(["replay", truncated, "--format", "jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(warnings.count == 1)
        #expect(warnings.first == "warning: \(truncated): truncated tail at byte \(b[1].offset): \(tailBytes) bytes, \(b[1].records) records unreadable; replayed the records before it")
        // It is part of the summary: warned about once, and nowhere else.
        #expect(r.stderr.components(separatedBy: "truncated tail at byte").count == 2)
        #expect(r.stderr.contains("replay: 1 file, \(b[0].records) records"))
        #expect(Cap.digest(r.stderr)?.count == 64)
        let out = tmp.path("cut.jsonl")
        try r.stdoutData.write(to: URL(fileURLWithPath: out))
        #expect(try Cap.sha256(out) == Cap.digest(r.stderr))

        let check = try CLI.run(["capture", "check", truncated])
        #expect(check.status == 1)
        #expect(check.stdout.contains("  TRUNCATED: truncated tail at byte \(b[1].offset): \(tailBytes) bytes, \(b[1].records) records unreadable"))
        #expect(check.stdout.contains("\(truncated): \(b[0].records) records in 1 blocks, \(b[0].rawSize) raw bytes"))
        #expect(check.stdout.contains("PROBLEMS FOUND"))

        let cat = try CLI.run(["capture", "cat", truncated])
        #expect(cat.status == 0)
        #expect(cat.stdout.split(separator: "\n").count == Int(b[0].records))
        #expect(cat.stderr.contains("warning: \(truncated): truncated tail at byte \(b[1].offset)"))
    }

    @Test func corruptMiddleBlockStopsWithIncompleteSummary() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (path, b) = try fixtureCapture(tmp)
        try damageData(path, block: b[1])

        let r = try CLI.run(["replay", path, "--format", "jsonl"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(path) at byte \(b[1].offset): corrupt data frame"))
        #expect(r.stderr.contains("INCOMPLETE: "))
        #expect(r.stderr.contains("digest: none (run incomplete)"))
        #expect(Cap.digest(r.stderr) == "none (run incomplete)")
        #expect(r.stderr.contains("--skip-corrupt"))
        // Nothing from after the damage is printed.
        let last = Cap.recvTimes(r.stdout).max() ?? .min
        #expect(last <= b[0].lastRecv)

        let s = try CLI.run(["replay", path, "--format", "jsonl", "--skip-corrupt"])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stderr.contains("skipped corrupt: 1 region, \(b[1].records) records"))
        #expect(s.stderr.contains("  \(path) at byte \(b[1].offset): corrupt data frame"))
        let total = b.reduce(0) { $0 + Int($1.records) }
        #expect(s.stderr.contains("replay: 1 file, \(total - Int(b[1].records)) records"))
        #expect(Cap.digest(s.stderr)?.count == 64)

        let check = try CLI.run(["capture", "check", path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("  DAMAGE at byte \(b[1].offset) (\(UInt32(Cap.metaFrame) + b[1].compressedSize) bytes, \(b[1].records) records): corrupt data frame"))
        #expect(check.stdout.contains("PROBLEMS FOUND"))

        let cat = try CLI.run(["capture", "cat", path])
        #expect(cat.status == 2)
        #expect(cat.stderr.contains("at byte \(b[1].offset)"))
        let catSkip = try CLI.run(["capture", "cat", path, "--skip-corrupt"])
        #expect(catSkip.status == 0)
        #expect(catSkip.stdout.split(separator: "\n").count == total - Int(b[1].records))
        #expect(catSkip.stderr.contains("warning: \(path): skipped damage at byte \(b[1].offset)"))
    }

    /// Damage in the first block must be reported like damage anywhere else: exit 2 and a
    /// summary that says INCOMPLETE with no digest (README "Exit codes").
    @Test func corruptFirstBlockAlsoEndsWithIncompleteSummary() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (path, b) = try fixtureCapture(tmp)
        try damageData(path, block: b[0])
        let r = try CLI.run(["replay", path, "--format", "summary"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(path) at byte \(b[0].offset): corrupt data frame"))
        #expect(r.stderr.contains("INCOMPLETE: "), "stderr: \(r.stderr)")
        #expect(r.stderr.contains("digest: none (run incomplete)"))

        let s = try CLI.run(["replay", path, "--format", "summary", "--skip-corrupt"])
        #expect(s.status == 0)
        #expect(s.stderr.contains("skipped corrupt: 1 region, \(b[0].records) records"))
    }

    @Test func malformedFramesAreCountedNotFatal() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let good = try Fixtures.line("liquidations-2026.jsonl", containing: "forceOrder")
        let rows: [(Int64, String, String)] = [
            (1_786_171_884_624_000_000, "binance-usdm", #"{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1786171884624,"a":34"#),
            (1_786_171_884_625_000_000, "binance-usdm", "this is not json"),
            (1_786_171_884_626_000_000, "bybit-linear", #"{"topic":"publicTrade.BTCUSDT","data":[{"T":"#),
            (good.recv, "binance-usdm", good.frame!),
        ]
        var text = ""
        for (recv, ex, frame) in rows {
            let obj: [String: Any] = ["recv_ns": recv, "exchange": ex, "frame": frame]
            text += String(decoding: try JSONSerialization.data(withJSONObject: obj), as: UTF8.self) + "\n"
        }
        let input = tmp.path("mal.jsonl")
        try Data(text.utf8).write(to: URL(fileURLWithPath: input))
        let capture = tmp.path("mal.lqc.zst")
        let imp = try CLI.run(["capture", "import", input, "--out", capture])
        #expect(imp.status == 0, "\(imp.stderr)")
        #expect(imp.stdout.hasPrefix("\(capture): 4 records, streams binance-usdm, bybit-linear, "))

        let r = try CLI.run(["replay", capture, "--format", "jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = r.stderr.split(separator: "\n")
        let binance = try #require(summary.first { $0.hasPrefix("  binance-usdm: ") })
        #expect(binance.contains("frames 3 · events 1"), "\(binance)")
        #expect(binance.contains(" · malformed 2"), "\(binance)")
        let bybit = try #require(summary.first { $0.hasPrefix("  bybit-linear: ") })
        #expect(bybit.contains("frames 1 · events 0"), "\(bybit)")
        #expect(bybit.contains(" · malformed 1"), "\(bybit)")
        #expect(r.stderr.contains("malformed at recv 2026-08-08T06:51:24.624Z"))
        #expect(r.stderr.contains("malformed at recv 2026-08-08T06:51:24.625Z"))
        #expect(r.stderr.contains("malformed at recv 2026-08-08T06:51:24.626Z"))
        #expect(r.stdout.split(separator: "\n").count == 1)
        #expect(r.stdout.hasPrefix("{\"type\":\"liquidation\""))
        #expect(Cap.digest(r.stderr)?.count == 64)
    }

    @Test func importWithUnknownExchangeNamesFileLineAndValidIDs() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let input = tmp.path("bad.jsonl")
        let good = #"{"recv_ns":1,"exchange":"binance-usdm","frame":"{}"}"#
        try Data((good + "\n" + #"{"recv_ns":2,"exchange":"kraken-futures","frame":"{}"}"# + "\n").utf8).write(to: URL(fileURLWithPath: input))
        let out = tmp.path("bad.lqc.zst")
        let r = try CLI.run(["capture", "import", input, "--out", out])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(input):2"), "\(r.stderr)")
        #expect(r.stderr.contains("kraken-futures"))
        #expect(r.stderr.contains("binance-usdm, bybit-linear, okx-swap"))
        #expect(!FileManager.default.fileExists(atPath: out))

        let notJSON = tmp.path("nj.jsonl")
        try Data((good + "\n\n" + "{oops\n").utf8).write(to: URL(fileURLWithPath: notJSON))
        let n = try CLI.run(["capture", "import", notJSON, "--out", tmp.path("nj.lqc.zst")])
        #expect(n.status == 2)
        #expect(n.stderr.contains("\(notJSON):3"), "\(n.stderr)")

        let wrongName = try CLI.run(["capture", "import", Fixtures.path("misc-2026.jsonl"), "--out", tmp.path("x.zst")])
        #expect(wrongName.status == 2)
        #expect(wrongName.stderr.contains("*.lqc.zst"))
    }

    /// End to end through the binary: a bad value and an unknown flag (parse errors), a refused
    /// combination (`validate()`) and a good typed value. Every other argument error is checked
    /// in-process by LiqsimCLITests.
    @Test func usageErrorsExitTwoWithTheParsersMessage() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("m.lqc.zst")
        try Cap.importFixtures(["misc-2026.jsonl"], to: capture)
        let speed = try CLI.run(["replay", capture, "--speed", "fast"])
        #expect(speed.status == 2)
        #expect(speed.stderr.hasPrefix("""
            liqsim: error: The value 'fast' is invalid for '--speed <speed>'
            Help:  --speed <speed>  Pacing: a factor from 0.001x to 1000000x (capture time per wall time, e.g. 50x, 1x, 0.5x) or max.
            Usage: liqsim replay
            """), "\(speed.stderr)")
        #expect(speed.stderr.hasSuffix("  See 'liqsim replay --help' for more information.\n"))
        let bogus = try CLI.run(["replay", capture, "--bogus"])
        #expect(bogus.status == 2 && bogus.stderr.hasPrefix("liqsim: error: Unknown option '--bogus'"), "\(bogus.stderr)")
        let combination = try CLI.run(["replay", capture, "--db", tmp.path("s.sqlite"), "--no-pipeline"])
        #expect(combination.status == 2 && combination.stderr.hasPrefix("liqsim: error: --db needs the pipeline (drop --no-pipeline)\nUsage: liqsim replay "))
        for r in [speed, bogus, combination] {
            #expect(r.stdout.isEmpty && !r.stderr.contains("digest:"))
        }
        #expect(!FileManager.default.fileExists(atPath: tmp.path("s.sqlite")))
        let ok = try CLI.run(["replay", capture, "--speed", "2.5e3x", "--max-gap", "1ms", "--format", "summary"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }
}
