import NIOCore

/// Says on stderr (at most once a second) why accepting failed — out of file descriptors,
/// typically — while `AcceptBackoffHandler` waits before accepting again.
final class AcceptErrorReporter: ChannelInboundHandler {
    typealias InboundIn = Channel

    private unowned let hub: ServeHub

    init(hub: ServeHub) { self.hub = hub }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let io = error as? IOError {
            hub.reportRateLimited("accept failed (\(io)); accepting again after a back-off, connections wait in the backlog")
        } else {
            context.fireErrorCaught(error)
        }
    }
}
