import LiqsimCore
import LiqsimExchanges
import NIOCore
import NIOWebSocket

/// One WebSocket client of `serve`: answers its subscribe/ping requests in its exchange's
/// protocol and receives the frames of the topics it subscribed to, in the envelope its
/// connection path asks for (Binance: combined on `/stream`, bare on `/ws`).
///
/// Bounded against hostile clients (docs/live.md, "Limits"): topics per request and per
/// connection are capped (a refused request gets the venue's error reply), a message over
/// `maxMessageBytes` closes with 1009, a client silent for `idleTimeout` (not even a pong
/// to serve's pings) closes with 1001, and one whose socket buffer stays full for
/// `slowClientTimeout` is dropped with 1008 by its feed.
///
/// Confined to the server's event loop (a channel handler, never shared off it).
final class ServeClient: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    let stream: StreamID
    let connectionID: String
    let framing: ClientFraming
    private let proto: any ServeProtocol.Type
    private let feed: StreamFeed
    private unowned let hub: ServeHub
    private let initialTopics: [String]
    var context: ChannelHandlerContext?
    /// Topics as the client named them (for LIST_SUBSCRIPTIONS and envelopes), in order,
    /// and each canonical key → the client's name for it.
    private var named: [String] = []
    private var namedSet: Set<String> = []
    private var names: [String: String] = [:]
    private var closing = false
    var pendingFlush = false
    /// Monotonic time since which the socket buffer has been full (nil: writable).
    var unwritableSince: UnixNanos?
    private var lastHeard = UnixNanos.zero
    private var keepAlive: Scheduled<Void>?

    init(stream: StreamID, connectionID: String, feed: StreamFeed, hub: ServeHub, uri: String) {
        self.stream = stream
        self.connectionID = connectionID
        proto = Exchanges.serveProtocol(stream)
        self.feed = feed
        self.hub = hub
        framing = proto.framing(uri: uri)
        initialTopics = proto.urlTopics(uri)
    }

    var isWritable: Bool { context?.channel.isWritable ?? true }
    var isSubscribed: Bool { !names.isEmpty }

    /// Ends the connection with a close frame (1001 going away: serve is stopping or the
    /// client was idle; 1008: too slow; 1009: message too big).
    func close(code: UInt16 = 1001, reason: String = "") {
        guard let context, !closing else { return }
        closing = true
        keepAlive?.cancel()
        var data = context.channel.allocator.buffer(capacity: 2 + reason.utf8.count)
        data.writeInteger(code)
        data.writeString(reason)
        let channel = context.channel
        // Written below the batch path's buffers; a client that reads nothing never acks it,
        // so the socket closes after a second regardless.
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))).whenComplete { _ in
            channel.close(promise: nil)
        }
        channel.eventLoop.scheduleTask(in: .seconds(1)) { channel.close(promise: nil) }
    }

    /// The client's own name of the first of `topics` it subscribed to ("" for frames serve
    /// cannot route: every subscribed client takes those); nil when the frame is not for it.
    func subscribedName(_ topics: [String]) -> String? {
        guard !names.isEmpty else { return nil }
        if topics.isEmpty { return "" }
        for t in topics { if let n = names[t] { return n } }
        return nil
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
        lastHeard = hub.time.monotonic()
        scheduleKeepAlive(context)
        if !initialTopics.isEmpty {
            var request = ClientRequest()
            request.subscribe = initialTopics
            if let refusal = refusal(of: request) {
                reply(refusal, context)
                context.flush()
            } else {
                subscribe(initialTopics)
            }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        feed.remove(self)
        keepAlive?.cancel()
        self.context = nil
        encoderContext = nil
        batch = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        feed.remove(self)
        keepAlive?.cancel()
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            unwritableSince = nil
            feed.resumeIfWritable()
        } else if unwritableSince == nil {
            unwritableSince = hub.time.monotonic()
        }
        context.fireChannelWritabilityChanged()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        lastHeard = hub.time.monotonic()
        switch frame.opcode {
        case .text:
            let text = String(buffer: frame.unmaskedData)
            var request = proto.handle(text, connectionID: connectionID)
            if let refusal = refusal(of: request) {
                request.subscribe = []
                request.replies = [refusal]
            }
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

    /// A message over the size cap (the frame aggregator's error) closes with 1009; other
    /// protocol errors close the connection.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOWebSocketError {
            hub.report("\(connectionID): message over \(hub.options.limits.maxMessageBytes) bytes; closing (1009)")
            close(code: 1009, reason: "message too big")
        } else {
            context.close(promise: nil)
        }
    }

    private func reply(_ text: String, _ context: ChannelHandlerContext) {
        let frame = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: text))
        context.write(wrapOutboundOut(frame), promise: nil)
    }

    /// The venue's error reply when a request names more topics than the caps allow.
    private func refusal(of request: ClientRequest) -> String? {
        let limits = hub.options.limits
        let new = Set(request.subscribe).subtracting(namedSet).count
        if request.subscribe.count > limits.maxTopicsPerRequest {
            return proto.refusal("liqsim serve: \(request.subscribe.count) topics in one request; at most \(limits.maxTopicsPerRequest)",
                                 to: request, connectionID: connectionID)
        }
        if named.count + new > limits.maxTopicsPerConnection {
            return proto.refusal("liqsim serve: \(named.count + new) topics on one connection; at most \(limits.maxTopicsPerConnection)",
                                 to: request, connectionID: connectionID)
        }
        return nil
    }

    private func subscribe(_ topics: [String]) {
        var added: [String] = []
        for t in topics where !namedSet.contains(t) {
            named.append(t)
            namedSet.insert(t)
            added.append(t)
            for k in proto.keys(forClientTopic: t) where names[k] == nil { names[k] = t }
        }
        hub.checkHeld(stream: stream, topics: added)
        feed.subscribed()
    }

    private func unsubscribe(_ topics: [String]) {
        let gone = Set(topics)
        named.removeAll { gone.contains($0) }
        namedSet.subtract(gone)
        names = [:]
        for t in named { for k in proto.keys(forClientTopic: t) where names[k] == nil { names[k] = t } }
    }

    /// Pings every third of `idleTimeout`; a client heard from (any frame, a pong too) in
    /// none of that time is closed.
    private func scheduleKeepAlive(_ context: ChannelHandlerContext) {
        let idle = hub.options.limits.idleTimeout
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        keepAlive = context.eventLoop.scheduleTask(in: TimeAmount(idle / 3)) {
            let me = bound.value
            guard let context = me.context, !me.closing else { return }
            if me.hub.time.monotonic().duration(since: me.lastHeard) >= idle {
                me.hub.report("\(me.connectionID): nothing received for \(idle); closing (1001)")
                me.close(code: 1001, reason: "idle")
                return
            }
            context.writeAndFlush(me.wrapOutboundOut(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer())), promise: nil)
            me.scheduleKeepAlive(context)
        }
    }
}
