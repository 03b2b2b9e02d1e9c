import Foundation
import LiqsimCore

/// What a recorded frame is, for routing it to `serve` clients.
public enum FrameRoute {
    /// Market data with topic keys: sent to the clients subscribed to any of them.
    case data
    /// The original session's acks, pongs and events: never re-sent (serve answers its own clients).
    case control
    /// Unparseable, binary or unknown: sent verbatim to every subscribed client of the stream.
    case other
}

/// A client's request, decoded by an exchange protocol.
public struct ClientRequest {
    public var replies: [String] = []
    public var subscribe: [String] = []
    public var unsubscribe: [String] = []
    /// Binance `LIST_SUBSCRIPTIONS`: the request id to answer with the client's streams.
    public var listID: String?

    public init() {}
}

/// One exchange's WebSocket protocol as `serve` speaks it: how recorded frames map to
/// topics, and how clients subscribe. Topic keys are canonical (compared as-is).
public protocol ServeProtocol {
    static var stream: StreamID { get }
    /// Classifies a recorded text frame; for `.data`, appends its topic keys.
    static func route(_ frame: ExchangeInput, topics: inout [String]) -> FrameRoute
    /// The canonical keys of a topic a client names.
    static func keys(forClientTopic topic: String) -> [String]
    /// Topics named in the upgrade request's URI (Binance `?streams=a/b`).
    static func urlTopics(_ uri: String) -> [String]
    /// A text message from a client.
    static func handle(_ message: String, connectionID: String) -> ClientRequest
}

/// Client messages are rare and small: Foundation parsing is fine here (never for frames).
public func jsonObject(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}

/// A JSON value as text (request ids are echoed back as sent: number or string).
public func jsonText(_ value: Any?) -> String {
    switch value {
    case let s as String: return JSONText.quote(s)
    case let n as NSNumber: return n.stringValue
    default: return "null"
    }
}

