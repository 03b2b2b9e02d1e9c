import LiqsimCore

/// The inverse of `ExchangeAdapter`: turns normalized `MarketEvent`s back into one
/// exchange's native WebSocket frame text (for `liqsim synth` and re-broadcasting).
///
/// Contract shared by every encoder: when `encodeFrame` returns true, decoding the
/// appended frame with that exchange's adapter — having decoded every frame this encoder
/// wrote before it, in order — yields exactly `event` again, except `recv`, which the
/// decoder takes from the transport (pass the same value). Anything the frame cannot
/// carry exactly makes the encoder return false and append nothing: another stream's
/// event, a time that is not a whole millisecond, a symbol that is not the exchange's
/// unified form of `rawSymbol`, a liquidation whose `usdCents` differs from what the
/// decoder computes, a size that is not a whole number of contracts.
///
/// Encoders hold only counters and the state needed to mirror the decoder (Bybit ticker
/// state, OKX de-duplication), so the same call sequence always produces the same bytes.
public protocol ExchangeEncoder {
    static var stream: StreamID { get }
    /// Appends one native WebSocket text frame for `event` to `out` (no newline). Returns false
    /// (appending nothing) when this exchange has no WebSocket frame for that event kind
    /// (e.g. long/short ratios are REST-only) or the event cannot be represented exactly.
    mutating func encodeFrame(_ event: MarketEvent, into out: OutputBuffer) -> Bool
}

extension UnixNanos {
    /// The time in whole milliseconds, or nil when it has a sub-millisecond part (frames
    /// carry milliseconds, so such a time cannot survive a round trip).
    var exactMillis: Int64? { rawValue % 1_000_000 == 0 ? rawValue / 1_000_000 : nil }
}

extension FixedDecimal {
    /// True when the value has no fractional part (`5`, `5.0`; not `5.5`).
    var isIntegral: Bool {
        var m = mantissa
        for _ in 0..<Int(scale) {
            if m % 10 != 0 { return false }
            m /= 10
        }
        return true
    }
}

extension OutputBuffer {
    /// `"<decimal>"`: exchanges quote prices and sizes as JSON strings.
    @inline(__always) func appendQuoted(_ d: FixedDecimal) {
        append(UInt8(ascii: "\"")); append(d); append(UInt8(ascii: "\""))
    }

    /// `"<integer>"`: OKX quotes its millisecond times and ids.
    @inline(__always) func appendQuoted(int v: Int64) {
        append(UInt8(ascii: "\"")); append(int: v); append(UInt8(ascii: "\""))
    }

    /// The symbol in lower case (Binance stream names: `btcusdt@aggTrade`).
    func appendLowercased(_ symbol: Symbol) {
        symbol.withBytes { b in
            for c in b { append(c >= 0x41 && c <= 0x5A ? c + 0x20 : c) }
        }
    }
}

/// SplitMix64: a fixed, portable bit mixer for id-shaped fields (never `random()`).
@inline(__always) func splitMix64(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
