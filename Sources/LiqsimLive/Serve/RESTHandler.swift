import LiqsimCore
import LiqsimExchanges
import NIOCore
import NIOHTTP1

/// Plain HTTP requests to `serve`: recorded REST responses at their paths, e.g.
/// `GET /binance-usdm/fapi/v1/openInterest?symbol=BTCUSDT`; anything else is a 404 that
/// says what is served. Removed from the pipeline (by name) when a connection upgrades.
final class RESTHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The handler's name in the pipeline, for its removal on upgrade.
    static let name = "liqsim-rest"

    private unowned let hub: ServeHub
    private var head: HTTPRequestHead?

    init(hub: ServeHub) { self.hub = hub }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            let (status, body) = hub.restResponse(for: head)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(body.count))
            let keepAlive = head.isKeepAlive
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            let channel = context.channel
            if !keepAlive { done.whenComplete { _ in channel.close(promise: nil) } }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
