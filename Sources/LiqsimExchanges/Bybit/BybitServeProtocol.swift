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
        // Bybit echoes `req_id` as sent; without one it answers `""`.
        request.id = jsonScalarText(message, key: "req_id") ?? "\"\""
        guard let object = jsonObject(message), let op = object["op"] as? String else {
            request.replies.append(reply(false, "error: request is not {\"op\":…}", connectionID, request.id, op: ""))
            return request
        }
        let reqID = request.id
        request.op = op
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

    /// `reqID` is JSON text (the request's `req_id` as sent).
    public static func reply(_ success: Bool, _ message: String, _ conn: String, _ reqID: String, op: String) -> String {
        "{\"success\":\(success),\"ret_msg\":\(JSONText.quote(message)),\"conn_id\":\(JSONText.quote(conn)),\"req_id\":\(reqID),\"op\":\(JSONText.quote(op))}"
    }

    public static func refusal(_ message: String, to request: ClientRequest, connectionID: String) -> String {
        reply(false, message, connectionID, request.id, op: request.op)
    }

    /// Bybit v5's empty list: `{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[],"nextPageCursor":""},"retExtInfo":{},"time":…}`.
    public static func emptyAnswer(path: String, query: [String: String], clockMillis: Int64) -> String {
        let category = query["category"].map { "\"category\":\(JSONText.quote($0))," } ?? ""
        return "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\(category)\"list\":[],\"nextPageCursor\":\"\"},\"retExtInfo\":{},\"time\":\(clockMillis)}"
    }

    /// `record` fetches instruments-info per symbol; a client asks for the whole category.
    public static func perSymbolList(path: String) -> (String, String)? {
        path == "/v5/market/instruments-info" ? ("result", "list") : nil
    }
}
