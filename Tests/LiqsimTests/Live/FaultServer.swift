import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// A WebSocket server on loopback that misbehaves on purpose, one behaviour per path:
///
/// - `/steady`: a Binance-shaped aggTrade frame every 20 ms, for as long as the client stays.
/// - `/faulty`: once the client has subscribed, connection 1 sends three Bybit-shaped frames, a garbage text frame, a binary
///   frame and one more frame, then closes the TCP connection without a close frame;
///   connection 2 sends two frames and then nothing (stale); connection 3 and later send one
///   frame, `"connection":3` (…), and then nothing.
/// - `/huge`: once subscribed, connection 1 sends one 20 MiB text message in 1 MiB fragments
///   (over the recorder's 16 MiB message cap), then a frame; later connections send one frame.
///
/// Frames are derived from real shapes (bybit-linear-20260809-a.jsonl, misc-2026.jsonl).
final class FaultServer: @unchecked Sendable {
    static let garbage: [UInt8] = Array("not json {\"topic\":".utf8)
    static let binary: [UInt8] = [0x00, 0xFF, 0x10, 0x80, 0x7B]

    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: (any Channel)?
    private let faultyConnections = NIOLockedValueBoxCount()
    private let hugeConnections = NIOLockedValueBoxCount()
    var port: Int { channel?.localAddress?.port ?? 0 }

    /// `tls`: PEM certificate and key files; the server then speaks `wss://` and `https://`.
    init(port: Int = 0, tls: (certificate: String, key: String)? = nil) throws {
        let counter = faultyConnections, hugeCounter = hugeConnections
        let ssl = try tls.map { t in
            try NIOSSLContext(configuration: .makeServerConfiguration(
                certificateChain: [.certificate(try NIOSSLCertificate(file: t.certificate, format: .pem))],
                privateKey: .privateKey(try NIOSSLPrivateKey(file: t.key, format: .pem))))
        }
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: 1 << 20,
            shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture(HTTPHeaders()) },
            upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    let script: FaultScript
                    if head.uri.hasPrefix("/faulty") { script = .faulty(connection: counter.next()) }
                    else if head.uri.hasPrefix("/huge") { script = .huge(connection: hugeCounter.next()) } else { script = .steady }
                    try channel.pipeline.syncOperations.addHandler(FaultHandler(script: script))
                }
            })
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let ssl { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: ssl)) }
                    let ok = PlainOK()
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [upgrader], completionHandler: { context in
                            context.pipeline.removeHandler(ok, promise: nil)
                        }))
                    try channel.pipeline.syncOperations.addHandler(ok)
                }
            }
            .bind(host: "127.0.0.1", port: port).wait()
    }

    func shutdown() {
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    static func bybitFrame(_ tag: String) -> String {
        "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":\"BTCUSDT\",\"markPrice\":\"65117.43\",\"liqsimTest\":\"\(tag)\"},\"cs\":430879416065,\"ts\":1786310818974}"
    }

    static func binanceFrame(_ n: Int) -> String {
        "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1786171884624,\"a\":\(3_404_749_954 + n),\"s\":\"BTCUSDT\",\"p\":\"64990.90\",\"q\":\"0.002\",\"nq\":\"0.002\",\"f\":7960913511,\"l\":7960913511,\"T\":1786171884471,\"m\":true,\"st\":1}}"
    }
}

/// A thread-safe counter of `/faulty` connections (1-based).
final class NIOLockedValueBoxCount: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}

enum FaultScript { case steady, faulty(connection: Int), huge(connection: Int) }

private final class FaultHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame
    let script: FaultScript
    private var ticker: RepeatedTask?

    init(script: FaultScript) { self.script = script }

    func handlerAdded(context: ChannelHandlerContext) {
        guard case .steady = script else { return }   // `/faulty` plays its script once subscribed
        var n = 0
        ticker = context.eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(20), delay: .milliseconds(20)) { [self] _ in
            n += 1
            text(FaultServer.binanceFrame(n), context)
        }
    }

    private var played = false

    private func play(_ context: ChannelHandlerContext) {
        guard !played else { return }
        played = true
        switch script {
        case .steady:
            break
        case .faulty(1):
            for i in 1...3 { text(FaultServer.bybitFrame("connection 1 frame \(i)"), context) }
            send(.text, FaultServer.garbage, context)
            send(.binary, FaultServer.binary, context)
            text(FaultServer.bybitFrame("connection 1 frame 4"), context)
            // Abrupt: the TCP connection ends mid-stream without a WebSocket close frame.
            context.close(promise: nil)
        case .faulty(2):
            for i in 1...2 { text(FaultServer.bybitFrame("connection 2 frame \(i)"), context) }
        case .faulty(let n):
            text(FaultServer.bybitFrame("connection \(n)"), context)
        case .huge(1):
            let fragment = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
            for i in 0..<20 {
                let frame = WebSocketFrame(fin: i == 19, opcode: i == 0 ? .text : .continuation, data: ByteBuffer(bytes: fragment))
                context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
            }
            text(FaultServer.bybitFrame("after the huge message"), context)
        case .huge(let n):
            text(FaultServer.bybitFrame("huge connection \(n)"), context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) { ticker?.cancel() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            play(context)   // the client's subscribe request
        case .connectionClose:
            ticker?.cancel()
            let close = WebSocketFrame(fin: true, opcode: .connectionClose, data: ByteBuffer(bytes: [0x03, 0xE8]))
            context.writeAndFlush(wrapOutboundOut(close)).whenComplete { _ in context.close(promise: nil) }
        case .ping:
            if case .faulty(2) = script { return }   // stale means stale: not even pongs
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        default:
            break
        }
    }

    private func text(_ s: String, _ context: ChannelHandlerContext) { send(.text, Array(s.utf8), context) }

    private func send(_ opcode: WebSocketOpcode, _ bytes: [UInt8], _ context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: opcode, data: ByteBuffer(bytes: bytes))), promise: nil)
    }
}

/// Plain HTTP requests (REST polls) get `200 {"ok":true}`.
private final class PlainOK: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    static let body = #"{"ok":true}"#

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: String(Self.body.utf8.count))
        headers.add(name: "Connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: Self.body)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
