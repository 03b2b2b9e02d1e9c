import LiqsimCore
import LiqsimReplay

/// What `liqsim serve` was asked to do.
public struct ServeOptions: Sendable {
    public var paths: [String]
    public var host: String
    /// 0 picks a free port (the printed URLs name it).
    public var port: Int
    public var speed: ReplaySpeed = .factor(1)
    public var loop = false
    public var tls: ServeTLS = .off
    public var limits = ServeLimits()

    public init(paths: [String], host: String, port: Int) {
        self.paths = paths; self.host = host; self.port = port
    }
}

/// `wss://` and `https://` on the same port: off, a certificate generated at start (its
/// path printed, for clients that take a CA file), or the caller's PEM files.
public enum ServeTLS: Sendable, Equatable {
    case off
    case generated
    case files(certificate: String, key: String)
}

/// The bounds that keep one hostile or broken client from hurting the others (docs/live.md,
/// "Limits").
public struct ServeLimits: Sendable {
    /// From accept to a complete request head (the TLS handshake included).
    public var handshakeTimeout = Duration.seconds(10)
    /// An HTTP connection with no request, or a WebSocket client heard from in none of this
    /// time (serve pings every third of it; a pong counts), is closed.
    public var idleTimeout = Duration.seconds(120)
    /// A client whose socket buffer stays full this long is dropped with close 1008.
    public var slowClientTimeout = Duration.seconds(5)
    /// Topics one subscribe request may name, and one connection may hold.
    public var maxTopicsPerRequest = 500
    public var maxTopicsPerConnection = 1024
    /// The largest client message (a frame or a message of fragments); larger closes with 1009.
    public var maxMessageBytes = 256 << 10
    /// Back-off before accepting again when accept fails (out of file descriptors).
    public var acceptBackoff = Duration.milliseconds(250)

    public init() {}
}
