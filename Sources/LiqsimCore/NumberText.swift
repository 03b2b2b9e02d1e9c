import Foundation

/// Deterministic text for numbers in result files and pages: the same bytes on every
/// machine (integer arithmetic, C-locale fallback).
public enum NumberText {
    /// `value` rounded half away from zero to `decimals` (0…8) places, no "-0.00"; nil for
    /// NaN and infinities (callers choose "", "inf" or "null").
    public static func fixed(_ value: Double, _ decimals: Int) -> String? {
        guard value.isFinite else { return nil }
        let places = min(max(decimals, 0), 8)
        let scale = powersOfTen[places]
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < 9e15 else { return String(format: "%.\(places)f", value) }
        let units = Int64(scaled)
        var text = units != 0 && value < 0 ? "-" : ""
        text += String(units / scale)
        if places > 0 {
            let fraction = String(units % scale)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }

    /// Shortest round-trip text (exact for prices parsed from decimals); integers without a
    /// decimal point; nil for NaN and infinities.
    public static func shortest(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// An integer with thousands separators: `-31,192,115`. The one grouping rule of liqsim's
    /// text (tables, reports, the dashboard).
    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = value < 0 ? "-" : ""
        out.reserveCapacity(digits.utf8.count * 4 / 3 + 1)
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return out
    }

    private static let powersOfTen: [Int64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]
}

/// JSON string literals.
public enum JSONText {
    /// `s` as a JSON string literal. `scriptSafe` also escapes `<`, `>`, `&` and U+2028/2029,
    /// so the literal can sit inside an HTML `<script>` element.
    public static func quote(_ s: String, scriptSafe: Bool = false) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where scriptSafe: out += "\\u003c"
            case ">" where scriptSafe: out += "\\u003e"
            case "&" where scriptSafe: out += "\\u0026"
            case "\u{2028}" where scriptSafe: out += "\\u2028"
            case "\u{2029}" where scriptSafe: out += "\\u2029"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
