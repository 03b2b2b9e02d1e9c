import LiqsimCore

extension Binance {
    public static var tardisExchanges: [String] { ["binance-futures"] }

    /// Tardis polls Binance's REST API and writes each answer as a frame:
    ///
    ///     {"stream":"btcusdt@openInterest","generated":true,"data":{"symbol":"BTCUSDT","openInterest":"10659.509","time":1589437530011}}
    ///
    /// `openInterest` becomes the `GET /fapi/v1/openInterest` body and
    /// `globalLongShortAccountRatio` the `GET /futures/data/globalLongShortAccountRatio` body
    /// (one row or an array of rows), which the adapter decodes as when `record` polls them.
    /// The top-trader and taker ratios (no live counterpart in liqsim) are reported.
    public static func tardisGenerated(_ frame: String) -> TardisGenerated {
        guard TardisFrame.isGenerated(frame) else { return .notGenerated }
        let bytes = Array(frame.utf8)
        guard let streamSpan = RawJSON.member(bytes, key: "stream"), let dataSpan = RawJSON.member(bytes, key: "data") else {
            return .unsupported(channel: "?", reason: "a generated frame without stream and data")
        }
        let stream = RawJSON.unquoted(bytes, streamSpan)
        let parts = stream.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2, let symbol = Symbol(parts[0].uppercased()) else { return .unsupported(channel: stream, reason: "no symbol in the stream name") }
        let body = String(decoding: bytes[dataSpan], as: UTF8.self)
        switch parts[1] {
        case "openInterest":
            return .rest(url: BinanceEncoder.openInterestURL(symbol), body: body)
        case "globalLongShortAccountRatio":
            return .rest(url: BinanceEncoder.longShortURL(symbol), body: body.hasPrefix("[") ? body : "[" + body + "]")
        default:
            return .unsupported(channel: parts[1], reason: "a REST-polled series with no live counterpart in liqsim (binance-usdm decodes openInterest and globalLongShortAccountRatio)")
        }
    }
}
