import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

// `liqsim serve` under hostile clients: huge subscribe messages, descriptor exhaustion, a
// client that never reads. A real process over loopback (this file waits in real time;
// every loop is bounded).

/// CPU time (user + system, clock ticks) and resident memory (KiB) of a process.
func liveProcessUsage(_ pid: Int32) -> (ticks: Int, rssKiB: Int)? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
    guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
    let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return (user + system, rss)
}

@Suite("serve under hostile clients", .serialized)
struct ServeLimitsSmokeTests {
    @Test("huge subscribe messages get an error frame or close 1009; the per-connection cap holds; other clients are not held up")
    func hugeSubscribes() throws {
        let dir = try TempDir()
        let serve = try LiveServe([try ServeWireCapture.write(in: dir)], in: dir)
        let flood = try #require(LiveSocket(port: serve.port))
        flood.send(LiveSocket.upgradeRequest("/bybit-linear"))
        #expect(flood.httpResponse()?.status == 101)
        let many = (0..<20_000).map { "\"t\($0)\"" }.joined(separator: ",")
        flood.send(LiveSocket.textFrame(#"{"op":"subscribe","req_id":42,"args":["# + many + "]}"))
        #expect(flood.texts(1) == [#"{"success":false,"ret_msg":"liqsim serve: 20000 topics in one request; at most 500","conn_id":"liqsim-1","req_id":42,"op":"subscribe"}"#])
        // Per connection: 3 × 400 topics; the third request would pass 1024.
        for n in 0..<3 {
            let args = (0..<400).map { "\"c\(n)-\($0)\"" }.joined(separator: ",")
            flood.send(LiveSocket.textFrame(#"{"op":"subscribe","args":["# + args + "]}"))
        }
        let acks = flood.texts(3)
        #expect(acks.count == 3)
        #expect(acks.prefix(2).allSatisfy { $0.hasPrefix(#"{"success":true"#) })
        #expect(acks.last == #"{"success":false,"ret_msg":"liqsim serve: 1200 topics on one connection; at most 1024","conn_id":"liqsim-1","req_id":"","op":"subscribe"}"#)
        // Over the message size cap (256 KiB): close 1009.
        let big = try #require(LiveSocket(port: serve.port))
        big.send(LiveSocket.upgradeRequest("/okx-swap"))
        #expect(big.httpResponse()?.status == 101)
        big.send(LiveSocket.textFrame(#"{"op":"subscribe","args":[""# + String(repeating: "x", count: 300_000) + #""]}"#))
        #expect(big.closed())
        // Serve is not held up: a new client gets its data at once.
        let calm = try #require(LiveSocket(port: serve.port))
        calm.send(LiveSocket.upgradeRequest("/binance-usdm/ws/btcusdt@aggTrade"))
        #expect(calm.httpResponse()?.status == 101)
        #expect(calm.texts(1, timeout: 10).count == 1)
        #expect(serve.process.stop() == 0)
        #expect(serve.process.stderr.contains("message over 262144 bytes; closing (1009)"))
    }

    @Test("handshake and idle timeouts close silent connections; a client that answers pings stays")
    func timeouts() throws {
        let dir = try TempDir()
        let capture = try ServeWireCapture.write(in: dir)
        let process = try LiveProcess(["serve", capture, "--listen", "127.0.0.1:0", "--speed", "max", "--handshake-timeout", "1s", "--idle-timeout", "1500ms"],
                                      in: dir, name: "serve")
        #expect(liveWait(timeout: 60) { process.stdout.hasSuffix("\n") })
        let port = Int(process.stdout.split(separator: "\n").first?.split(separator: ":").last?.split(separator: "/").first ?? "") ?? 0
        let silent = try #require(LiveSocket(port: port))          // never sends a request
        let halfway = try #require(LiveSocket(port: port))         // a request head that never ends
        halfway.send("GET /okx-swap/x HTTP/1.1\r\nHost: x\r\n")
        let idle = try #require(LiveSocket(port: port))            // a WebSocket client deaf to pings
        idle.send(LiveSocket.upgradeRequest("/okx-swap"))
        #expect(idle.httpResponse()?.status == 101)
        #expect(silent.closed(timeout: 20) && halfway.closed(timeout: 20))
        #expect(idle.closed(timeout: 20))
        #expect(idle.frames().contains { $0.opcode == 0x8 && Array($0.payload.prefix(2)) == [0x03, 0xE9] })   // close 1001
        let alive = try #require(LiveSocket(port: port))           // answers every ping
        alive.send(LiveSocket.upgradeRequest("/bybit-linear"))
        #expect(alive.httpResponse()?.status == 101)
        // Pongs count as being heard from: over 3 s (two idle timeouts), the connection stays.
        let deadline = Date().addingTimeInterval(3)
        var pings = 0
        while Date() < deadline {
            _ = alive.read(timeout: 0.2) { _ in false }
            for f in alive.frames() where f.opcode == 0x9 {
                pings += 1
                alive.send([0x8A, 0x80, 0, 0, 0, 0])   // masked empty pong
            }
        }
        #expect(pings >= 2)
        alive.send(LiveSocket.textFrame(#"{"op":"ping"}"#))
        #expect(alive.texts(1).first?.contains(#""ret_msg":"pong""#) == true, "\(process.stderr)")
        #expect(process.stop() == 0)
    }

    @Test("at its descriptor limit serve stops accepting instead of spinning, and accepts again once connections close")
    func descriptorExhaustion() throws {
        let dir = try TempDir()
        let capture = try ServeWireCapture.write(in: dir)
        let process = try LiveProcess(["serve", capture, "--listen", "127.0.0.1:0", "--speed", "max"], in: dir, name: "serve", shell: "ulimit -n 48;")
        #expect(liveWait(timeout: 60) { process.stdout.hasSuffix("\n") })
        let port = Int(process.stdout.split(separator: "\n").first?.split(separator: ":").last?.split(separator: "/").first ?? "") ?? 0
        // Far more connections than serve has descriptors: the rest wait in the backlog.
        var sockets: [LiveSocket] = []
        for _ in 0..<80 { if let s = LiveSocket(port: port) { sockets.append(s) } }
        #expect(liveWait(timeout: 30) { process.stderr.contains("connections open, the most the descriptor limit allows; new ones wait in the backlog") }, "\(process.stderr)")
        let before = try #require(liveProcessUsage(process.process.processIdentifier))
        usleep(2_000_000)
        let after = try #require(liveProcessUsage(process.process.processIdentifier))
        // A busy loop burns ~100–200 ticks in 2 s (before: 86–98% of a core); waiting costs none.
        #expect(after.ticks - before.ticks < 40, "serve used \(after.ticks - before.ticks) ticks in 2 s while out of descriptors")
        sockets.removeAll()
        let client = try #require(LiveSocket(port: port))
        client.send("GET /okx-swap/api/v5/public/instruments?instType=SWAP HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.httpResponse(timeout: 30)?.status == 200)
        #expect(process.stop() == 0)
    }

    @Test("a client that never reads is paused, then dropped with a close frame; the others get every frame and serve's memory stays bounded")
    func clientThatNeverReads() throws {
        let dir = try TempDir()
        let path = dir.path("flood.lqc.zst")
        let writer = try CaptureWriter(path: path, header: CaptureHeader(source: "test", createdNs: ServeWireCapture.start, streams: [.init(id: "bybit-linear")]))
        let filler = String(repeating: "x", count: 1000)
        let frames = 20_000
        for n in 0..<frames {
            try writer.append(kind: .text, streamIndex: 0, recv: UnixNanos(ServeWireCapture.start).advanced(by: .milliseconds(n * 10)),
                              text: #"{"topic":"publicTrade.BTCUSDT","n":\#(n),"pad":"\#(filler)"}"#)
        }
        try writer.close()
        let process = try LiveProcess(["serve", path, "--listen", "127.0.0.1:0", "--speed", "100x", "--slow-client-timeout", "1s"], in: dir, name: "serve")
        #expect(liveWait(timeout: 60) { process.stdout.hasSuffix("\n") })
        let port = Int(process.stdout.split(separator: "\n").first?.split(separator: ":").last?.split(separator: "/").first ?? "") ?? 0
        let stuck = try #require(LiveSocket(port: port, receiveBuffer: 4096))
        stuck.send(LiveSocket.upgradeRequest("/bybit-linear"))
        #expect(stuck.read(timeout: 30) { LiveSocket.responseLength($0) != nil })
        stuck.send(LiveSocket.textFrame(#"{"op":"subscribe","args":["publicTrade.BTCUSDT"]}"#))
        let reader = try #require(LiveSocket(port: port))
        reader.send(LiveSocket.upgradeRequest("/bybit-linear"))
        #expect(reader.httpResponse()?.status == 101)
        reader.send(LiveSocket.textFrame(#"{"op":"subscribe","args":["publicTrade.BTCUSDT"]}"#))
        // 20 MB at 100x: 2 s of capture time per 20 ms; the stuck client fills its buffers in well under a second.
        let got = reader.texts(frames + 1, timeout: 120)
        #expect(got.count == frames + 1)
        #expect(got.last?.hasPrefix(#"{"topic":"publicTrade.BTCUSDT","n":\#(frames - 1),"#) == true)
        #expect(process.stderr.contains("not reading, socket buffer full for 1.0 seconds; dropped (close 1008)"), "\(process.stderr)")
        let rss = liveProcessUsage(process.process.processIdentifier)?.rssKiB ?? 0
        #expect(rss < 200 << 10, "serve holds \(rss) KiB")
        #expect(stuck.closed(timeout: 30))
        #expect(process.stop() == 0)
    }
}
