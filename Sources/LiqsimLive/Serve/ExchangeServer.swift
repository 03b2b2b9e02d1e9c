#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimReplay
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// `liqsim serve`: a capture re-broadcast as the exchanges' own WebSocket protocols on
/// `/binance-usdm`, `/bybit-linear` and `/okx-swap`, with the recorded REST responses at
/// their paths below the same prefixes. SwiftNIO's HTTP/1.1 server and WebSocket upgrader,
/// one event loop thread: feeds, clients and requests never need a lock.
public final class ExchangeServer: @unchecked Sendable {
    public let options: ServeOptions
    /// Streams present in the capture headers, in stream-id order.
    public let streams: [StreamID]
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let loop: any EventLoop
    private let archive: RESTArchive
    private let clock: ReplayClock
    private var feeds: [StreamID: StreamFeed] = [:]
    private var channel: (any Channel)?
    private var nextConnection = 0
    private var errorOutput: Int32 = STDERR_FILENO

    /// Opens the captures (errors name the file) and loads their REST responses.
    public init(options: ServeOptions) throws {
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
        archive = try RESTArchive(paths: options.paths)
        let factor: Double? = if case .factor(let f) = options.speed { f } else { nil }
        clock = ReplayClock(factor: factor, captureStart: first == .max ? 0 : first)
        for s in streams { feeds[s] = StreamFeed(stream: s, paths: options.paths, server: self, clock: clock, loop: loop) }
    }

    /// Binds and returns the `STREAM=URL` lines `record --endpoint` accepts.
    public func start() async throws -> [String] {
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: 1 << 20,
            shouldUpgrade: { [self] channel, head in
                channel.eventLoop.makeSucceededFuture(stream(of: head.uri) == nil ? nil : HTTPHeaders())
            },
            upgradePipelineHandler: { [self] channel, head in
                channel.eventLoop.makeCompletedFuture {
                    let stream = stream(of: head.uri)!
                    nextConnection += 1
                    let client = ServeClient(stream: stream, connectionID: "liqsim-\(nextConnection)", feed: feeds[stream]!,
                                             urlTopics: ServedProtocols.of(stream).urlTopics(head.uri))
                    try channel.pipeline.syncOperations.addHandler(NIOWebSocketFrameAggregator(
                        minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 64, maxAccumulatedFrameSize: 1 << 20))
                    try channel.pipeline.syncOperations.addHandler(client)
                }
            }
        )
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 1 << 20, high: 4 << 20))
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    let rest = RESTHandler(server: self)
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [upgrader], completionHandler: { context in
                            context.pipeline.removeHandler(rest, promise: nil)
                        }))
                    try channel.pipeline.syncOperations.addHandler(rest)
                }
            }
        let channel = try await bootstrap.bind(host: options.host, port: options.port).get()
        self.channel = channel
        let port = channel.localAddress?.port ?? options.port
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        return streams.flatMap { s in
            ["\(s.rawValue)=ws://\(host):\(port)/\(s.rawValue)", "\(s.rawValue)-rest=http://\(host):\(port)/\(s.rawValue)"]
        }
    }

    /// Serves until `stop()`.
    public func wait() async throws {
        try await channel?.closeFuture.get()
        try? await group.shutdownGracefully()
    }

    /// Stops accepting and closes every connection. Safe from any thread.
    public func stop() {
        loop.execute {
            for feed in self.feeds.values {
                feed.stop()
                for client in feed.clients { client.close() }
            }
            self.channel?.close(promise: nil)
        }
    }

    // MARK: on the loop

    /// `/binance-usdm/…` → the stream, when the capture has it.
    func stream(of uri: String) -> StreamID? {
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        guard let first = path.split(separator: "/").first, let id = StreamID(rawValue: String(first)), feeds[id] != nil else { return nil }
        return id
    }

    func restResponse(for head: HTTPRequestHead) -> (HTTPResponseStatus, [UInt8]) {
        let parts = head.uri.split(separator: "?", maxSplits: 1).map(String.init)
        let path = parts.first ?? "/"
        guard let stream = stream(of: head.uri) else {
            let served = streams.map { "/" + $0.rawValue }.joined(separator: ", ")
            return (.notFound, Array("{\"code\":-1,\"msg\":\(jsonQuoted("liqsim serve: no stream at \(path); served: \(served)"))}".utf8))
        }
        let rest = String(path.dropFirst(stream.rawValue.count + 1))
        guard head.method == .GET else { return (.methodNotAllowed, Array("{\"code\":-1,\"msg\":\"liqsim serve: only GET\"}".utf8)) }
        guard let r = archive.lookup(stream, path: rest.isEmpty ? "/" : rest, query: parts.count > 1 ? parts[1] : nil, clock: clock.position) else {
            return (.notFound, Array("{\"code\":-1,\"msg\":\(jsonQuoted("liqsim serve: no response recorded for \(rest)"))}".utf8))
        }
        return (HTTPResponseStatus(statusCode: Int(r.status)), r.body)
    }

    /// A stream reached the end of the capture. With `--loop`, once every started stream
    /// has, all of them start over together on a fresh clock origin.
    func feedFinished(_ feed: StreamFeed) {
        guard options.loop else {
            report("\(feed.stream.rawValue): end of capture, \(feed.framesSent) frames sent; still serving (Ctrl-C to stop)")
            return
        }
        // A stream paused for want of listeners must not hold the others back.
        let active = feeds.values.filter { $0.state != .idle }
        guard active.allSatisfy({ $0.state == .finished || $0.state == .paused }) else { return }
        clock.restart(now: LiveClock.monotonic())
        for f in active { f.begin() }
    }

    func report(_ message: String) {
        var text = "liqsim serve: " + message + "\n"
        text.withUTF8 { b in _ = Glibc.write(errorOutput, b.baseAddress, b.count) }
    }
}
