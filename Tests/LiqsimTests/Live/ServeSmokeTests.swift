import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

// `liqsim serve` as a process over loopback: the serve tests that must really wait.

/// capture → `liqsim serve` → `liqsim record --endpoint …` → a new capture whose frames,
/// per stream, are the originals' bytes in the original order (Binance's in the combined
/// envelope the recorder's `/market/stream` path asks for; byte-identical when recorded so).
@Suite("serve → record round trip", .serialized)
struct ServeRecordRoundTripTests {
    /// What the original capture holds that the round-trip recorder subscribes to.
    static func expectedFrames() -> [String: [[UInt8]]] {
        var expected: [String: [[UInt8]]] = [:]
        for r in liveRecords(liveRealCapture) where r.kind == .text {
            if LiveFrameTopics.classify(r.stream, r.text) != .control && LiveFrameTopics.subscribed(r.stream, r.text) {
                // Binance frames arrive in the combined envelope the recorder's /stream path asks for.
                let bytes = r.stream == "binance-usdm" ? Array(LiveFrameTopics.binanceCombined(r.text).utf8) : r.payload
                expected[r.stream, default: []].append(bytes)
            }
        }
        return expected
    }

    /// The recorded data frames (serve's own acks and pongs left out).
    static func receivedFrames(_ records: [LiveRecord]) -> [String: [[UInt8]]] {
        var got: [String: [[UInt8]]] = [:]
        for r in records where r.kind == .text && LiveFrameTopics.classify(r.stream, r.text) != .control {
            got[r.stream, default: []].append(r.payload)
        }
        return got
    }

    @Test("every subscribed frame comes back byte-identical and in order, per stream; SIGTERM closes cleanly")
    func roundTrip() throws {
        let dir = try TempDir()
        let expected = Self.expectedFrames()
        // Enough frames per stream that order and bytes are really exercised.
        #expect(expected["binance-usdm"]?.count ?? 0 > 150)
        #expect(expected["bybit-linear"]?.count ?? 0 > 300)
        #expect(expected["okx-swap"]?.count ?? 0 >= 5)
        let serve = try LiveServe([liveRealCapture], in: dir)
        let out = dir.path("out")
        let record = try LiveProcess(["record", "--symbols", LiveFrameTopics.symbols.joined(separator: ","), "--out", out,
                                      "--rest-interval", "off"] + serve.endpointArguments, in: dir, name: "record")
        let complete = liveWait(timeout: 120) {
            let got = Self.receivedFrames(liveRecords(inDirectory: out))
            return expected.allSatisfy { got[$0.key]?.count ?? 0 >= $0.value.count }
        }
        #expect(complete, "record stderr: \(record.stderr)\nserve stderr: \(serve.process.stderr)")
        #expect(record.stop(SIGTERM) == 0, "\(record.stderr)")
        // Piped stderr: no status line, only the closing summary.
        #expect(record.stderr.hasPrefix("liqsim record: interrupted by SIGTERM; "), "\(record.stderr)")
        #expect(!record.stderr.contains("\r") && !record.stderr.contains(" up "))

        let files = liveCaptureFiles(out)
        #expect(files.count == 1)
        let reader = try CaptureReader(path: files[0])
        #expect(reader.footer != nil, "SIGTERM must leave index and footer")
        #expect(reader.header.source == "record")
        #expect(reader.header.streams.map(\.id) == ["binance-usdm", "bybit-linear", "okx-swap"])
        #expect(reader.header.streams[1].subscriptions.contains("tickers.SOLUSDT"))

        let records = liveRecords(files[0])
        let got = Self.receivedFrames(records)
        for (stream, frames) in expected {
            let received = got[stream] ?? []
            #expect(received.count == frames.count, "\(stream): \(received.count) frames, expected \(frames.count)")
            let mismatch = zip(received, frames).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            #expect(mismatch == nil, "\(stream): frame \(mismatch ?? -1) differs from the original")
        }
        // Sessions leave their traces: connect (with the URL dialled), sent subscriptions, disconnect at stop.
        let binanceConnect = records.first { $0.stream == "binance-usdm" && $0.kind == .connect }
        #expect(binanceConnect?.text.contains("/binance-usdm/market/stream?streams=!forceOrder@arr/btcusdt@aggTrade/btcusdt@markPrice@1s") == true)
        #expect(records.contains { $0.stream == "bybit-linear" && $0.kind == .sent && $0.text.hasPrefix("{\"op\":\"subscribe\",\"args\":[\"allLiquidation.BTCUSDT\"") })
        #expect(records.contains { $0.stream == "okx-swap" && $0.kind == .sent && $0.text.contains("{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"}") })
        #expect(records.filter { $0.kind == .disconnect && $0.text == "recorder stopped" }.count == 3)
        // Serve acknowledged like the exchanges do.
        #expect(records.contains { $0.stream == "bybit-linear" && $0.kind == .text && $0.text.hasPrefix("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":") })
        #expect(records.contains { $0.stream == "okx-swap" && $0.kind == .text && $0.text.hasPrefix("{\"event\":\"subscribe\",\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"}") })

        // Instruments metadata fetched at connect, served verbatim from the capture.
        let original = liveRecords(liveRealCapture).filter { $0.kind == .rest }
        for (stream, path) in [("binance-usdm", "/fapi/v1/exchangeInfo"), ("okx-swap", "/api/v5/public/instruments")] {
            let recorded = records.first { $0.kind == .rest && $0.stream == stream && $0.url.contains(path) }
            let source = original.first { $0.stream == stream && $0.url.contains(path) }
            #expect(recorded?.aux == 200 && recorded?.body == source?.body, "\(stream) \(path)")
        }
        #expect(serve.process.stop() == 0)
    }

