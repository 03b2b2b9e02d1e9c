import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

/// Runs `liqsim replay` and keeps what a test needs.
private struct Replayed {
    var status: Int32
    var stdout: String
    var stdoutData: Data
    var stderr: String
    var digest: String? { Cap.digest(stderr) }
    var lines: [Substring] { stdout.split(separator: "\n") }

    /// These suites pin normalization: the pipeline's signals are covered by PipelineReplayTests.
    init(_ args: [String], pipeline: Bool = false) throws {
        let r = try CLI.run(["replay"] + args + (pipeline ? [] : ["--no-pipeline"]))
        status = r.status; stdout = r.stdout; stdoutData = r.stdoutData; stderr = r.stderr
    }
}

@Suite("Replay determinism")
struct ReplayDeterminismTests {
    @Test func jsonlIsIdenticalAcrossRunsAndDigestIsItsSHA256() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("all.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: capture)
        let a = try Replayed([capture, "--format", "jsonl"])
        let b = try Replayed([capture, "--format", "jsonl"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(b.status == 0)
        #expect(!a.stdout.isEmpty)
        #expect(a.stdoutData == b.stdoutData)
        let digest = try #require(a.digest)
        #expect(digest.count == 64)
        #expect(digest.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(b.digest == digest)

        let out = tmp.path("out.jsonl")
        try a.stdoutData.write(to: URL(fileURLWithPath: out))
        #expect(try Cap.sha256(out) == digest)

        // The summary counts what was replayed: every record of the capture, every line printed.
        let lines = try Cap.fixtureLinesInCaptureOrder()
        let rest = lines.filter { $0.frame == nil }.count
        #expect(a.stderr.contains("replay: 1 file, \(lines.count) records (text \(lines.count - rest), rest \(rest))"))
        #expect(a.stderr.contains("events: \(a.lines.count) ("))
        #expect(a.stderr.contains("skipped corrupt: 0 regions, 0 records"))
        #expect(!a.stderr.contains("INCOMPLETE"))
        #expect(!a.stderr.contains("warning:"))
        // Every line is one JSON object.
        for line in a.lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
        }
    }

    @Test func digestIsTheSameForEveryFormat() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("all.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: capture)
        let jsonl = try Replayed([capture, "--format", "jsonl"])
        let summary = try Replayed([capture, "--format", "summary"])
        let log = try Replayed([capture, "--format", "log"])
        let byDefault = try Replayed([capture])
        #expect(jsonl.digest != nil)
        #expect(summary.digest == jsonl.digest)
        #expect(log.digest == jsonl.digest)
        #expect(byDefault.digest == jsonl.digest)
        #expect(summary.stdout.isEmpty)
        #expect(byDefault.stdout == log.stdout)   // log is the default
        // log: one line per liquidation, in the order of the jsonl liquidations.
        let liquidations = jsonl.lines.filter { $0.hasPrefix("{\"type\":\"liquidation\"") }
        #expect(!liquidations.isEmpty)
        #expect(log.lines.count == liquidations.count)
        for (l, j) in zip(log.lines, liquidations) {
            let symbol = j.range(of: "\"symbol\":\"").map { j[$0.upperBound...].prefix { $0 != "\"" } } ?? ""
            #expect(l.contains(" | \(symbol) | "), "\(l) vs \(j)")
        }
        #expect(jsonl.stderr.contains("liquidation \(liquidations.count),"))
    }

    @Test func speedDoesNotChangeOutputOrDigest() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        // 20.6 s of capture time: 0.1 s at 200x.
        let capture = tmp.path("bybit.lqc.zst")
        try Cap.importFixtures(["bybit-linear-20260809-a-excerpt.jsonl"], to: capture)
        let fast = try Replayed([capture, "--format", "jsonl", "--speed", "max"])
        let paced = try Replayed([capture, "--format", "jsonl", "--speed", "200x"])
        #expect(fast.status == 0 && paced.status == 0)
        #expect(fast.digest != nil)
        #expect(paced.digest == fast.digest)
        #expect(paced.stdoutData == fast.stdoutData)

        // Years of capture time: paced with --max-gap so it finishes; still the same bytes.
        let all = tmp.path("all.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: all)
        let a = try Replayed([all, "--format", "jsonl"])
        let b = try Replayed([all, "--format", "jsonl", "--speed", "200x", "--max-gap", "5ms"])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.digest == a.digest)
        #expect(b.stdoutData == a.stdoutData)
    }

