import LiqsimCore

/// Bybit v5 linear perpetuals. Subscriptions are sent as
/// `{"op":"subscribe","args":["tickers.BTCUSDT",…]}` and acknowledged with
/// `{"success":true,"ret_msg":"","conn_id":"…","req_id":"","op":"subscribe"}` (real ack in
/// bybit-linear-20260809-a.jsonl). Bybit asks for `{"op":"ping"}` every 20 s.
enum BybitLive: LiveExchange {
    static let stream = StreamID.bybitLinear
    static let defaultEndpoint = "wss://stream.bybit.com/v5/public/linear"
    static let defaultRESTBase = "https://api.bybit.com"
    static let maxTopicsPerConnection = 150
    static let keepAlive = KeepAlive.text("{\"op\":\"ping\"}", seconds: 20)
    /// Topics per subscribe request (Bybit rejects long arg lists on some categories).
    static let topicsPerMessage = 10

    /// Per symbol: `allLiquidation` (every liquidation, not the 1-per-second sample),
    /// `publicTrade`, and `tickers` (mark, funding, open interest; snapshot then deltas).
    static func topics(for symbols: [String]) -> [String] {
        symbols.flatMap { ["allLiquidation.\($0)", "publicTrade.\($0)", "tickers.\($0)"] }
    }

    static func connection(endpoint: String, topics: [String]) -> ConnectionPlan {
        let messages = stride(from: 0, to: topics.count, by: topicsPerMessage).map { start in
            let args = topics[start..<min(topics.count, start + topicsPerMessage)].map { "\"\($0)\"" }.joined(separator: ",")
            return "{\"op\":\"subscribe\",\"args\":[\(args)]}"
        }
        return ConnectionPlan(url: endpoint, messages: messages, topics: topics)
    }

    /// Long/short account ratio (open interest arrives on `tickers`).
    static func pollURLs(base: String, symbols: [String]) -> [String] {
        symbols.map { joinURL(base, "/v5/market/account-ratio?category=linear&symbol=\($0)&period=5min&limit=1") }
    }

    static func instrumentURLs(base: String, symbols: [String]) -> [String] {
        symbols.map { joinURL(base, "/v5/market/instruments-info?category=linear&symbol=\($0)") }
    }
}
