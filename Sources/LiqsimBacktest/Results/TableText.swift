import Foundation
import LiqsimCore

/// Deterministic number and time text for result files: fixed decimals (C locale), so the
/// same results give the same bytes on every machine.
enum TableText {
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        if value.isNaN { return "" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let text = String(format: "%.\(decimals)f", value)
        return text == "-" + String(format: "%.\(decimals)f", 0.0) ? String(text.dropFirst()) : text   // no "-0.00"
    }

    /// A price or quantity: shortest exact decimal (Swift's round-trip description).
    static func exact(_ value: Double) -> String {
        value.isNaN ? "" : (value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)")
    }

    static func time(_ nanos: Int64) -> String { UTCDateTime(UnixNanos(nanos)).iso8601Millis }

    /// A CSV field: quoted when it holds a comma, quote or newline.
    static func csv(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Metric columns in runs.csv: money with 2 decimals, counts whole, the rest with 4.
    static func metric(_ name: String, _ value: Double) -> String {
        if name == "trades" { return String(Int(value)) }
        if name.hasSuffix("_usd") { return fixed(value, 2) }
        return fixed(value, 4)
    }
}