    @Test("a Python websockets client subscribes to serve like it would to Binance and receives the right frames")
    func pythonClient() throws {
        guard let python = LivePython.interpreter() else {
            print("ServeRecordRoundTripTests.pythonClient: skipped: python3 is not installed")
            return
        }
        guard let withWebsockets = LivePython.interpreter(requiring: "websockets") else {
            Issue.record("python3 has no `websockets` package (\(python)): run `python3 -m pip install websockets` (make deps / .ci/run do)")
            return
        }
        let dir = try TempDir()
        let streams = ["dentusdt@aggTrade", "ksmusdt@aggTrade"]
        let expected = liveRecords(liveRealCapture).filter { r in
            r.kind == .text && streams.contains { r.text.hasPrefix("{\"stream\":\"\($0)\"") }
        }.map(\.text)
        #expect(expected.count == 124)
        let serve = try LiveServe([liveRealCapture], in: dir)
        let url = try #require(serve.url("binance-usdm")) + "/stream"
        let script = dir.path("client.py")
        try LivePython.binanceClient.write(toFile: script, atomically: true, encoding: .utf8)
        let run = Process()
        run.executableURL = URL(fileURLWithPath: withWebsockets)
        run.arguments = [script, url, String(expected.count)] + streams
        let out = Pipe()
        run.standardOutput = out
        run.standardError = FileHandle(forWritingAtPath: dir.path("serve.stderr"))
        try run.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "{\"result\":null,\"id\":1}")
        #expect(Array(lines.dropFirst().prefix(expected.count)) == expected)
        #expect(serve.process.stop() == 0)
    }
}

/// Finds a Python interpreter for the third-party client test.
enum LivePython {
    static func interpreter(requiring module: String? = nil) -> String? {
        for candidate in ["/usr/bin/env python3", "/usr/bin/python3", "/usr/local/bin/python3"] {
            let parts = candidate.split(separator: " ").map(String.init)
            guard FileManager.default.isExecutableFile(atPath: parts[0]) else { continue }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: parts[0])
            p.arguments = Array(parts.dropFirst()) + ["-c", module.map { "import \($0); import sys; print(sys.executable)" } ?? "import sys; print(sys.executable)"]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { continue }
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            if p.terminationStatus == 0 {
                let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if !path.isEmpty { return path }
            }
        }
        return nil
    }

    /// Connects, subscribes with Binance's SUBSCRIBE request, prints the reply and then
    /// N frames, one per line. Works with websockets 10 (Debian) through 15+.
    static let binanceClient = """
        import asyncio, json, sys
        import websockets

        async def main(url, count, streams):
            async with websockets.connect(url, max_size=None) as ws:
                await ws.send(json.dumps({"method": "SUBSCRIBE", "params": streams, "id": 1}))
                print(await asyncio.wait_for(ws.recv(), 60), flush=True)
                for _ in range(count):
                    print(await asyncio.wait_for(ws.recv(), 60), flush=True)

        asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3:]))
        """
}

/// A supervisor may send SIGTERM the moment serve prints its endpoints; serve must stop
/// cleanly (exit 0) every time, not die of the signal (its handler not yet installed) nor
/// ignore it (the signal lost while a dispatch source was still being armed: both happened
/// under load before `SignalWatch` caught signals from the moment it returned).
@Suite("serve and an immediate SIGTERM", .serialized)
struct ServeImmediateSignalTests {
    @Test func aSIGTERMRightAfterTheEndpointsStopsServeCleanly() throws {
        for attempt in 0..<20 {
            let dir = try TempDir()
            let serve = try LiveServe([liveRealCapture], in: dir)
            try #require(!serve.lines.isEmpty, "attempt \(attempt): \(serve.process.stderr)")
            #expect(serve.process.stop(SIGTERM, timeout: 30) == 0, "attempt \(attempt): \(serve.process.stderr)")
        }
    }
}
