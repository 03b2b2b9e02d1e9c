import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

// `liqsim record` as a process against loopback servers: the tests that must really wait
// (liveWait, usleep, --rotate 1s, --breaker-cooldown 1s, kill -9). Everything that only
// needs time to pass runs on a manual clock in RecordSessionTests.swift.

/// `record` against a server that misbehaves: every fault leaves the right records, the
/// recorder reconnects and never stops, and the other exchange keeps recording.
@Suite("record survives faults", .serialized)
struct RecordFaultTests {
    /// Arguments shared by the fault runs: quick staleness and backoff, REST sent to a
    /// loopback port that refuses (nothing here may leave the machine).
    static func arguments(out: String, binance: String, bybit: String) -> [String] {
        ["record", "--exchanges", "binance,bybit", "--symbols", "BTCUSDT", "--out", out, "--rest-interval", "off",
         "--endpoint", "binance-usdm=\(binance)", "--endpoint", "bybit-linear=\(bybit)",
         "--endpoint", "binance-usdm-rest=http://127.0.0.1:1", "--endpoint", "bybit-linear-rest=http://127.0.0.1:1",
         "--stale-after", "1s", "--backoff-base", "100ms", "--backoff-max", "300ms"]
    }

    @Test("a 20 MiB message in 1 MiB fragments is over the 16 MiB cap: the connection ends with a gap, nothing of it is written, the file checks clean")
    func messageOverTheCapIsRefusedWithAGap() throws {
        let server = try FaultServer()
        defer { server.shutdown() }
        let dir = try TempDir()
        let out = dir.path("out")
        let base = "ws://127.0.0.1:\(server.port)"
        let record = try LiveProcess(Self.arguments(out: out, binance: base + "/steady", bybit: base + "/huge"), in: dir, name: "record")
        let again = liveWait(timeout: 90) {
            liveRecords(inDirectory: out).contains { $0.kind == .text && $0.text.contains("huge connection 2") }
        }
        #expect(again, "record stderr: \(record.stderr)")
        #expect(record.stop() == 0, "\(record.stderr)")
        let records = liveRecords(inDirectory: out)
        #expect(records.allSatisfy { $0.payload.count < 1 << 20 }, "no part of the huge message is recorded")
        let bybit = records.filter { $0.stream == "bybit-linear" }
        let kinds = bybit.filter { [.connect, .disconnect, .gap].contains($0.kind) }.prefix(4).map(\.kind)
        #expect(kinds == [.connect, .disconnect, .gap, .connect], "\(bybit.map { "\($0.kind) \($0.text.prefix(80))" })")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { $0.hasSuffix(".lqc.zst") }
        for f in files {
            let check = try CaptureCheck.run(path: out + "/" + f)
            #expect(check.isClean, "\(f): \(check.skipped) \(String(describing: check.truncatedTail))")
        }
    }

