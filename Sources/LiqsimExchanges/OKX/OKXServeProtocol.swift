import Foundation
import LiqsimCore

/// OKX v5 public as `serve` speaks it: `{"op":"subscribe","args":[{"channel":"trades","instId":"BTC-USDT-SWAP"}]}`
/// acked per arg with `{"event":"subscribe","arg":{…},"connId":"…"}`; `ping` answered `pong`.
/// Keys are `channel:instId` (or `channel:instType` / `channel:instFamily`), as `record` writes them.
public enum OKXServeProtocol: ServeProtocol {
    public static let stream = StreamID.okxSwap

    /// Data: `{"arg":{"channel":"trades","instId":"BTC-USDT-SWAP"},"data":[…]}`.
    /// Control: `{"event":"subscribe",…}`, `{"event":"error",…}` and `pong`.
    public static func route(_ frame: ExchangeInput, topics: inout [String]) -> FrameRoute {
        if frame.payload.count == 4, frame.payload.elementsEqual("pong".utf8) { return .control }
        guard let f = TopLevelFields(frame.payload) else { return .other }
        // Data frames lead with `arg`, acks with `event`; only other layouts need a full scan.
        if !f.startsWith("arg") && f.has("event") { return .control }
        guard let arg = f.value("arg"), arg.kind == .object, let a = TopLevelFields(f.scanner.raw(arg)),
              let channel = a.string("channel") else { return .other }
        topics.append(key(channel, a.string("instId") ?? a.string("instType") ?? a.string("instFamily") ?? ""))
        return .data
    }

    public static func key(_ channel: String, _ target: String) -> String { channel + ":" + target }

    public static func keys(forClientTopic topic: String) -> [String] { [topic] }

    public static func urlTopics(_ uri: String) -> [String] { [] }

    public static func handle(_ message: String, connectionID: String) -> ClientRequest {
        var request = ClientRequest()
        if message == "ping" { request.replies.append("pong"); return request }
        guard let object = jsonObject(message), let op = object["op"] as? String, let args = object["args"] as? [[String: Any]] else {
            request.replies.append(error("60012", "Invalid request: \(message.prefix(200))", connectionID))
            return request
        }
        request.op = op
        request.id = jsonScalarText(message, key: "id") ?? "null"
        guard op == "subscribe" || op == "unsubscribe" else {
            request.replies.append(error("60012", "Invalid request: unknown op \(op)", connectionID))
            return request
        }
        for arg in args {
            guard let channel = arg["channel"] as? String else {
                request.replies.append(error("60018", "Wrong URL or channel doesn't exist", connectionID))
                continue
            }
            var echoed = "{\"channel\":\(JSONText.quote(channel))"
            var target = ""
            for field in ["instType", "instFamily", "instId"] {
                if let v = arg[field] as? String { echoed += ",\"\(field)\":\(JSONText.quote(v))"; target = v }
            }
            echoed += "}"
            let k = key(channel, target)
            if op == "subscribe" { request.subscribe.append(k) } else { request.unsubscribe.append(k) }
            // OKX echoes a request's `id` first in each answer; without one there is none.
            let id = request.id == "null" ? "" : "\"id\":\(request.id),"
            request.replies.append("{\(id)\"event\":\"\(op)\",\"arg\":\(echoed),\"connId\":\(JSONText.quote(connectionID))}")
        }
        return request
    }

    /// OKX refuses an over-long request with `60014`-style errors; the message says why.
    public static func refusal(_ message: String, to request: ClientRequest, connectionID: String) -> String {
        error("60014", message, connectionID)
    }

    public static func error(_ code: String, _ message: String, _ conn: String) -> String {
        "{\"event\":\"error\",\"code\":\"\(code)\",\"msg\":\(JSONText.quote(message)),\"connId\":\(JSONText.quote(conn))}"
    }

    /// OKX v5's empty list: `{"code":"0","data":[],"msg":""}`.
    public static func emptyAnswer(path: String, query: [String: String], clockMillis: Int64) -> String {
        "{\"code\":\"0\",\"data\":[],\"msg\":\"\"}"
    }
}
