import LiqsimCore

/// Binance USD-M futures. Market streams (aggTrade, markPrice, forceOrder) moved to the
/// `/market` routed path; a connection to the bare root no longer receives them. Streams
/// go in the URL (`/market/stream?streams=a/b`), so nothing is sent after connecting.
/// The server pings every 3 minutes and drops connections that do not pong within 10;
/// websocket-kit answers pings, and we ping too so a dead link is noticed early.
public enum BinanceEndpoints: LiveEndpoints {
    public static let stream = StreamID.binanceUSDM
    public static let defaultEndpoint = "wss://fstream.binance.com"
    public static let defaultRESTBase = "https://fapi.binance.com"
    /// "A single connection can listen to a maximum of 200 streams."
    public static let maxTopicsPerConnection = 200
    public static let keepAlive = KeepAlive.webSocketPing(seconds: 20)

    /// `!forceOrder@arr` (every symbol's liquidations), then per symbol aggTrade and
    /// markPrice@1s (mark, funding rate `r`, next funding `T`). Stream names are lowercase.
    public static func topics(for symbols: [String]) -> [String] {
        ["!forceOrder@arr"] + symbols.flatMap { s -> [String] in
            let l = s.lowercased()
            return ["\(l)@aggTrade", "\(l)@markPrice@1s"]
        }
    }

    /// Combined-stream mode: frames arrive as `{"stream":"btcusdt@aggTrade","data":{…}}`.
    public static func connection(endpoint: String, topics: [String]) -> ConnectionPlan {
        ConnectionPlan(url: joinURL(endpoint, "/market/stream") + "?streams=" + topics.joined(separator: "/"), messages: [], topics: topics)
    }

    /// Open interest and the global long/short account ratio (5-minute buckets).
    public static func pollURLs(base: String, symbols: [String]) -> [String] {
        symbols.flatMap { s in
            [joinURL(base, "/fapi/v1/openInterest?symbol=\(s)"),
             joinURL(base, "/futures/data/globalLongShortAccountRatio?symbol=\(s)&period=5m&limit=1")]
        }
    }

    public static func instrumentURLs(base: String, symbols: [String]) -> [String] {
        [joinURL(base, "/fapi/v1/exchangeInfo")]
    }
}
