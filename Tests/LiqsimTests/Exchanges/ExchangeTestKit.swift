// Fixtures: none directly; helpers shared by the tests in Tests/LiqsimTests/Exchanges/,
// which read the real frames in Fixtures/real/ (see PROVENANCE.md there).
import Foundation
import Testing
import LiqsimCore
import LiqsimExchanges

/// Helpers for the exchange-adapter tests (a namespace, so nothing collides with other suites).
enum ExchangeTestKit {
    // MARK: Event accessors

    static func liquidations(_ events: [MarketEvent]) -> [Liquidation] {
        events.compactMap { if case .liquidation(let e) = $0 { e } else { nil } }
    }
    static func trades(_ events: [MarketEvent]) -> [Trade] {
        events.compactMap { if case .trade(let e) = $0 { e } else { nil } }
    }
    static func marks(_ events: [MarketEvent]) -> [MarkFunding] {
        events.compactMap { if case .mark(let e) = $0 { e } else { nil } }
    }
    static func openInterests(_ events: [MarketEvent]) -> [OpenInterest] {
        events.compactMap { if case .openInterest(let e) = $0 { e } else { nil } }
    }
    static func ratios(_ events: [MarketEvent]) -> [LongShortRatio] {
        events.compactMap { if case .longShortRatio(let e) = $0 { e } else { nil } }
    }
    static func instruments(_ events: [MarketEvent]) -> [Instrument] {
        events.compactMap { if case .instrument(let e) = $0 { e } else { nil } }
    }

    /// Nanoseconds of a millisecond timestamp.
    static func ns(ms: Int64) -> Int64 { ms * 1_000_000 }

    // MARK: Raw bytes

    /// Feeds arbitrary bytes (not necessarily UTF-8) as one WebSocket frame.
    static func decode(bytes: [UInt8], stream: StreamID, recv: Int64 = 0, into harness: inout NormalizerHarness) -> [MarketEvent] {
        var events: [MarketEvent] = []
        var copy = bytes
        copy.withUnsafeMutableBytes { raw in
            harness.normalizer.decode(ExchangeInput(kind: .frame, recv: UnixNanos(recv), payload: UnsafeRawBufferPointer(raw)),
                                      stream: stream, into: &events)
        }
        return events
    }

    // MARK: Re-serialization (key order, unknown fields, whitespace)

    enum KeyOrder { case sorted, reversed }

    /// Re-serializes a real frame: every object's keys in `order`, optional unknown fields
    /// added to every object, optional pretty-printing whitespace. String values are kept
    /// byte for byte; numbers and literals go through JSONSerialization unchanged.
    static func reserialize(_ frame: String, order: KeyOrder, addUnknownFields: Bool = false, pretty: Bool = false) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(frame.utf8), options: [.fragmentsAllowed])
        var out = ""
        try write(object, order: order, unknown: addUnknownFields, pretty: pretty, indent: 0, into: &out)
        return out
    }

    private static func leaf(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: [value], options: [.fragmentsAllowed, .withoutEscapingSlashes])
        let text = String(decoding: data, as: UTF8.self)
        return String(text.dropFirst().dropLast())
    }

    private static func write(_ value: Any, order: KeyOrder, unknown: Bool, pretty: Bool, indent: Int, into out: inout String) throws {
        let nl = pretty ? "\n" + String(repeating: "  ", count: indent + 1) : ""
        let close = pretty ? "\n" + String(repeating: "  ", count: indent) : ""
        let colon = pretty ? " : " : ":"
        if let dict = value as? [String: Any] {
            // (key, value, value is an added unknown field: written without further additions)
            var entries: [(String, Any, Bool)] = dict.map { ($0.key, $0.value, false) }
            if unknown {
                // Unknown fields whose values contain brackets, quotes and commas inside strings.
                entries.append(("zzUnknownField", ["note": "a } b ] c \" d , e", "list": [1, 2, ["x": "{["]]] as [String: Any], true))
                entries.append(("aaUnknownFlag", true, true))
            }
            entries.sort { order == .sorted ? $0.0 < $1.0 : $0.0 > $1.0 }
            out += "{"
            for (i, (k, v, added)) in entries.enumerated() {
                if i > 0 { out += "," }
                out += nl + (try leaf(k)) + colon
                try write(v, order: order, unknown: unknown && !added, pretty: pretty, indent: indent + 1, into: &out)
            }
            out += close + "}"
        } else if let array = value as? [Any] {
            out += "["
            for (i, v) in array.enumerated() {
                if i > 0 { out += "," }
                out += nl
                try write(v, order: order, unknown: unknown, pretty: pretty, indent: indent + 1, into: &out)
            }
            out += close + "]"
        } else {
            out += try leaf(value)
        }
    }

    /// A real frame with one exact substring replaced (for frames "derived from the real shape").
    static func derive(_ frame: String, replacing old: String, with new: String) -> String {
        precondition(frame.contains(old), "derive: \(old) not in frame")
        return frame.replacingOccurrences(of: old, with: new)
    }
}
