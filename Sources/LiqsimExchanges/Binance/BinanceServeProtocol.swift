import Foundation
import LiqsimCore

/// Binance USD-M combined streams as `serve` speaks them. Clients name streams in the URL
/// (`/binance-usdm/market/stream?streams=btcusdt@aggTrade/!forceOrder@arr`) or send
/// `{"method":"SUBSCRIBE","params":[…],"id":1}` (answered `{"result":null,"id":1}`).
///
/// Keys are lowercase stream names; `@markPrice@1s` and `@markPrice` are one key (a
/// capture holds whichever cadence was recorded), and a liquidation is keyed both as
/// `!forceorder@arr` and as `<symbol>@forceorder`, so either subscription receives it.
public enum BinanceServeProtocol: ServeProtocol {
    public static let stream = StreamID.binanceUSDM

    /// Real frames: `{"stream":"btcusdt@aggTrade","data":{…}}` (combined) and the bare
    /// `{"e":"forceOrder","E":…,"o":{"s":"BTCUSDT",…}}`; `{"result":null,"id":1}` is an ack.
    public static func route(_ frame: ExchangeInput, topics: inout [String]) -> FrameRoute {
        guard let f = TopLevelFields(frame.payload) else { return .other }
        if let name = f.string("stream") {
            let key = canonical(name)
            topics.append(key)
            if key == "!forceorder@arr", let data = f.value("data"),
               let symbol = TopLevelFields(f.scanner.raw(data))?.nestedString("o", "s") {
                topics.append(symbol.lowercased() + "@forceorder")
            } else if key.hasSuffix("@forceorder") {
                topics.append("!forceorder@arr")
            }
            return .data
        }
        if let event = f.string("e") {
            switch event {
            case "forceOrder":
                if let s = f.nestedString("o", "s") { topics.append(s.lowercased() + "@forceorder") }
                topics.append("!forceorder@arr")
            case "markPriceUpdate":
                if let s = f.string("s") { topics.append(s.lowercased() + "@markprice") }
            default:
                if let s = f.string("s") { topics.append(s.lowercased() + "@" + event.lowercased()) }
            }
            return topics.isEmpty ? .other : .data
        }
        return f.has("result") || f.has("id") ? .control : .other
    }

    public static func canonical(_ name: String) -> String {
        var key = name.lowercased()
        for cadence in ["@1s", "@3s"] where key.hasSuffix(cadence) && key.contains("@markprice") { key.removeLast(cadence.count) }
        return key
    }

    public static func keys(forClientTopic topic: String) -> [String] { [canonical(topic)] }

    public static func urlTopics(_ uri: String) -> [String] {
        guard let components = URLComponents(string: uri),
              let streams = components.queryItems?.first(where: { $0.name == "streams" })?.value else {
            // Raw mode `/ws/<stream>`: the stream is the last path component (a stream name
            // has an `@`; ccxt's connection numbers, `/ws/0`, are not streams).
            if let path = URLComponents(string: uri)?.path, let r = path.range(of: "/ws/") {
                return path[r.upperBound...].split(separator: "/").map(String.init).filter { $0.contains("@") }
            }
            return []
        }
        return streams.split(separator: "/").map(String.init)
    }

    public static func handle(_ message: String, connectionID: String) -> ClientRequest {
        var request = ClientRequest()
        request.id = jsonScalarText(message, key: "id") ?? "null"
        guard let object = jsonObject(message), let method = object["method"] as? String else {
            request.replies.append("{\"error\":{\"code\":3,\"msg\":\"Invalid JSON: expected {\\\"method\\\":…,\\\"params\\\":[…],\\\"id\\\":…}\"},\"id\":\(request.id)}")
            return request
        }
        request.op = method
        let id = request.id
        let params = (object["params"] as? [Any])?.compactMap { $0 as? String } ?? []
        switch method {
        case "SUBSCRIBE":
            request.subscribe = params
            request.replies.append("{\"result\":null,\"id\":\(id)}")
        case "UNSUBSCRIBE":
            request.unsubscribe = params
            request.replies.append("{\"result\":null,\"id\":\(id)}")
        case "LIST_SUBSCRIPTIONS":
            request.listID = id
        default:
            request.replies.append("{\"error\":{\"code\":1,\"msg\":\"Invalid request: unknown method \(method)\"},\"id\":\(id)}")
        }
        return request
    }

    /// Binance's error shape: `{"error":{"code":2,"msg":"…"},"id":1}`.
    public static func refusal(_ message: String, to request: ClientRequest, connectionID: String) -> String {
        "{\"error\":{\"code\":2,\"msg\":\(JSONText.quote(message))},\"id\":\(request.id)}"
    }

    /// `/stream` paths (`/stream`, `/market/stream`, `/public/stream`) carry combined
    /// envelopes; every other path (`/ws`, `/ws/<stream>`, `/market/ws`) the bare event,
    /// as on Binance.
    public static func framing(uri: String) -> ClientFraming {
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        return path.split(separator: "/").contains("stream") ? .combined : .bare
    }

    /// The event of a data frame: a combined frame's `data` member, or a bare event whole.
    public static func eventRange(_ frame: ExchangeInput) -> Range<Int>? {
        guard let f = TopLevelFields(frame.payload) else { return nil }
        if f.has("stream") {
            guard let d = f.value("data"), d.kind == .object else { return nil }
            return d.start..<d.end
        }
        return f.has("e") ? 0..<frame.payload.count : nil
    }

    /// Binance's list endpoints answer an empty list as `[]`.
    public static func emptyAnswer(path: String, query: [String: String], clockMillis: Int64) -> String { "[]" }
}