    @Test("abrupt close, garbage and binary frames, a stale connection: recorded verbatim, gaps written, other exchange unaffected")
    func faults() throws {
        let server = try FaultServer()
        defer { server.shutdown() }
        let dir = try TempDir()
        let out = dir.path("out")
        let base = "ws://127.0.0.1:\(server.port)"
        let record = try LiveProcess(Self.arguments(out: out, binance: base + "/steady", bybit: base + "/faulty"), in: dir, name: "record")
        let third = liveWait(timeout: 90) {
            liveRecords(inDirectory: out).contains { $0.kind == .text && $0.text.contains("\"liqsimTest\":\"connection 3\"") }
        }
        #expect(third, "record stderr: \(record.stderr)")
        #expect(record.isRunning, "a fault must never stop the recorder")
        #expect(record.stop() == 0, "\(record.stderr)")

        let records = liveRecords(inDirectory: out)
        let bybit = records.filter { $0.stream == "bybit-linear" }
        // Garbage text and a binary frame are recorded byte for byte, in arrival order.
        let texts = bybit.filter { $0.kind == .text || $0.kind == .binary }.map(\.payload)
        let expected: [[UInt8]] = (1...3).map { Array(FaultServer.bybitFrame("connection 1 frame \($0)").utf8) }
            + [FaultServer.garbage, FaultServer.binary, Array(FaultServer.bybitFrame("connection 1 frame 4").utf8)]
            + (1...2).map { Array(FaultServer.bybitFrame("connection 2 frame \($0)").utf8) }
            + [Array(FaultServer.bybitFrame("connection 3").utf8)]
        #expect(Array(texts.prefix(expected.count)) == expected)
        #expect(bybit.first { $0.kind == .binary }?.payload == FaultServer.binary)

        // The outage records, in order: connect … disconnect (reset), gap, connect … disconnect (stale), gap, connect.
        let lifecycle = bybit.filter { [.connect, .disconnect, .gap].contains($0.kind) }
        let kinds = lifecycle.prefix(7).map(\.kind)
        #expect(kinds == [.connect, .disconnect, .gap, .connect, .disconnect, .gap, .connect])
        if lifecycle.count >= 7 {
            #expect(lifecycle[1].text == "connection lost without a close frame")
            #expect(lifecycle[2].text.hasPrefix("no data from ") && lifecycle[2].text.hasSuffix(": connection lost without a close frame"))
            #expect(lifecycle[4].text == "stale: no frame for 1 s")
            #expect(lifecycle[5].text.hasSuffix(": stale: no frame for 1 s"))
            #expect(lifecycle[0].text == base + "/faulty")
            // Each gap sits between the disconnect and the reconnect it describes.
            #expect(lifecycle[1].recv <= lifecycle[2].recv && lifecycle[2].recv <= lifecycle[3].recv)
        }
        // Subscriptions are sent again on every connection.
        #expect(bybit.filter { $0.kind == .sent && $0.text.hasPrefix("{\"op\":\"subscribe\"") }.count >= 3)

        // Binance was never interrupted and kept recording through Bybit's outages.
        let binance = records.filter { $0.stream == "binance-usdm" }
        #expect(binance.filter { $0.kind == .connect }.count == 1)
        #expect(binance.filter { $0.kind == .disconnect }.map(\.text) == ["recorder stopped"])
        let staleAt = lifecycle.count >= 5 ? lifecycle[4].recv : .max
        #expect(binance.contains { $0.kind == .text && $0.recv > staleAt })
        let binanceFrames = binance.filter { $0.kind == .text }.map(\.text)
        #expect(binanceFrames.first == FaultServer.binanceFrame(1))
        #expect(binanceFrames == (1...binanceFrames.count).map(FaultServer.binanceFrame), "no steady frame lost or reordered")

        let check = try CLI.run(["capture", "check"] + liveCaptureFiles(out))
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test("refused connections: backoff, the circuit breaker opens and says so, then closes on recovery")
    func refusedThenRecovered() throws {
        let steady = try FaultServer()
        defer { steady.shutdown() }
        let port = liveFreePort()
        let dir = try TempDir()
        let out = dir.path("out")
        var args = Self.arguments(out: out, binance: "ws://127.0.0.1:\(steady.port)/steady", bybit: "ws://127.0.0.1:\(port)/steady")
        args += ["--breaker-after", "3", "--breaker-cooldown", "1s"]
        let record = try LiveProcess(args, in: dir, name: "record")
        let opened = liveWait(timeout: 60) { record.stderr.contains("bybit: circuit open after 3 failed attempts") }
        #expect(opened, "stderr: \(record.stderr)")
        #expect(record.stderr.contains("not dialling ws://127.0.0.1:\(port)/steady for 1 s"))
        // The exchange comes back on the same port.
        let recovered = try FaultServer(port: port)
        defer { recovered.shutdown() }
        let up = liveWait(timeout: 60) {
            liveRecords(inDirectory: out).contains { $0.stream == "bybit-linear" && $0.kind == .text }
        }
        #expect(up, "stderr: \(record.stderr)")
        #expect(record.stop() == 0)
        #expect(record.stderr.contains("bybit: circuit closed, connected to ws://127.0.0.1:\(port)/steady"))

        let bybit = liveRecords(inDirectory: out).filter { $0.stream == "bybit-linear" }
        // Nothing was ever received before the first connect: the capture says data is missing from the start.
        #expect(bybit.first?.kind == .gap)
        #expect(bybit.first?.text.lowercased().contains("refused") == true, "\(bybit.first?.text ?? "")")
        #expect(bybit.dropFirst().first?.kind == .connect)
        let binance = liveRecords(inDirectory: out).filter { $0.stream == "binance-usdm" }
        #expect(binance.filter { $0.kind == .connect }.count == 1)
        #expect(binance.filter { $0.kind == .text }.count > 0)
    }
}

/// The recorder's files under hostile conditions: killed, out of space, nowhere to write,
/// rotated. Traffic comes from `serve --speed max --loop` over the real capture.
@Suite("record files: kill -9, full disk, rotation", .serialized)
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
        // The kill moments and the recorders' jitter come from one seed, printed so a failing
        // run can be replayed: LIQSIM_TEST_SEED=<seed> swift test --filter killNine.
        let seed = ProcessInfo.processInfo.environment["LIQSIM_TEST_SEED"].flatMap { UInt64($0) } ?? SeededRandom.fromSystem().seed
        print("RecordCrashTests.killNine: seed \(seed) (replay with LIQSIM_TEST_SEED=\(seed))")
        var random = SeededRandom(seed: seed)
        var seen: Set<String> = []
        for round in 1...5 {
            let args = Self.recordArguments(serve, out: out) + ["--seed", String(random.next())]
            let record = try LiveProcess(args, in: dir, name: "record\(round)")
            // Wait until this run's file holds flushed frames (written while the recorder runs).
            let flushed = liveWait(timeout: 60) {
                liveCaptureFiles(out).contains { !seen.contains($0) && Self.dataRecords($0) > 0 }
            }
            #expect(flushed, "round \(round): \(record.stderr)")
            usleep(UInt32(random.next(below: 700_001)))   // the random moment
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
        // The failed block is cut off, then the index and footer are written into the room it
        // left. When that block was smaller than the index (blocks are cut by time, so their
        // size follows the machine's load), the index write fails too and is cut off as well:
        // the file then ends like a killed recorder's, at a whole block, and reads by scanning.
        #expect(check.stdout.contains("index:   present") || check.stdout.contains("index:   missing"), "\(check.stdout)")
        #expect(!check.stdout.contains("TRUNCATED") && !check.stdout.contains("DAMAGE"), "\(check.stdout)")
        #expect(Self.dataRecords(file) > 0)
        #expect(serve.process.stop() == 0)
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

/// The one-line status of `record` on a terminal (tmux), and its absence when piped.
@Suite("record status line")
struct RecordStatusLineTests {
    @Test("on a terminal: per exchange state, frames/s, last-frame age, file size; erased for the summary on Ctrl-C")
    func statusOnTerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: DashboardTmuxTests.tmux) else {
            print("note: \(DashboardTmuxTests.tmux) not installed; record status line check skipped")
            return
        }
        let server = try FaultServer()
        defer { server.shutdown() }
        let dir = try TempDir()
        let steady = "ws://127.0.0.1:\(server.port)/steady"
        var args = [CLI.executable.path, "record", "--symbols", "BTCUSDT", "--out", dir.path("out"), "--rest-interval", "off"]
        for s in ["binance-usdm", "bybit-linear", "okx-swap"] { args += ["--endpoint", "\(s)=\(steady)", "--endpoint", "\(s)-rest=http://127.0.0.1:1"] }
        let socket = dir.path("tmux.sock")
        defer { DashboardTmuxTests.stop(socket: socket) }
        let command = args.map { "'\($0)'" }.joined(separator: " ") + "; exec sleep 60"
        let started = try DashboardTmuxTests.run(["-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", "dash", "-x", "160", "-y", "12", command])
        #expect(started.status == 0, "tmux: \(started.output)")
        guard started.status == 0 else { return }
        func pane() -> [String] {
            ((try? DashboardTmuxTests.run(["-S", socket, "capture-pane", "-p", "-t", "dash"]))?.output ?? "")
                .split(separator: "\n").map(String.init)
        }
        func isStatus(_ l: String) -> Bool {
            l.hasPrefix("binance up ") && l.contains("/s ") && l.contains(" | bybit up ") && l.contains(" | okx up ") && l.contains(" | file ")
        }
        var screen: [String] = []
        let shown = liveWait(timeout: 60) {
            screen = pane()
            return screen.contains(where: isStatus)
        }
        #expect(shown, "pane:\n\(screen.joined(separator: "\n"))")
        #expect(screen.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count == 1, "one line, redrawn in place:\n\(screen.joined(separator: "\n"))")
        _ = try DashboardTmuxTests.run(["-S", socket, "send-keys", "-t", "dash", "C-c"])
        let summary = liveWait(timeout: 60) {
            screen = pane()
            return screen.contains { $0.hasPrefix("liqsim record: interrupted by SIGINT;") }
        }
        #expect(summary, "pane:\n\(screen.joined(separator: "\n"))")
        #expect(!screen.contains(where: isStatus), "the status line is erased before the summary")
    }
}

