import LiqsimCore

/// Bybit v5 linear perpetuals. Subscriptions are sent as
/// `{"op":"subscribe","args":["tickers.BTCUSDT",…]}` and acknowledged with
/// `{"success":true,"ret_msg":"","conn_id":"…","req_id":"","op":"subscribe"}` (real ack in
/// bybit-linear-20260809-a.jsonl). Bybit asks for `{"op":"ping"}` every 20 s.
public enum BybitEndpoints: LiveEndpoints {
    public static let stream = StreamID.bybitLinear
    public static let defaultEndpoint = "wss://stream.bybit.com/v5/public/linear"
    public static let defaultRESTBase = "https://api.bybit.com"
    public static let maxTopicsPerConnection = 150
    public static let keepAlive = KeepAlive.text("{\"op\":\"ping\"}", seconds: 20)
    /// Topics per subscribe request (Bybit rejects long arg lists on some categories).
    public static let topicsPerMessage = 10

    /// Per symbol: `allLiquidation` (every liquidation, not the 1-per-second sample),
    /// `publicTrade`, and `tickers` (mark, funding, open interest; snapshot then deltas).
    public static func topics(for symbols: [String]) -> [String] {
        symbols.flatMap { ["allLiquidation.\($0)", "publicTrade.\($0)", "tickers.\($0)"] }
    }

    public static func connection(endpoint: String, topics: [String]) -> ConnectionPlan {
        let messages = stride(from: 0, to: topics.count, by: topicsPerMessage).map { start in
            let args = topics[start..<min(topics.count, start + topicsPerMessage)].map { "\"\($0)\"" }.joined(separator: ",")
            return "{\"op\":\"subscribe\",\"args\":[\(args)]}"
        }
        return ConnectionPlan(url: endpoint, messages: messages, topics: topics)
    }

    /// Long/short account ratio (open interest arrives on `tickers`).
    public static func pollURLs(base: String, symbols: [String]) -> [String] {
        symbols.map { joinURL(base, "/v5/market/account-ratio?category=linear&symbol=\($0)&period=5min&limit=1") }
    }

    public static func instrumentURLs(base: String, symbols: [String]) -> [String] {
        symbols.map { joinURL(base, "/v5/market/instruments-info?category=linear&symbol=\($0)") }
    }
}