    @Test func directoryOfTwoCapturesReplaysAsOneMergedStream() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let dir = tmp.path("split")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // File order is name order: a-… then b-….
        try Cap.importFixtures(["binance-usdm-20210417-excerpt.jsonl", "bybit-linear-20260809-a-excerpt.jsonl"], to: dir + "/a-first.lqc.zst")
        try Cap.importFixtures(["liquidations-2026.jsonl", "misc-2026.jsonl", "okx-swap-20220227-excerpt.jsonl"], to: dir + "/b-second.lqc.zst")
        try Data("not a capture".utf8).write(to: URL(fileURLWithPath: dir + "/notes.txt"))   // ignored
        let single = tmp.path("single.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: single)

        let merged = try Replayed([dir, "--format", "jsonl"])
        let one = try Replayed([single, "--format", "jsonl"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("replay: 2 files, \(try Cap.fixtureLinesInCaptureOrder().count) records"))
        let times = Cap.recvTimes(merged.stdout)
        #expect(!times.isEmpty)
        #expect(!times.contains(-1))
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "recv_ns must be non-decreasing")
        #expect(merged.stdoutData == one.stdoutData)
        #expect(merged.digest == one.digest)

        // A glob and an explicit file list give the same stream.
        let glob = try Replayed([dir + "/*.lqc.zst", "--format", "jsonl"])
        #expect(glob.stdoutData == one.stdoutData)
        let listed = try Replayed([dir + "/a-first.lqc.zst", dir + "/b-second.lqc.zst", "--format", "summary"])
        #expect(listed.digest == one.digest)
    }

    @Test func fromAndToSelectExactlyTheRecordsInRange() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        // Binance frames normalize without state from earlier records, so a window of the
        // full output is exactly what a seek must print. Small blocks: the index matters.
        let capture = tmp.path("binance.lqc.zst")
        let lines = try Cap.fixtureLinesInCaptureOrder(["binance-usdm-20210417-excerpt.jsonl"])
        let header = CaptureHeader(source: "synth", streams: [.init(id: "binance-usdm")])
        let writer = try CaptureWriter(path: capture, header: header, blockBytes: 4096)
        for l in lines { try writer.append(kind: .text, streamIndex: 0, recv: UnixNanos(l.recv), text: l.frame!) }
        try writer.close()
        #expect(try CaptureReader(path: capture).index().blocks.count > 10)

        let full = try Replayed([capture, "--format", "jsonl"])
        let fullTimes = Cap.recvTimes(full.stdout)
        #expect(!full.lines.isEmpty)
        for (i, j) in [(0, 229), (57, 170), (100, 100), (101, 229), (0, 3)] {
            let from = lines[i].recv, to = lines[j].recv
            let part = try Replayed([capture, "--format", "jsonl", "--from", String(from), "--to", String(to)])
            #expect(part.status == 0, "\(part.stderr)")
            let want = zip(full.lines, fullTimes).filter { $0.1 >= from && $0.1 <= to }.map(\.0)
            #expect(part.lines == want, "window \(i)...\(j)")
            let inRange = lines.filter { $0.recv >= from && $0.recv <= to }.count
            #expect(part.stderr.contains("replay: 1 file, \(inRange) records"), "window \(i)...\(j)")
        }
        // ISO form of the same instant as nanoseconds.
        let t = lines[120].recv
        let iso = UnixNanos(t).description   // millisecond precision
        let isoNs = TimeArgument.parse(iso)!.rawValue
        let a = try Replayed([capture, "--format", "jsonl", "--from", iso])
        let b = try Replayed([capture, "--format", "jsonl", "--from", String(isoNs)])
        #expect(a.status == 0)
        #expect(a.stdoutData == b.stdoutData)
        #expect(a.lines == zip(full.lines, fullTimes).filter { $0.1 >= isoNs }.map(\.0))

