import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

@Suite("CLI capture commands")
struct CLICaptureCommandTests {
    @Test func importThenCheckCleanFile() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let out = tmp.path("all.lqc.zst")
        let inputs = Cap.allFixtures.map(Fixtures.path)
        let imp = try CLI.run(["capture", "import"] + inputs + ["--out", out])
        #expect(imp.status == 0, "\(imp.stderr)")
        let lines = try Cap.fixtureLinesInCaptureOrder()
        let size = try Cap.bytes(out).count
        #expect(imp.stdout == "\(out): \(lines.count) records, streams binance-usdm, bybit-linear, okx-swap, \(size) bytes\n")
        // The CLI and the library write the same bytes.
        let lib = tmp.path("lib.lqc.zst")
        try CaptureImporter.importFiles(inputs, to: lib)
        #expect(try Cap.bytes(lib) == Cap.bytes(out))

        let check = try CLI.run(["capture", "check", out])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.isEmpty)
        let rest = lines.filter { $0.frame == nil }.count
        let index = try CaptureReader(path: out).index()
        let raw = index.blocks.reduce(0) { $0 + Int($1.rawSize) }
        #expect(check.stdout.hasPrefix("\(out): \(lines.count) records in \(index.blocks.count) blocks, \(raw) raw bytes\n"))
        #expect(check.stdout.contains("  kinds:   text \(lines.count - rest), rest \(rest)\n"))
        let per = Dictionary(grouping: lines, by: \.stream).mapValues(\.count)
        #expect(check.stdout.contains("  streams: binance-usdm \(per[.binanceUSDM]!), bybit-linear \(per[.bybitLinear]!), okx-swap \(per[.okxSwap]!)\n"))
        #expect(check.stdout.contains("  index:   present\n"))
        #expect(check.stdout.hasSuffix("  OK\n"))
        #expect(!check.stdout.contains("DAMAGE") && !check.stdout.contains("TRUNCATED"))

        let info = try CLI.run(["capture", "info", out])
        #expect(info.status == 0)
        #expect(info.stdout.contains("  format:    lqc v1, written by liqsim "))
        #expect(info.stdout.contains("(import)"))
        #expect(info.stdout.contains("  records:   \(lines.count) in \(index.blocks.count) blocks"))
        #expect(info.stdout.contains("  size:      \(size) bytes (\(raw) raw, "))
        #expect(info.stdout.contains("  index:     present (closed cleanly)"))
        for name in Cap.allFixtures { #expect(info.stdout.contains("  note:      imported from \(name)")) }
    }

    @Test func checkReportsDamageAndTruncationWithExitOne() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let clean = tmp.path("clean.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: clean)
        let b = try CaptureReader(path: clean).index().blocks
        var bytes = try Cap.bytes(clean)
        let damaged = tmp.path("damaged.lqc.zst")
        var d = bytes
        Cap.putU32(&d, Int(b[2].offset), 0x0BAD_F00D)   // garbage block meta
        try Cap.write(bytes: d, to: damaged)
        let truncated = tmp.path("truncated.lqc.zst")
        bytes = Array(bytes.prefix(Int(b[1].offset) + 30))
        try Cap.write(bytes: bytes, to: truncated)

        let r = try CLI.run(["capture", "check", clean, damaged, truncated])
        #expect(r.status == 1)
        #expect(r.stdout.contains("  DAMAGE at byte \(b[2].offset) ("))
        #expect(r.stdout.contains("bytes that are not a capture frame"))
        #expect(r.stdout.contains("  TRUNCATED: truncated tail at byte \(b[1].offset): 30 bytes unreadable"))
        #expect(r.stdout.components(separatedBy: "PROBLEMS FOUND").count - 1 == 2)
        #expect(r.stdout.components(separatedBy: "  OK\n").count - 1 == 1)
        #expect(r.stdout.contains("  index:   missing (file not closed cleanly)"))
    }

    /// `capture check` exits 1 on a damaged file; stderr must not get an empty
    /// `liqsim: error: ` line (the report is on stdout; a bare prefix says nothing).
    @Test func checkFailureDoesNotPrintAnEmptyErrorLine() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("t.lqc.zst")
        try Cap.importFixtures(["misc-2026.jsonl", "liquidations-2026.jsonl"], to: path)
        let bytes = try Cap.bytes(path)
        let truncated = tmp.path("cut.lqc.zst")
        try Cap.write(bytes: Array(bytes.prefix(bytes.count - 300)), to: truncated)
        let r = try CLI.run(["capture", "check", truncated])
        #expect(r.status == 1)
        let emptyErrorLines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.trimmingCharacters(in: .whitespaces) == "liqsim: error:" }
        #expect(emptyErrorLines.isEmpty, "stderr: \(r.stderr.debugDescription)")
    }

    @Test func importRefusesToOverwriteWithoutForce() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let out = tmp.path("x.lqc.zst")
        let first = try CLI.run(["capture", "import", Fixtures.path("misc-2026.jsonl"), "--out", out])
        #expect(first.status == 0)
        let before = try Cap.bytes(out)
        let again = try CLI.run(["capture", "import", Fixtures.path("liquidations-2026.jsonl"), "--out", out])
        #expect(again.status == 2)
        #expect(again.stderr.contains(out))
        #expect(again.stderr.contains("already exists"))
        #expect(again.stderr.contains("--force"))
        #expect(try Cap.bytes(out) == before)

        let forced = try CLI.run(["capture", "import", Fixtures.path("liquidations-2026.jsonl"), "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.hasPrefix("\(out): 8 records"))
        let expected = tmp.path("y.lqc.zst")
        try Cap.importFixtures(["liquidations-2026.jsonl"], to: expected)
        #expect(try Cap.bytes(out) == Cap.bytes(expected))
    }

    @Test func catPrintsRESTRecordsWithURLAndStatus() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let input = tmp.path("rest.jsonl")
        let okx = try Fixtures.lines("okx-swap-20220227-excerpt.jsonl").first { $0.url != nil }!
        let rows: [[String: Any]] = [
            ["recv_ns": 1_786_171_884_000_000_000, "exchange": "binance-usdm",
             "url": "https://fapi.binance.com/fapi/v1/openInterest?symbol=BTCUSDT", "status": 429,
             "body": #"{"code":-1003,"msg":"Too many requests."}"#],
            ["recv_ns": okx.recv, "exchange": "okx-swap", "url": okx.url!, "body": okx.body!],
            ["recv_ns": 1_786_171_884_500_000_000, "exchange": "bybit-linear", "frame": #"{"op":"pong"}"#],
        ]
        let text = try rows.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self) }.joined(separator: "\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: input))
        let capture = tmp.path("rest.lqc.zst")
        #expect(try CLI.run(["capture", "import", input, "--out", capture]).status == 0)

        let r = try CLI.run(["capture", "cat", capture])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4)   // three records and the final newline
        #expect(lines[0] == "\(UnixNanos(okx.recv)) okx-swap rest 200 \(okx.url!) \(okx.body!)")
        #expect(lines[1] == "2026-08-08T06:51:24.000Z binance-usdm rest 429 https://fapi.binance.com/fapi/v1/openInterest?symbol=BTCUSDT {\"code\":-1003,\"msg\":\"Too many requests.\"}")
        #expect(lines[2] == "2026-08-08T06:51:24.500Z bybit-linear text {\"op\":\"pong\"}")
        #expect(lines[3] == "")

        let limited = try CLI.run(["capture", "cat", capture, "--limit", "2"])
        #expect(limited.status == 0)
        #expect(limited.stdout.split(separator: "\n").map(String.init) == Array(lines.prefix(2)))
    }

    @Test func catShowsEveryRecordKind() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("kinds.lqc.zst")
        let inputs = try Cap.sampleInputs(count: 10)
        try Cap.write(inputs, to: path)
        let r = try CLI.run(["capture", "cat", path])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == inputs.count)
        let t0 = UnixNanos(inputs[0].recv).description
        #expect(lines[0] == "\(t0) binance-usdm connect wss://fstream.binance.com/stream?streams=btcusdt@aggTrade/0")
        #expect(lines[3].hasSuffix(" bybit-linear binary 43 bytes"))
        #expect(lines[4].contains(" okx-swap sent {\"op\":\"subscribe\""))
        #expect(lines[6].contains(" okx-swap rest 200 https://www.okx.com/api/v5/public/instruments?instType=SWAP&i=6 {\"code\":\"0\""))
        #expect(lines[8].hasSuffix(" binance-usdm disconnect close 1006: abnormal closure #8"))
        #expect(lines[9].hasSuffix(" - gap reconnect after 1.2 s (9)"))
    }
}

@Suite("CLI output pipe")
struct CLIOutputPipeTests {
    /// `liqsim replay … | head -1`: the closed pipe ends the run with a summary on stderr
    /// and exit 1, never a silent SIGPIPE kill (review B7).
    @Test func closedPipeEndsTheRunWithASummary() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("all.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: capture)
        let errors = tmp.path("stderr.txt")
        let script = "'\(CLI.executable.path)' replay '\(capture)' --format jsonl 2>'\(errors)' | head -c 100 >/dev/null; echo ${PIPESTATUS[0]}"
        let r = try Cap.run("/bin/bash", ["-c", script])
        #expect(String(decoding: r.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        let stderr = try String(contentsOfFile: errors, encoding: .utf8)
        #expect(stderr.contains("INCOMPLETE: standard output was closed by its reader"), "\(stderr)")
        #expect(stderr.contains("digest: none (run incomplete)"))
    }
}
