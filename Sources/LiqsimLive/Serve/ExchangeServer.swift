import LiqsimCapture
import LiqsimCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// `liqsim serve`: a capture re-broadcast as the exchanges' own WebSocket protocols on
/// `/binance-usdm`, `/bybit-linear` and `/okx-swap`, with the recorded REST responses at
/// their paths below the same prefixes. SwiftNIO's HTTP/1.1 server and WebSocket upgrader,
/// one event loop thread; the run's state is a `ServeHub` bound to that loop.
public final class ExchangeServer: Sendable {
    public let options: ServeOptions
    /// Streams present in the capture headers, in stream-id order.
    public let streams: [StreamID]
    /// `--tls` without files: the generated certificate (PEM) clients can trust.
    public let certificatePath: String?
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let loop: any EventLoop
    private let hub: NIOLoopBoundBox<ServeHub>

    /// Opens the captures (errors name the file), loads their REST responses and, with
    /// `--tls`, makes the certificate. Pacing reads `time`.
    public init(options: ServeOptions, time: any TimeSource = SystemTime()) throws {
        self.options = options
        loop = group.next()
        var ids = Set<StreamID>()
        var first = Int64.max
        for path in options.paths {
            let reader = try CaptureReader(path: path)
            for s in reader.header.streams { if let id = StreamID(rawValue: s.id) { ids.insert(id) } }
            if let t = try reader.index().firstRecv { first = min(first, t) }
        }
        streams = StreamID.allCases.filter(ids.contains)
        certificatePath = options.tls == .generated ? try ExchangeServer.generateCertificate(host: options.host) : nil
        let hub = try ServeHub(options: options, streams: streams, captureStart: UnixNanos(first == .max ? 0 : first), loop: loop, time: time)
        self.hub = .makeBoxSendingValue(hub, eventLoop: loop)
        // Which topics the captures hold takes a pass over every frame: learned off the loop
        // while serve starts and answers (ServeHub.topicsLearned), not before it listens.
        let box = self.hub, paths = options.paths
        NIOThreadPool.singleton.runIfActive(eventLoop: loop) { try RESTArchive.topics(paths: paths) }
            .whenComplete { box.value.topicsLearned($0) }
    }

    /// Binds and returns the `STREAM=URL` lines `record --endpoint` accepts (`wss://` and
    /// `https://` with TLS). With `.generated` TLS, `certificatePath` names the PEM file
    /// clients can trust.
    public func start() async throws -> [String] {
        let hub = self.hub
        let limits = options.limits
        let tls = try tlsContext()
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: limits.maxMessageBytes,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeSucceededFuture(hub.value.stream(of: head.uri) == nil ? nil : HTTPHeaders())
            },
            upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    let client = hub.value.client(for: head.uri, stream: hub.value.stream(of: head.uri)!)
                    try channel.pipeline.syncOperations.addHandler(NIOWebSocketFrameAggregator(
                        minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 64, maxAccumulatedFrameSize: limits.maxMessageBytes))
                    try channel.pipeline.syncOperations.addHandler(client)
                }
            }
        )
        let backoff = TimeAmount(limits.acceptBackoff)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // Never accept into descriptor exhaustion; if accept fails anyway (EMFILE), wait
            // instead of spinning on it.
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptBackoffHandler(shouldForwardIOErrorCaught: true) { _ in backoff })
                    try channel.pipeline.syncOperations.addHandler(ConnectionLimiter(hub: hub.value))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 1 << 20, high: 4 << 20))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let tls { try sync.addHandler(NIOSSLServerHandler(context: tls)) }
                    try sync.addHandler(HTTPResponseEncoder(), name: ServeHTTPHandler.encoderName)
                    try sync.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes)), name: ServeHTTPHandler.decoderName)
                    try sync.addHandler(ServeHTTPHandler(hub: hub.value, upgrader: upgrader))
                }
            }
        let channel = try await bootstrap.bind(host: options.host, port: options.port).get()
        try await loop.submit { hub.value.channel = channel }.get()
        let port = channel.localAddress?.port ?? options.port
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        let (ws, http) = tls == nil ? ("ws", "http") : ("wss", "https")
        return streams.flatMap { s in
            ["\(s.rawValue)=\(ws)://\(host):\(port)/\(s.rawValue)", "\(s.rawValue)-rest=\(http)://\(host):\(port)/\(s.rawValue)"]
        }
    }

    /// Serves until `stop()`.
    public func wait() async throws {
        let hub = self.hub
        try await loop.submit { hub.value.channel }.get()?.closeFuture.get()
        try? await group.shutdownGracefully()
    }

    /// Stops accepting and closes every connection. Safe from any thread.
    public func stop() {
        let hub = self.hub
        loop.execute { hub.value.stop() }
    }
}