        // After the end: nothing, still a clean run.
        let none = try Replayed([capture, "--format", "jsonl", "--from", String(lines.last!.recv + 1)])
        #expect(none.status == 0)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr.contains("replay: 1 file, 0 records"))
        #expect(none.digest == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")   // SHA-256 of nothing
    }

    @Test func fromWithADateCountsTheRecordsAfterIt() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("all.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: capture)
        let lines = try Cap.fixtureLinesInCaptureOrder()
        let y2026 = TimeArgument.parse("2026-01-01")!.rawValue
        let recent = try Replayed([capture, "--format", "jsonl", "--from", "2026-01-01T00:00:00Z", "--to", "2026-12-31"])
        #expect(recent.status == 0)
        #expect(recent.stderr.contains("replay: 1 file, \(lines.filter { $0.recv >= y2026 }.count) records"))
        #expect(!recent.lines.isEmpty)
        #expect(Cap.recvTimes(recent.stdout).allSatisfy { $0 >= y2026 })
        let old = try Replayed([capture, "--format", "summary", "--to", "2022-12-31"])
        let y2023 = TimeArgument.parse("2022-12-31")!.rawValue
        #expect(old.stderr.contains("replay: 1 file, \(lines.filter { $0.recv <= y2023 }.count) records"))
    }

    @Test func symbolsFilterKeepsUnifiedAndRawMatches() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("all.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: capture)
        let full = try Replayed([capture, "--format", "jsonl"])
        func field(_ line: Substring, _ name: String) -> String? {
            line.range(of: "\"\(name)\":\"").map { String(line[$0.upperBound...].prefix { $0 != "\"" }) }
        }

        let btc = try Replayed([capture, "--format", "jsonl", "--symbols", "BTCUSDT"])
        #expect(btc.status == 0)
        let wantBTC = full.lines.filter { field($0, "symbol") == "BTCUSDT" || field($0, "raw_symbol") == "BTCUSDT" }
        #expect(!wantBTC.isEmpty)
        #expect(btc.lines == wantBTC)
        // BTCUSDT spans all three exchanges, OKX as BTC-USDT-SWAP.
        #expect(Set(btc.lines.compactMap { field($0, "exchange") }) == ["binance-usdm", "bybit-linear", "okx-swap"])
        #expect(btc.lines.contains { field($0, "raw_symbol") == "BTC-USDT-SWAP" })
        #expect(btc.stderr.contains("events: \(wantBTC.count) ("))

        let raw = try Replayed([capture, "--format", "jsonl", "--symbols", "BTC-USDT-SWAP"])
        #expect(raw.status == 0)
        let wantRaw = full.lines.filter { field($0, "raw_symbol") == "BTC-USDT-SWAP" }
        #expect(!wantRaw.isEmpty)
        #expect(raw.lines == wantRaw)
        #expect(raw.lines.allSatisfy { field($0, "exchange") == "okx-swap" && field($0, "symbol") == "BTCUSDT" })

        // Lower case and lists work; the digest covers only what was emitted.
        let list = try Replayed([capture, "--format", "jsonl", "--symbols", "btcusdt,ETH-USDT-SWAP"])
        #expect(list.lines == full.lines.filter {
            field($0, "symbol") == "BTCUSDT" || field($0, "raw_symbol") == "BTCUSDT" || field($0, "raw_symbol") == "ETH-USDT-SWAP"
        })
        let out = tmp.path("btc.jsonl")
        try btc.stdoutData.write(to: URL(fileURLWithPath: out))
        #expect(try Cap.sha256(out) == btc.digest)
        #expect(btc.digest != full.digest)
    }

    @Test func unclosedCaptureReplaysLikeTheClosedOne() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("rec.lqc.zst")
        let lines = try Cap.fixtureLinesInCaptureOrder()
        let streams = StreamID.allCases
        let header = CaptureHeader(source: "record", createdNs: 1, streams: streams.map { .init(id: $0.rawValue) })
        let writer = try CaptureWriter(path: path, header: header, blockBytes: 8 << 10)
        for l in lines {
            let s = UInt8(streams.firstIndex(of: l.stream)!)
            if let frame = l.frame {
                try writer.append(kind: .text, streamIndex: s, recv: UnixNanos(l.recv), text: frame)
            } else {
                try Array(l.body!.utf8).withUnsafeBytes { try writer.appendREST(streamIndex: s, recv: UnixNanos(l.recv), status: 200, url: l.url!, body: $0) }
            }
        }
        try writer.flush()
        let unclosed = tmp.path("killed.lqc.zst")
        try Cap.write(bytes: try Cap.bytes(path), to: unclosed)
        try writer.close()

        let a = try Replayed([path, "--format", "jsonl"])
        let b = try Replayed([unclosed, "--format", "jsonl"])
        #expect(a.status == 0 && b.status == 0, "\(b.stderr)")
        #expect(b.stdoutData == a.stdoutData)
        #expect(b.digest == a.digest)
        #expect(b.stderr.contains("replay: 1 file, \(lines.count) records"))
        #expect(!b.stderr.contains("warning:"))
        // --from uses the rebuilt index on the unclosed file.
        let from = String(lines[500].recv)
        let pa = try Replayed([path, "--format", "jsonl", "--from", from])
        let pb = try Replayed([unclosed, "--format", "jsonl", "--from", from])
        #expect(!pa.stdout.isEmpty)
        #expect(pb.stdoutData == pa.stdoutData)

        let info = try CLI.run(["capture", "info", unclosed])
        #expect(info.status == 0)
        #expect(info.stdout.contains("records:   \(lines.count) in "))
        #expect(info.stdout.contains("index:     missing, rebuilt by scanning"))
    }
}
