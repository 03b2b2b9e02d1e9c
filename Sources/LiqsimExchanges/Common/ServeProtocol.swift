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

/// How a client's data frames are written: as recorded, or in the envelope its connection
/// asked for (Binance: combined `{"stream":…,"data":…}` on `/stream` paths, the bare event
/// on `/ws` paths).
public enum ClientFraming: Sendable {
    case asRecorded
    case bare
    case combined
}

/// A client's request, decoded by an exchange protocol.
public struct ClientRequest {
    public var replies: [String] = []
    public var subscribe: [String] = []
    public var unsubscribe: [String] = []
    /// Binance `LIST_SUBSCRIPTIONS`: the request id to answer with the client's streams.
    public var listID: String?
    /// The request's id as sent (a JSON scalar's text, `null` when absent): echoed in replies.
    public var id = "null"
    /// The request's operation (`SUBSCRIBE`, `subscribe`), for error replies.
    public var op = ""

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
    /// The venue's error reply to `request` (a refused subscription: too many topics).
    static func refusal(_ message: String, to request: ClientRequest, connectionID: String) -> String
    /// How data frames are written for a client connected to `uri`.
    static func framing(uri: String) -> ClientFraming
    /// The event inside a recorded data frame (Binance: the `data` of a combined frame, or
    /// the whole bare event), as a byte range of the payload; nil when not enveloped.
    static func eventRange(_ frame: ExchangeInput) -> Range<Int>?
    /// REST: the venue's answer to a query the capture holds no response for — its own
    /// empty list (`[]`, `{"code":"0","data":[],"msg":""}`, …), never another query's data.
    static func emptyAnswer(path: String, query: [String: String], clockMillis: Int64) -> String
    /// REST: for a list endpoint recorded per symbol (Bybit instruments-info), the object
    /// keys leading to the list, so a request without `symbol` gets the union of the records.
    static func perSymbolList(path: String) -> (String, String)?
}

public extension ServeProtocol {
    static func framing(uri: String) -> ClientFraming { .asRecorded }
    static func eventRange(_ frame: ExchangeInput) -> Range<Int>? { nil }
    static func perSymbolList(path: String) -> (String, String)? { nil }
}

/// Client messages are rare and small: Foundation parsing is fine here (never for frames).
public func jsonObject(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}
