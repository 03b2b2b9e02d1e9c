import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

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
