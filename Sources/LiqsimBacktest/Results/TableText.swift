import Foundation
import LiqsimCore

/// Deterministic number and time text for result files: fixed decimals (C locale), so the
/// same results give the same bytes on every machine.
enum TableText {
    /// `value` rounded half away from zero to `decimals` (0…8) places; no "-0.00".
    /// Integer arithmetic: String(format:) made writing a 1,000-run equity.csv take seconds.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        if value.isNaN { return "" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let scale = powersOfTen[decimals]
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < 9e15 else { return String(format: "%.\(decimals)f", value) }
        let units = Int64(scaled)
        var text = units != 0 && value < 0 ? "-" : ""
        text += String(units / scale)
        if decimals > 0 {
            let fraction = String(units % scale)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    private static let powersOfTen: [Int64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

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
