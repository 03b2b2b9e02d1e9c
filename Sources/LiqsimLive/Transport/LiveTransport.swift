import NIOCore
import NIOSSL
import WebSocketKit

/// How a record session reaches the network: WebSocket dials and HTTP GETs. The default
/// is websocket-kit and `HTTPGet` over TCP/TLS; tests answer on an `EmbeddedEventLoop`
/// (a WebSocket on an `EmbeddedChannel`, canned responses) so a whole session runs on a
/// manual clock.
struct LiveTransport: Sendable {
    /// Opens a WebSocket to `url` on `loop` and calls `onUpgrade` there before any frame is
    /// delivered; the future fails when the connect or the upgrade does.
    typealias Dial = @Sendable (_ url: String, _ configuration: WebSocketClient.Configuration, _ loop: any EventLoop,
                                _ onUpgrade: @escaping @Sendable (WebSocket) -> Void) -> EventLoopFuture<Void>
    /// One GET of `url` on `loop`, failing after `timeout`.
    typealias Get = @Sendable (_ url: String, _ loop: any EventLoop, _ tls: NIOSSLContext?, _ timeout: TimeAmount) -> EventLoopFuture<HTTPGet.Response>

    var dial: Dial
    var get: Get

    static let network = LiveTransport(
        dial: { url, configuration, loop, onUpgrade in
            WebSocket.connect(to: url, configuration: configuration, on: loop, onUpgrade: onUpgrade)
        },
        get: { url, loop, tls, timeout in HTTPGet.fetch(url, on: loop, tls: tls, timeout: timeout) }
    )
}
