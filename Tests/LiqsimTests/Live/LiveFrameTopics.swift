import Foundation

/// The test's own reading of which recorded frames a `record` session subscribed to,
/// written from the exchanges' documented frame shapes with Foundation's JSON parser —
/// independent of serve's byte-level router, which it checks.
enum LiveFrameTopics {
    enum Kind: Equatable { case data, control, other }

    /// Symbols the round-trip recorder subscribes to: every symbol with frames in the real capture.
    static let symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT", "DENTUSDT", "KSMUSDT", "YFIUSDT", "XMRUSDT"]

    static func classify(_ stream: String, _ text: String) -> Kind {
        if stream == "okx-swap" && text == "pong" { return .control }
        guard let o = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return .other }
        switch stream {
        case "binance-usdm": return o["stream"] != nil || o["e"] != nil ? .data : (o["result"] != nil || o["id"] != nil ? .control : .other)
        case "bybit-linear": return o["topic"] != nil ? .data : (o["op"] != nil || o["success"] != nil ? .control : .other)
        default: return o["event"] != nil ? .control : (o["arg"] != nil ? .data : .other)
        }
    }

    /// True when a `record --symbols <symbols>` session receives this data frame.
    static func subscribed(_ stream: String, _ text: String) -> Bool {
        guard let o = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return true }
        let lower = Set(symbols.map { $0.lowercased() })
        switch stream {
        case "binance-usdm":
            if let name = (o["stream"] as? String)?.lowercased() {
                if name.contains("forceorder") { return true }   // !forceOrder@arr covers every symbol
                let parts = name.split(separator: "@").map(String.init)
                guard parts.count >= 2, lower.contains(parts[0]) else { return false }
                return parts[1] == "aggtrade" || parts[1] == "markprice"
            }
            let e = o["e"] as? String
            if e == "forceOrder" { return true }
            guard let s = (o["s"] as? String)?.lowercased(), lower.contains(s) else { return false }
            return e == "aggTrade" || e == "markPriceUpdate"
        case "bybit-linear":
            guard let topic = o["topic"] as? String else { return false }
            return symbols.contains { ["allLiquidation.\($0)", "publicTrade.\($0)", "tickers.\($0)"].contains(topic) }
        default:
            guard let arg = o["arg"] as? [String: Any], let channel = arg["channel"] as? String else { return false }
            if channel == "liquidation-orders" { return arg["instType"] as? String == "SWAP" }
            let ids = symbols.filter { $0.hasSuffix("USDT") }.map { "\($0.dropLast(4))-USDT-SWAP" }
            return ["trades", "mark-price", "funding-rate", "open-interest"].contains(channel) && ids.contains(arg["instId"] as? String ?? "")
        }
    }

    /// What a combined-stream subscriber of the round trip receives for a recorded Binance
    /// data frame: Binance's envelope named as the recorder subscribed (`!forceOrder@arr`,
    /// `<sym>@aggTrade`, `<sym>@markPrice@1s`) around the event; unchanged when the
    /// recording already is exactly that.
    static func binanceCombined(_ text: String) -> String {
        guard let o = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return text }
        var event = text
        var kind = o["e"] as? String
        var symbol = (o["s"] as? String)?.lowercased()
        if let name = o["stream"] as? String, let r = text.range(of: ",\"data\":") {
            event = String(text[r.upperBound...].dropLast())
            let data = o["data"] as? [String: Any]
            kind = data?["e"] as? String
            symbol = (data?["s"] as? String)?.lowercased() ?? name.split(separator: "@").first.map { String($0) }
        }
        let target: String
        switch kind {
        case "forceOrder": target = "!forceOrder@arr"
        case "markPriceUpdate": target = "\(symbol ?? "")@markPrice@1s"
        default: target = "\(symbol ?? "")@\(kind ?? "")"
        }
        return "{\"stream\":\"\(target)\",\"data\":\(event)}"
    }
}