/// `wss://` and `https://` as against the real exchanges: certificate verification on,
/// a loopback server with a certificate made for the test, trusted through `--ca-file`.
@Suite("record over TLS", .serialized)
struct RecordTLSTests {
    /// A self-signed certificate for localhost/127.0.0.1 (openssl CLI); nil when openssl is missing.
    static func certificate(in dir: TempDir) throws -> (certificate: String, key: String)? {
        let openssl = "/usr/bin/openssl"
        guard FileManager.default.isExecutableFile(atPath: openssl) else { return nil }
        let cert = dir.path("cert.pem"), key = dir.path("key.pem")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: openssl)
        p.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                       "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? (cert, key) : nil
    }

    @Test("wss and https with a trusted certificate record frames and REST; without it the handshake is refused")
    func tls() throws {
        let dir = try TempDir()
        guard let pem = try Self.certificate(in: dir) else {
            print("RecordTLSTests: skipped: /usr/bin/openssl is not installed")
            return
        }
        let server = try FaultServer(tls: pem)
        defer { server.shutdown() }
        let base = ["record", "--exchanges", "binance", "--symbols", "BTCUSDT", "--rest-interval", "1s",
                    "--endpoint", "binance-usdm=wss://localhost:\(server.port)/steady",
                    "--endpoint", "binance-usdm-rest=https://localhost:\(server.port)"]
        let out = dir.path("out")
        let record = try LiveProcess(base + ["--out", out, "--ca-file", pem.certificate], in: dir, name: "trusted")
        let got = liveWait(timeout: 60) {
            let r = liveRecords(inDirectory: out)
            return r.filter { $0.kind == .text }.count >= 3 && r.contains { $0.kind == .rest && $0.aux == 200 }
        }
        #expect(got, "\(record.stderr)")
        #expect(record.stop() == 0)
        let records = liveRecords(inDirectory: out)
        #expect(records.first { $0.kind == .connect }?.text.hasPrefix("wss://localhost:\(server.port)/steady/market/stream?streams=") == true)
        #expect(records.first { $0.kind == .text }?.text == FaultServer.binanceFrame(1))
        let rest = records.first { $0.kind == .rest && $0.aux == 200 }
        #expect(rest?.url.hasPrefix("https://localhost:\(server.port)/") == true)
        #expect(rest?.body == Array(#"{"ok":true}"#.utf8))

        // Certificates are verified: the same server without --ca-file is refused.
        let untrustedOut = dir.path("untrusted")
        let untrusted = try LiveProcess(base + ["--out", untrustedOut, "--breaker-after", "1", "--breaker-cooldown", "1m"], in: dir, name: "untrusted")
        #expect(liveWait(timeout: 60) { untrusted.stderr.contains("binance: circuit open after 1 failed attempts") }, "\(untrusted.stderr)")
        #expect(untrusted.stop() == 0)
        #expect(!liveRecords(inDirectory: untrustedOut).contains { $0.kind == .connect || $0.kind == .text })
    }
}

