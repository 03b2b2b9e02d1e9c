import Foundation
import Testing
import LiqsimCapture
import LiqsimCore
import NIOCore
import NIOEmbedded
import NIOWebSocket
@testable import LiqsimLive

/// `serve`'s pacing on a manual clock: a subscribed client on an `EmbeddedChannel`
/// receives each recorded frame when its capture offset / speed has passed, not before.
@Suite("serve pacing on a manual clock")
struct ServeFeedTests {
    static let start: Int64 = 1_786_171_884_000_000_000

    /// A Bybit capture of ticker frames at the given offsets.
    static func capture(_ offsets: [Duration], in dir: TempDir) throws -> String {
        let path = dir.path("feed.lqc.zst")
        let header = CaptureHeader(source: "test", createdNs: start, streams: [.init(id: "bybit-linear")])
        let writer = try CaptureWriter(path: path, header: header)
        for (n, offset) in offsets.enumerated() {
            try writer.append(kind: .text, streamIndex: 0, recv: UnixNanos(start).advanced(by: offset),
                              text: "{\"topic\":\"tickers.BTCUSDT\",\"n\":\(n)}")
        }
        try writer.close()
        return path
    }

    /// Server frames are unmasked: FIN + opcode, length (7-bit or 16-bit here), payload.
    static func texts(_ channel: EmbeddedChannel) throws -> [String] {
        var bytes: [UInt8] = []
        while var b = try channel.readOutbound(as: ByteBuffer.self) { bytes += b.readBytes(length: b.readableBytes) ?? [] }
        var texts: [String] = [], i = 0
        while i + 2 <= bytes.count {
            var n = Int(bytes[i + 1] & 0x7F), at = i + 2
            if n == 126 { n = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]); at = i + 4 }
            texts.append(String(decoding: bytes[at..<at + n], as: UTF8.self))
            i = at + n
        }
        return texts
    }

    @Test("at 2x, frames 0 s, 1 s and 3 s into the capture are due 0, 0.5 and 1.5 s after the first subscription; the first leaves once subscriptions settle")
    func pacedAtSpeed() throws {
        let time = ManualTime()
        let dir = try TempDir()
        let path = try Self.capture([.zero, .seconds(1), .seconds(3)], in: dir)
        var options = ServeOptions(paths: [path], host: "127.0.0.1", port: 0)
        options.speed = .factor(2)
        let errors = open(dir.path("stderr"), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(errors) }
        let hub = try ServeHub(options: options, streams: [.bybitLinear], captureStart: UnixNanos(Self.start),
                               loop: time.loop, time: time, errorOutput: errors)
        let channel = EmbeddedChannel(loop: time.loop)
        try channel.pipeline.syncOperations.addHandler(WebSocketFrameEncoder())
        try channel.pipeline.syncOperations.addHandler(hub.client(for: "/bybit-linear", stream: .bybitLinear))
        try channel.writeInbound(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: "{\"op\":\"subscribe\",\"args\":[\"tickers.BTCUSDT\"]}")))
        #expect(try Self.texts(channel).first?.hasPrefix("{\"success\":true") == true)
        // The clock starts at the subscription; the stream once subscriptions have paused for
        // 250 ms, and the frame that fell due meanwhile follows at once.
        #expect(hub.pacing.isRunning)
        let origin = try #require(hub.pacing.wallStart)
        #expect(origin == time.start)
        time.advance(by: .milliseconds(249))
        #expect(try Self.texts(channel).isEmpty)
        time.advance(by: .milliseconds(2))
        #expect(try Self.texts(channel) == ["{\"topic\":\"tickers.BTCUSDT\",\"n\":0}"])
        time.advance(to: origin.advanced(by: .nanoseconds(499_999_999)))
        #expect(try Self.texts(channel).isEmpty)
        time.advance(by: .nanoseconds(1))
        #expect(try Self.texts(channel) == ["{\"topic\":\"tickers.BTCUSDT\",\"n\":1}"])
        #expect(hub.pacing.position == UnixNanos(Self.start).advanced(by: .seconds(1)))
        time.advance(to: origin.advanced(by: .milliseconds(1499)))
        #expect(try Self.texts(channel).isEmpty)
        time.advance(by: .milliseconds(1))
        #expect(try Self.texts(channel) == ["{\"topic\":\"tickers.BTCUSDT\",\"n\":2}"])
        time.advance(by: .milliseconds(1))
        #expect(hub.feeds[.bybitLinear]?.state == .finished)
        #expect((try? String(contentsOfFile: dir.path("stderr"), encoding: .utf8))
                == "liqsim serve: bybit-linear: end of capture, 3 frames sent; still serving (Ctrl-C to stop)\n")
    }
}
