import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

// `liqsim serve` on the wire, as real clients use it: several requests on one kept-alive
// connection, refused upgrades, REST queries the capture can and cannot answer, Binance's
// per-connection envelopes. A real process over loopback (this file waits in real time).

/// A small three-venue capture: two Bybit instruments-info records (per symbol, as
/// `record` fetches them), OKX SWAP instruments, and a few frames per venue.
enum ServeWireCapture {
    static let start: Int64 = 1_786_171_884_000_000_000
    static let binanceTrade = #"{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1786171884471,"a":1,"s":"BTCUSDT","p":"64990.90","q":"0.002","f":1,"l":1,"T":1786171884471,"m":true}}"#
    static let binanceLiquidation = #"{"stream":"!forceOrder@arr","data":{"e":"forceOrder","E":1786171885124,"o":{"s":"BTCUSDT","S":"SELL","o":"LIMIT","f":"IOC","q":"0.5","p":"64000.00","ap":"64100.00","X":"FILLED","l":"0.2","z":"0.5","T":1786171885119,"ps":"BTCUSDT","st":1}}}"#
    static let bybitTrade = #"{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1786171884500,"data":[{"T":1786171884499,"s":"BTCUSDT","S":"Buy","v":"0.010","p":"64991.00","L":"PlusTick","i":"t1","BT":false}]}"#

    static func bybitInstrument(_ symbol: String) -> String {
        #"{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":""# + symbol + #"","status":"Trading"}],"nextPageCursor":""},"retExtInfo":{},"time":1786171884000}"#
    }

