import LiqsimCore

/// Deterministic number and time text for result files: fixed decimals (C locale), so the
/// same results give the same bytes on every machine.
public enum ResultText {
    /// Fixed decimals (half away from zero, no "-0.00"); "" for NaN, "inf"/"-inf".
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        if value.isNaN { return "" }
        return NumberText.fixed(value, decimals) ?? (value > 0 ? "inf" : "-inf")
    }

    /// `fixed`'s bytes appended to `out`, without intermediate Strings.
    public static func appendFixed(_ value: Double, _ decimals: Int, to out: inout [UInt8]) {
        if value.isNaN { return }
        if !NumberText.appendFixed(value, decimals, to: &out) { out += (value > 0 ? "inf" : "-inf").utf8 }
    }

    /// A price or quantity: shortest exact decimal (Swift's round-trip description).
    public static func exact(_ value: Double) -> String { NumberText.shortest(value) ?? "" }

    public static func time(_ nanos: Int64) -> String { UTCDateTime(UnixNanos(nanos)).iso8601Millis }

    /// `time`'s bytes appended to `out` (`2026-01-01T00:01:00.000Z`) without intermediate
    /// Strings: trades.csv and results.sqlite's trades write two per trade. The 24 bytes
    /// are formatted in place and appended at once (`appendTimeBytes`).
    public static func appendTime(_ nanos: Int64, to out: inout [UInt8]) {
        let t = UTCDateTime(UnixNanos(nanos))
        guard (0...9_999).contains(t.year) else { out += t.iso8601Millis.utf8; return }
        appendTimeBytes(t, to: &out)
    }

    /// `exact`'s bytes appended to `out`: integers as digits without Strings.
    public static func appendExact(_ value: Double, to out: inout [UInt8]) {
        if value == value.rounded() && abs(value) < 1e15 {
            _ = NumberText.appendFixed(value, 0, to: &out)
        } else {
            out += exact(value).utf8
        }
    }

    /// A number field as `fixed` writes it: "inf", "-inf", "" (NaN) or a decimal; nil for
    /// anything else.
    public static func number(_ text: String) -> Double? {
        switch text {
        case "inf": return .infinity
        case "-inf": return -.infinity
        case "": return .nan
        default: return Double(text)
        }
    }
}
