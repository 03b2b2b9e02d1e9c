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