    static func write(in dir: TempDir) throws -> String {
        let path = dir.path("wire.lqc.zst")
        let header = CaptureHeader(source: "test", createdNs: start, streams: [.init(id: "binance-usdm"), .init(id: "bybit-linear"), .init(id: "okx-swap")])
        let w = try CaptureWriter(path: path, header: header)
        let t = UnixNanos(start)
        try w.appendREST(streamIndex: 1, recv: t, status: 200, url: "https://api.bybit.com/v5/market/instruments-info?category=linear&symbol=BTCUSDT", body: bybitInstrument("BTCUSDT"))
        try w.appendREST(streamIndex: 1, recv: t, status: 200, url: "https://api.bybit.com/v5/market/instruments-info?category=linear&symbol=ETHUSDT", body: bybitInstrument("ETHUSDT"))
        try w.appendREST(streamIndex: 2, recv: t, status: 200, url: "https://www.okx.com/api/v5/public/instruments?instType=SWAP", body: #"{"code":"0","data":[{"instId":"BTC-USDT-SWAP","ctVal":"0.01"}],"msg":""}"#)
        try w.append(kind: .text, streamIndex: 0, recv: t.advanced(by: .milliseconds(500)), text: binanceTrade)
        try w.append(kind: .text, streamIndex: 1, recv: t.advanced(by: .milliseconds(600)), text: bybitTrade)
        try w.append(kind: .text, streamIndex: 0, recv: t.advanced(by: .milliseconds(1200)), text: binanceLiquidation)
        try w.close()
        return path
    }
}

extension LiveServe {
    var port: Int { Int(url("binance-usdm")?.split(separator: ":").last?.split(separator: "/").first ?? "") ?? 0 }
}

@Suite("serve on the wire", .serialized)
struct ServeWireSmokeTests {
    @Test("a WebSocket upgrade on a kept-alive REST connection switches protocols; a refused one is answered and closed")
    func upgradeOnKeptAliveConnection() throws {
        let dir = try TempDir()
        let serve = try LiveServe([try ServeWireCapture.write(in: dir)], in: dir)
        let socket = try #require(LiveSocket(port: serve.port))
        socket.send("GET /okx-swap/api/v5/public/instruments?instType=SWAP HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let rest = try #require(socket.httpResponse())
        #expect(rest.status == 200)
        #expect(rest.body == #"{"code":"0","data":[{"instId":"BTC-USDT-SWAP","ctVal":"0.01"}],"msg":""}"#)
        socket.send(LiveSocket.upgradeRequest("/okx-swap/ws/v5/public"))
        let switched = try #require(socket.httpResponse())
        #expect(switched.status == 101)
        #expect(switched.head.lowercased().contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo="))
        socket.send(LiveSocket.textFrame("ping"))
        #expect(socket.texts(1) == ["pong"])

        // Unknown path: the same helpful 404 as REST, then the connection closes.
        let refused = try #require(LiveSocket(port: serve.port))
        refused.send("GET /binance-usdm/fapi/v1/exchangeInfo HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(refused.httpResponse()?.status == 200)
        refused.send(LiveSocket.upgradeRequest("/kraken/ws"))
        let notFound = try #require(refused.httpResponse())
        #expect(notFound.status == 404)
        #expect(notFound.body.contains("liqsim serve: no stream at /kraken/ws; served: /binance-usdm, /bybit-linear, /okx-swap"))
        #expect(refused.closed())
        // A served path with a broken upgrade request (no key): 400 and closed, never silence.
        let broken = try #require(LiveSocket(port: serve.port))
        broken.send("GET /bybit-linear HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
        #expect(broken.httpResponse()?.status == 400)
        #expect(broken.closed())
        #expect(serve.process.stop() == 0)
    }

    @Test("REST answers only what the capture answers: per-symbol lists unioned, other queries the venue's empty list with a stderr line")
    func restFidelity() throws {
        let dir = try TempDir()
        let serve = try LiveServe([try ServeWireCapture.write(in: dir)], in: dir)
        let socket = try #require(LiveSocket(port: serve.port))
        func get(_ path: String) -> (status: Int, head: String, body: String)? {
            socket.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            return socket.httpResponse()
        }
        // Exact query, and parameters in another order.
        #expect(get("/bybit-linear/v5/market/instruments-info?symbol=ETHUSDT&category=linear")?.body == ServeWireCapture.bybitInstrument("ETHUSDT"))
        // The whole category (ccxt, with a page size; cryptofeed, with status=Trading): the union of the records.
        let union = #"{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"BTCUSDT","status":"Trading"},{"symbol":"ETHUSDT","status":"Trading"}],"nextPageCursor":""},"retExtInfo":{},"time":1786171884000}"#
        #expect(get("/bybit-linear/v5/market/instruments-info?category=linear&limit=1000")?.body == union)
        #expect(get("/bybit-linear/v5/market/instruments-info?&category=linear&status=Trading&limit=1000")?.body == union)
        // Queries the capture cannot answer: the venue's empty list, never another query's data.
        #expect(get("/bybit-linear/v5/market/instruments-info?category=spot&limit=1000")?.body
                == #"{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[],"nextPageCursor":""},"retExtInfo":{},"time":1786171884000}"#)
        #expect(get("/bybit-linear/v5/market/instruments-info?category=linear&symbol=SOLUSDT")?.body.contains(#""list":[]"#) == true)
        #expect(get("/okx-swap/api/v5/public/instruments?instType=SPOT")?.body == #"{"code":"0","data":[],"msg":""}"#)
        #expect(get("/okx-swap/api/v5/public/underlying?instType=OPTION")?.body == #"{"code":"0","data":[],"msg":""}"#)
        #expect(get("/binance-usdm/fapi/v1/openInterest?symbol=BTCUSDT")?.body == "[]")
        #expect(get("/nowhere")?.status == 404)
        #expect(serve.process.stop() == 0)
        let stderr = serve.process.stderr
        #expect(stderr.contains("liqsim serve: okx-swap: no recorded response for /api/v5/public/instruments?instType=SPOT; answered with an empty list"))
        #expect(stderr.contains("liqsim serve: bybit-linear: no recorded response for /v5/market/instruments-info?category=spot&limit=1000; answered with an empty list"))
    }

    @Test("Binance envelopes per connection: bare on /ws/<stream>, combined with the subscriber's own stream name on /stream")
    func binanceEnvelopes() throws {
        let dir = try TempDir()
        let serve = try LiveServe([try ServeWireCapture.write(in: dir)], in: dir, speed: "1x")
        let raw = try #require(LiveSocket(port: serve.port))
        raw.send(LiveSocket.upgradeRequest("/binance-usdm/ws/btcusdt@aggTrade"))
        #expect(raw.httpResponse()?.status == 101)
        let combined = try #require(LiveSocket(port: serve.port))
        combined.send(LiveSocket.upgradeRequest("/binance-usdm/stream"))
        #expect(combined.httpResponse()?.status == 101)
        combined.send(LiveSocket.textFrame(#"{"method":"SUBSCRIBE","params":["btcusdt@forceOrder","btcusdt@aggTrade","ethusdt@bookTicker"],"id":7}"#))
        let ws = try #require(LiveSocket(port: serve.port))
        ws.send(LiveSocket.upgradeRequest("/binance-usdm/market/ws"))
        #expect(ws.httpResponse()?.status == 101)
        ws.send(LiveSocket.textFrame(#"{"method":"SUBSCRIBE","params":["!forceOrder@arr"],"id":"abc"}"#))

        let bare = ServeWireCapture.binanceTrade.dropFirst(#"{"stream":"btcusdt@aggTrade","data":"#.count).dropLast()
        #expect(raw.texts(1) == [String(bare)])
        let liquidation = String(ServeWireCapture.binanceLiquidation.dropFirst(#"{"stream":"!forceOrder@arr","data":"#.count).dropLast())
        #expect(combined.texts(3) == [#"{"result":null,"id":7}"#, ServeWireCapture.binanceTrade, #"{"stream":"btcusdt@forceOrder","data":"# + liquidation + "}"])
        #expect(ws.texts(2) == [#"{"result":null,"id":"abc"}"#, liquidation])
        #expect(serve.process.stop() == 0)
        // A subscribed topic the capture has no frame of is named on stderr.
        #expect(serve.process.stderr.contains("liqsim serve: binance-usdm: the capture holds no frames of ethusdt@bookTicker (subscribed; they stay silent)"))
    }

    @Test("--tls serves https and wss with a certificate made at start; --tls-cert/--tls-key serve given files")
    func tls() throws {
        let dir = try TempDir()
        guard let python = LivePython.interpreter(requiring: "websockets") else {
            Issue.record("python3 with `websockets` is needed (make deps / .ci/run install python3-websockets)")
            return
        }
        let capture = try ServeWireCapture.write(in: dir)
        let serve = try LiveProcess(["serve", capture, "--listen", "127.0.0.1:0", "--speed", "max", "--tls"], in: dir, name: "tls")
        #expect(liveWait(timeout: 60) { serve.stdout.hasSuffix("\n") && serve.stderr.contains("cert.pem") })
        let lines = serve.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("okx-swap=wss://127.0.0.1:") } && lines.contains { $0.hasPrefix("okx-swap-rest=https://127.0.0.1:") })
        let cert = try #require(serve.stderr.components(separatedBy: "TLS certificate (CA file for clients): ").last?.split(separator: "\n").first.map(String.init))
        let rest = try #require(lines.first { $0.hasPrefix("okx-swap-rest=") }?.dropFirst("okx-swap-rest=".count))
        let ws = try #require(lines.first { $0.hasPrefix("okx-swap=") }?.dropFirst("okx-swap=".count))
        // The certificate verifies for 127.0.0.1 (no verification switched off anywhere).
        let script = """
            import asyncio, ssl, sys, urllib.request, websockets
            ctx = ssl.create_default_context(cafile=sys.argv[1])
            print(urllib.request.urlopen(sys.argv[2] + "/api/v5/public/instruments?instType=SWAP", context=ctx).read().decode())
            async def main():
                async with websockets.connect(sys.argv[3] + "/ws/v5/public", ssl=ctx) as w:
                    await w.send("ping")
                    print(await asyncio.wait_for(w.recv(), 30))
            asyncio.run(main())
            """
        func run(_ args: [String]) throws -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: python)
            p.arguments = ["-c", script] + args
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let (status, out) = try run([cert, String(rest), String(ws)])
        #expect(status == 0)
        #expect(out == #"{"code":"0","data":[{"instId":"BTC-USDT-SWAP","ctVal":"0.01"}],"msg":""}"# + "\npong\n")
        // Without the CA file the handshake is refused.
        #expect(try run(["/dev/null", String(rest), String(ws)]).0 != 0)
        // Copies of the generated pair, for serving the caller's own files below.
        let myCert = dir.path("my-cert.pem"), myKey = dir.path("my-key.pem")
        try FileManager.default.copyItem(atPath: cert, toPath: myCert)
        try FileManager.default.copyItem(atPath: URL(fileURLWithPath: cert).deletingLastPathComponent().appendingPathComponent("key.pem").path, toPath: myKey)
        #expect(serve.stop() == 0)
        // Serve's own certificate directory goes when it stops.
        #expect(!FileManager.default.fileExists(atPath: cert))
        // The caller's own certificate and key.
        let own = try LiveProcess(["serve", capture, "--listen", "127.0.0.1:0", "--speed", "max", "--tls-cert", myCert, "--tls-key", myKey], in: dir, name: "own")
        #expect(liveWait(timeout: 60) { own.stdout.hasSuffix("\n") })
        let ownLines = own.stdout.split(separator: "\n").map(String.init)
        let ownRest = try #require(ownLines.first { $0.hasPrefix("okx-swap-rest=https://") }?.dropFirst("okx-swap-rest=".count))
        let ownWS = try #require(ownLines.first { $0.hasPrefix("okx-swap=wss://") }?.dropFirst("okx-swap=".count))
        #expect(try run([myCert, String(ownRest), String(ownWS)]).0 == 0)
        #expect(own.stop() == 0)
        // A missing key file is an input error naming the files.
        let bad = try LiveProcess(["serve", capture, "--listen", "127.0.0.1:0", "--tls-cert", dir.path("nope-cert.pem"), "--tls-key", dir.path("nope.pem")], in: dir, name: "bad")
        #expect(bad.waitForExit() == 2)
        #expect(bad.stderr.contains("nope-cert.pem, \(dir.path("nope.pem")): cannot load the TLS certificate and key"))
    }

    @Test("`capture cat` into a closed pipe ends with exit 1, not a crash")
    func catIntoClosedPipe() throws {
        let dir = try TempDir()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "set -o pipefail; '\(CLI.executable.path)' capture cat '\(liveRealCapture)' | head -1 >/dev/null"]
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        _ = dir
    }
}
