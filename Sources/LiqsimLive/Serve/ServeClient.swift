import LiqsimCore
import LiqsimExchanges
import NIOCore
import NIOWebSocket

/// One WebSocket client of `serve`: answers its subscribe/ping requests in its exchange's
/// protocol and receives the frames of the topics it subscribed to.
///
/// Confined to the server's event loop (a channel handler, never shared off it).
final class ServeClient: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    let stream: StreamID
    let connectionID: String
    private let proto: any ServeProtocol.Type
    private let feed: StreamFeed
    private let initialTopics: [String]
    var context: ChannelHandlerContext?
    /// Topics as the client named them (for LIST_SUBSCRIPTIONS) and their canonical keys.
    private var named: [String] = []
    private var keys: Set<String> = []
    private var closing = false
    var pendingFlush = false

    init(stream: StreamID, connectionID: String, feed: StreamFeed, urlTopics: [String]) {
        self.stream = stream
        self.connectionID = connectionID
        proto = Exchanges.serveProtocol(stream)
        self.feed = feed
        initialTopics = urlTopics
    }

    var isWritable: Bool { context?.channel.isWritable ?? true }
    var isSubscribed: Bool { !keys.isEmpty }

    /// Ends the connection (serve is stopping).
    func close() {
        guard let context, !closing else { return }
        closing = true
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, data: ByteBuffer(bytes: [0x03, 0xE9]))   // 1001 going away
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(frame)).whenComplete { _ in channel.close(promise: nil) }
    }

    /// True when a frame with these topic keys is for this client (no keys: every
    /// subscribed client, for frames serve cannot route).
    func wants(_ topics: [String]) -> Bool {
        guard !keys.isEmpty else { return false }
        if topics.isEmpty { return true }
        for t in topics where keys.contains(t) { return true }
        return false
    }

    /// Writes the batch below the frame encoder (its bytes are frames already) and flushes.
    func flush() {
        pendingFlush = false
        guard let context else { return }
        if let b = batch, let raw = encoderContext {
            batch = nil
            raw.writeAndFlush(NIOAny(b), promise: nil)
        } else {
            context.flush()
        }
    }

    var batch: ByteBuffer?
    /// The WebSocket frame encoder's context: writes made here go straight to the socket.
    private var encoderContext: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        encoderContext = try? context.pipeline.syncOperations.context(handlerType: WebSocketFrameEncoder.self)
        feed.add(self)
        if !initialTopics.isEmpty { subscribe(initialTopics) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        feed.remove(self)
        self.context = nil
        encoderContext = nil
        batch = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        feed.remove(self)
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { feed.resumeIfWritable() }
        context.fireChannelWritabilityChanged()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            let text = String(buffer: frame.unmaskedData)
            let request = proto.handle(text, connectionID: connectionID)
            if !request.unsubscribe.isEmpty { unsubscribe(request.unsubscribe) }
            for text in request.replies { reply(text, context) }
            if let id = request.listID {
                reply("{\"result\":[\(named.map { JSONText.quote($0) }.joined(separator: ","))],\"id\":\(id)}", context)
            }
            if !request.subscribe.isEmpty { subscribe(request.subscribe) }
            context.flush()
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            guard !closing else { context.close(promise: nil); return }
            closing = true
            var data = frame.unmaskedData
            let code = data.readSlice(length: 2) ?? ByteBuffer()
            let close = WebSocketFrame(fin: true, opcode: .connectionClose, data: code)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(close)).whenComplete { _ in channel.close(promise: nil) }
        default:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func reply(_ text: String, _ context: ChannelHandlerContext) {
        let frame = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: text))
        context.write(wrapOutboundOut(frame), promise: nil)
    }

    private func subscribe(_ topics: [String]) {
        for t in topics where !named.contains(t) {
            named.append(t)
            for k in proto.keys(forClientTopic: t) { keys.insert(k) }
        }
        feed.subscribed()
    }

    private func unsubscribe(_ topics: [String]) {
        named.removeAll { topics.contains($0) }
        keys = Set(named.flatMap { proto.keys(forClientTopic: $0) })
    }
}
