import LiqsimCore
import LiqsimExchanges
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// Every HTTP request to `serve`, on any request of a kept-alive connection: a WebSocket
/// upgrade to a served stream is switched to that stream's protocol (ccxt reuses its REST
/// connection for its first WebSocket); any other request gets the recorded REST
/// response or the venue's empty answer; an upgrade serve refuses (unknown path, bad
/// WebSocket headers) gets a JSON answer and the connection is closed.
///
/// Bounds: a connection that has not sent a complete request head within
/// `handshakeTimeout`, or is idle between requests for `idleTimeout`, is closed.
final class ServeHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let encoderName = "liqsim-http-encoder"
    static let decoderName = "liqsim-http-decoder"

    private unowned let hub: ServeHub
    private let upgrader: NIOWebSocketServerUpgrader
    private var head: HTTPRequestHead?
    private var upgrading = false
    /// Bytes that arrived after an upgrade request, before the WebSocket decoder was in place.
    private var held: [NIOAny] = []
    private var timer: Scheduled<Void>?

    init(hub: ServeHub, upgrader: NIOWebSocketServerUpgrader) {
        self.hub = hub
        self.upgrader = upgrader
    }

    func handlerAdded(context: ChannelHandlerContext) {
        arm(context, hub.options.limits.handshakeTimeout, "no request within")
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if upgrading { held.append(data); return }
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            arm(context, hub.options.limits.handshakeTimeout, "request not complete within")
        case .body: break   // GET bodies are ignored (streamed through, never held)
        case .end:
            guard let head else { return }
            self.head = nil
            timer?.cancel()
            timer = nil
            if head.headers[canonicalForm: "upgrade"].contains(where: { $0.lowercased() == "websocket" }) {
                upgrade(context, head)
            } else {
                let (status, body) = hub.restResponse(for: head)
                respond(context, head, status, body, close: !head.isKeepAlive)
                arm(context, hub.options.limits.idleTimeout, "idle for")
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        context.fireChannelInactive()
    }

    /// Hands the bytes that came after the upgrade request to the WebSocket decoder.
    func removeHandler(context: ChannelHandlerContext, removalToken: ChannelHandlerContext.RemovalToken) {
        timer?.cancel()
        let pending = held
        held = []
        for data in pending { context.fireChannelRead(data) }
        context.leavePipeline(removalToken: removalToken)
    }

    private func upgrade(_ context: ChannelHandlerContext, _ head: HTTPRequestHead) {
        guard hub.stream(of: head.uri) != nil else {
            let (status, body) = hub.notFound(head)
            return respond(context, head, status, body, close: true)
        }
        upgrading = true
        let channel = context.channel
        let pipeline = context.pipeline
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        upgrader.buildUpgradeResponse(channel: channel, upgradeRequest: head, initialResponseHeaders: HTTPHeaders())
            .whenComplete { result in
                let (me, context) = bound.value
                switch result {
                case .failure(let error):
                    me.upgrading = false
                    let message = "liqsim serve: refused WebSocket upgrade of \(head.uri): \(error) (need Sec-WebSocket-Key and Sec-WebSocket-Version: 13)"
                    me.respond(context, head, .badRequest, Array("{\"code\":-1,\"msg\":\(JSONText.quote(message))}".utf8), close: true)
                case .success(let headers):   // Upgrade, Connection and Sec-WebSocket-Accept
                    let response = HTTPResponseHead(version: head.version, status: .switchingProtocols, headers: headers)
                    context.write(me.wrapOutboundOut(.head(response)), promise: nil)
                    context.writeAndFlush(me.wrapOutboundOut(.end(nil))).assumeIsolated().flatMap {
                        pipeline.syncOperations.removeHandler(name: ServeHTTPHandler.decoderName)
                    }.flatMap {
                        pipeline.syncOperations.removeHandler(name: ServeHTTPHandler.encoderName)
                    }.flatMap {
                        me.upgrader.upgrade(context: context, upgradeRequest: head)
                    }.whenComplete { result in
                        switch result {
                        case .success: pipeline.syncOperations.removeHandler(context: context, promise: nil)
                        case .failure: channel.close(promise: nil)
                        }
                    }
                }
            }
    }

    private func respond(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ status: HTTPResponseStatus, _ body: [UInt8], close: Bool) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(body.count))
        if close { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        let channel = context.channel
        if close { done.whenComplete { _ in channel.close(promise: nil) } }
    }

    /// Closes the connection unless a request head arrives within `limit`.
    private func arm(_ context: ChannelHandlerContext, _ limit: Duration, _ why: String) {
        timer?.cancel()
        let channel = context.channel
        let hub = NIOLoopBound(hub, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: TimeAmount(limit)) {
            hub.value.reportRateLimited("closed a connection: \(why) \(limit)")
            channel.close(promise: nil)
        }
    }
}
