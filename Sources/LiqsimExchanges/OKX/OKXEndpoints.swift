import LiqsimCore

/// OKX v5 public channels. Topics are written `channel:instId` (or `channel:instType`
/// for `liquidation-orders`, which covers every SWAP instrument). Subscriptions:
/// `{"op":"subscribe","args":[{"channel":"trades","instId":"BTC-USDT-SWAP"}]}`, acked
/// per arg with `{"event":"subscribe","arg":{…}}` (real acks in okx-swap-20220227.jsonl).
/// OKX closes a connection that is silent for 30 s: we send `ping` (answered `pong`).
public enum OKXEndpoints: LiveEndpoints {
    public static let stream = StreamID.okxSwap
    public static let defaultEndpoint = "wss://ws.okx.com:8443/ws/v5/public"
    public static let defaultRESTBase = "https://www.okx.com"
    public static let maxTopicsPerConnection = 240
    public static let keepAlive = KeepAlive.text("ping", seconds: 20)
    /// OKX bounds a request by size (64 KB), not by count; 100 args stay far below it.
    public static let topicsPerMessage = 100

    /// `BTCUSDT` → `BTC-USDT-SWAP` (linear USDT/USDC perpetuals); nil for other symbols.
    public static func instrumentID(_ symbol: String) -> String? {
        for quote in ["USDT", "USDC"] where symbol.hasSuffix(quote) && symbol.count > quote.count {
            return "\(symbol.dropLast(quote.count))-\(quote)-SWAP"
        }
        return nil
    }

    public static func topics(for symbols: [String]) -> [String] {
        ["liquidation-orders:SWAP"] + symbols.compactMap(instrumentID).flatMap { id in
            ["trades:\(id)", "mark-price:\(id)", "funding-rate:\(id)", "open-interest:\(id)"]
        }
    }

    /// The JSON `arg` object of a topic.
    public static func argument(_ topic: String) -> String {
        let parts = topic.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return "{\"channel\":\"\(topic)\"}" }
        let key = parts[0] == "liquidation-orders" ? "instType" : "instId"
        return "{\"channel\":\"\(parts[0])\",\"\(key)\":\"\(parts[1])\"}"
    }

    public static func connection(endpoint: String, topics: [String]) -> ConnectionPlan {
        let messages = stride(from: 0, to: topics.count, by: topicsPerMessage).map { start in
            let args = topics[start..<min(topics.count, start + topicsPerMessage)].map(argument).joined(separator: ",")
            return "{\"op\":\"subscribe\",\"args\":[\(args)]}"
        }
        return ConnectionPlan(url: endpoint, messages: messages, topics: topics)
    }

    /// Long/short account ratio of the contract (open interest arrives on its channel).
    public static func pollURLs(base: String, symbols: [String]) -> [String] {
        symbols.compactMap(instrumentID).map { joinURL(base, "/api/v5/rubik/stat/contracts/long-short-account-ratio-contract?instId=\($0)&period=5m") }
    }

    /// SWAP instruments carry `ctVal`, needed to turn liquidation contracts into base quantity.
    public static func instrumentURLs(base: String, symbols: [String]) -> [String] {
        [joinURL(base, "/api/v5/public/instruments?instType=SWAP")]
    }
}