/// `record --live` against `serve`: the pipeline's lines as they arrive.
@Suite("record --live")
struct RecordLiveTests {
    @Test("record --live prints what replay --format log prints for the capture it wrote")
    func liveMatchesReplay() throws {
        let dir = try TempDir()
        let serve = try LiveServe([liveRealCapture], in: dir)
        let out = dir.path("out")
        let record = try LiveProcess(["record", "--symbols", LiveFrameTopics.symbols.joined(separator: ","), "--out", out,
                                      "--rest-interval", "off", "--live"] + serve.endpointArguments, in: dir, name: "record")
        // Five liquidations in the real capture reach these subscriptions (Binance ×4, OKX ×1).
        #expect(liveWait(timeout: 90) { record.stdout.split(separator: "\n").count >= 5 }, "\(record.stderr)")
        #expect(liveWait(timeout: 90) {
            liveRecords(inDirectory: out).filter { $0.kind == .text && LiveFrameTopics.classify($0.stream, $0.text) == .data }.count
                >= ServeRecordRoundTripTests.expectedFrames().values.reduce(0) { $0 + $1.count }
        })
        #expect(record.stop() == 0)
        let live = record.stdout
        #expect(live.contains("20261007 | 16:38:02 UTC | binance-usdm | ILVUSDT | LONG  | 116.5 | $449.27\n"))
        let replay = try CLI.run(["replay", out, "--format", "log"])
        #expect(replay.status == 0)
        #expect(replay.stdout == live)
        #expect(serve.process.stop() == 0)
    }
}
