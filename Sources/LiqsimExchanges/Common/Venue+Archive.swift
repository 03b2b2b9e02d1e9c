import LiqsimCore

/// What `import tardis` does with a frame Tardis.dev made by polling a REST endpoint
/// (`"generated":true`) rather than receiving it on the WebSocket.
public enum TardisGenerated: Sendable, Equatable {
    /// An ordinary WebSocket frame: kept verbatim.
    case notGenerated
    /// The polled body as the REST record live recording would have captured for `url`.
    case rest(url: String, body: String)
    /// The polled rows rewritten as the live WebSocket frame that carries the same events.
    case frame(String)
    /// A polled series liqsim has no event for: reported (channel and why), not imported.
    case unsupported(channel: String, reason: String)
}

extension Venue {
    public static var tardisExchanges: [String] { [] }
    public static func unifiedSymbol(_ raw: Symbol) -> Symbol { raw }

    /// Linear amounts: the amount is in base units; USD = amount × price.
    public static func archiveAmounts(_ amount: FixedDecimal, price: FixedDecimal, raw: Symbol) -> (qty: FixedDecimal, usdCents: Int64)? {
        FixedDecimal.productCents(amount, price).map { (amount, $0) }
    }

    public static func tardisGenerated(_ frame: String) -> TardisGenerated {
        guard TardisFrame.isGenerated(frame) else { return .notGenerated }
        return .unsupported(channel: TardisFrame.channel(frame) ?? "?", reason: "a REST-polled series liqsim has no decoder for on \(stream.rawValue)")
    }
}

/// Top-level members of a Tardis frame's JSON, found on its text (import only: generated
/// frames are rare, one per poll).
public enum TardisFrame {
    public static func isGenerated(_ frame: String) -> Bool { frame.contains("\"generated\":true") }

    /// `stream` (Binance), `topic` (Bybit) or `arg.channel` (OKX).
    static func channel(_ frame: String) -> String? {
        let bytes = Array(frame.utf8)
        for key in ["stream", "topic"] {
            if let span = RawJSON.member(bytes, key: key) { return RawJSON.unquoted(bytes, span) }
        }
        guard let arg = RawJSON.member(bytes, key: "arg") else { return nil }
        let inner = Array(bytes[arg])
        return RawJSON.member(inner, key: "channel").map { RawJSON.unquoted(inner, $0) }
    }
}
