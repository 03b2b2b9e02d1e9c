import Foundation
import LiqsimCore

/// Deterministic number and time text for result files: fixed decimals (C locale), so the
/// same results give the same bytes on every machine.
enum TableText {
    /// Fixed decimals (half away from zero, no "-0.00"); "" for NaN, "inf"/"-inf".
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        if value.isNaN { return "" }
        return NumberText.fixed(value, decimals) ?? (value > 0 ? "inf" : "-inf")
    }

    /// A price or quantity: shortest exact decimal (Swift's round-trip description).
    static func exact(_ value: Double) -> String { NumberText.shortest(value) ?? "" }

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
