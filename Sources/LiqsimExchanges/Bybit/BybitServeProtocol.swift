import Foundation
import LiqsimCore

/// Bybit v5 public linear as `serve` speaks it: `{"op":"subscribe","args":["tickers.BTCUSDT"]}`
/// acked like Bybit (`{"success":true,"ret_msg":"","conn_id":"…","req_id":"","op":"subscribe"}`),
/// `{"op":"ping"}` answered with Bybit's pong. Keys are the topics as written.
public enum BybitServeProtocol: ServeProtocol {
    public static let stream = StreamID.bybitLinear

    /// Data: `{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":…,"data":[…]}`.
    /// Control: `{"success":true,…,"op":"subscribe"}` and pongs.
    public static func route(_ frame: ExchangeInput, topics: inout [String]) -> FrameRoute {
        guard let f = TopLevelFields(frame.payload) else { return .other }
        if let topic = f.string("topic") { topics.append(topic); return .data }
        return f.has("op") || f.has("success") || f.has("ret_msg") ? .control : .other
    }

    public static func keys(forClientTopic topic: String) -> [String] { [topic] }

    public static func urlTopics(_ uri: String) -> [String] { [] }

    public static func handle(_ message: String, connectionID: String) -> ClientRequest {
        var request = ClientRequest()
        guard let object = jsonObject(message), let op = object["op"] as? String else {
            request.replies.append(reply(false, "error: request is not {\"op\":…}", connectionID, "", op: ""))
            return request
        }
        let reqID = object["req_id"] as? String ?? ""
        let args = (object["args"] as? [Any])?.compactMap { $0 as? String } ?? []
        switch op {
        case "subscribe":
            request.subscribe = args
            request.replies.append(reply(true, "", connectionID, reqID, op: op))
        case "unsubscribe":
            request.unsubscribe = args
            request.replies.append(reply(true, "", connectionID, reqID, op: op))
        case "ping":
            request.replies.append(reply(true, "pong", connectionID, reqID, op: op))
        default:
            request.replies.append(reply(false, "error: unknown op \(op)", connectionID, reqID, op: op))
        }
        return request
    }

    public static func reply(_ success: Bool, _ message: String, _ conn: String, _ reqID: String, op: String) -> String {
        "{\"success\":\(success),\"ret_msg\":\(JSONText.quote(message)),\"conn_id\":\(JSONText.quote(conn)),\"req_id\":\(JSONText.quote(reqID)),\"op\":\(JSONText.quote(op))}"
    }
}
