#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Keeps serve out of descriptor exhaustion: at most `limit` connections are open (the
/// process's descriptor limit less a reserve for the capture files, the event loop and the
/// runtime); at the limit serve stops accepting — new connections wait in the backlog —
/// and accepts again as soon as one closes. If accept still fails (another process took
/// the system's descriptors), `AcceptBackoffHandler` waits before retrying and this says
/// why on stderr, at most once a second. Confined to the server's event loop.
final class ConnectionLimiter: ChannelDuplexHandler {
    typealias InboundIn = Channel
    typealias InboundOut = Channel
    typealias OutboundIn = Never

    /// Descriptors kept free for everything but client connections.
    static let reserve = 32

    private unowned let hub: ServeHub
    let limit: Int
    private var open = 0
    private var readHeld = false

    init(hub: ServeHub) {
        self.hub = hub
        var rl = rlimit()
        let soft = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl) == 0 ? Int(clamping: rl.rlim_cur) : 1 << 20
        limit = max(1, soft - ConnectionLimiter.reserve)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let child = unwrapInboundIn(data)
        open += 1
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        child.closeFuture.whenComplete { _ in
            let (me, context) = bound.value
            me.open -= 1
            if me.readHeld && me.open < me.limit {
                me.readHeld = false
                context.read()
            }
        }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        guard open >= limit else { return context.read() }
        if !readHeld { hub.reportRateLimited("\(open) connections open, the most the descriptor limit allows; new ones wait in the backlog") }
        readHeld = true
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let io = error as? IOError {
            hub.reportRateLimited("accept failed (\(io)); accepting again after a back-off, connections wait in the backlog")
        } else {
            context.fireErrorCaught(error)
        }
    }
}
