import LiqsimCore

/// What `record` needs to follow one exchange stream live: where to connect, what to
/// subscribe, how to keep the connection alive, and which REST endpoints to poll.
/// One conforming enum per exchange; facts come from the exchanges' public docs and the
/// real frames in `Tests/LiqsimTests/Fixtures/real/`.
public protocol LiveEndpoints {
    static var stream: StreamID { get }
    /// The public WebSocket endpoint (`--endpoint STREAM=URL` overrides it).
    static var defaultEndpoint: String { get }
    /// The REST root (`--endpoint STREAM-rest=URL` overrides it).
    static var defaultRESTBase: String { get }
    /// The exchange's limit on streams per connection (more topics → more connections).
    static var maxTopicsPerConnection: Int { get }
    static var keepAlive: KeepAlive { get }
    /// Liquidations (all-symbol where offered), trades, mark price/funding, open interest.
    static func topics(for symbols: [String]) -> [String]
    /// The URL and the subscribe messages of one connection carrying `topics`.
    static func connection(endpoint: String, topics: [String]) -> ConnectionPlan
    /// REST URLs polled every `--rest-interval` (open interest, long/short ratios).
    static func pollURLs(base: String, symbols: [String]) -> [String]
    /// Instruments metadata, fetched at start and after every reconnect.
    static func instrumentURLs(base: String, symbols: [String]) -> [String]
}

/// One WebSocket connection to open: its URL, the messages sent once it is up, and the
/// topics it carries (for the capture header and the status line).
public struct ConnectionPlan: Sendable, Equatable {
    public var url: String
    public var messages: [String]
    public var topics: [String]
}

/// How a connection is kept alive and proven alive.
public enum KeepAlive: Sendable, Equatable {
    /// WebSocket ping frames (Binance also pings us; websocket-kit answers those).
    case webSocketPing(seconds: Int)
    /// An application-level text ping the exchange requires (Bybit `{"op":"ping"}`, OKX `ping`).
    case text(String, seconds: Int)
}

public extension LiveEndpoints {
    /// Topics split into connections of at most `maxTopicsPerConnection`.
    static func connections(endpoint: String, symbols: [String]) -> [ConnectionPlan] {
        let all = topics(for: symbols)
        return stride(from: 0, to: all.count, by: maxTopicsPerConnection).map { start in
            connection(endpoint: endpoint, topics: Array(all[start..<min(all.count, start + maxTopicsPerConnection)]))
        }
    }
}

/// `base` + `path` without a doubled or missing slash.
public func joinURL(_ base: String, _ path: String) -> String {
    var b = base
    while b.hasSuffix("/") { b.removeLast() }
    return path.hasPrefix("/") ? b + path : b + "/" + path
}
