import Foundation

/// Deterministic text for numbers in result files, pages, tables and reports: the same
/// bytes on every machine (integer arithmetic, C-locale fallback).
public enum NumberText {
    /// `value` rounded half away from zero to `decimals` (0…18) places, no "-0.00"; nil for
    /// NaN and infinities (callers choose "", "inf" or "null").
    public static func fixed(_ value: Double, _ decimals: Int) -> String? {
        guard value.isFinite else { return nil }
        let places = min(max(decimals, 0), powersOfTen.count - 1)
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

    /// Appends exactly the bytes of `fixed(value, decimals)` without building Strings (a
    /// 1,000-run grid writes 1.44 M equity rows); false for NaN and infinities (nothing appended).
    public static func appendFixed(_ value: Double, _ decimals: Int, to out: inout [UInt8]) -> Bool {
        guard value.isFinite else { return false }
        let places = min(max(decimals, 0), powersOfTen.count - 1)
        let scale = powersOfTen[places]
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < 9e15 else {
            out += fixed(value, decimals)!.utf8
            return true
        }
        let units = Int64(scaled)
        if units != 0 && value < 0 { out.append(UInt8(ascii: "-")) }
        OutputBuffer.appendDigits(UInt64(units / scale), width: 1, to: &out)
        if places > 0 {
            out.append(UInt8(ascii: "."))
            OutputBuffer.appendDigits(UInt64(units % scale), width: places, to: &out)
        }
        return true
    }

    /// Shortest round-trip text (exact for prices parsed from decimals); integers without a
    /// decimal point; nil for NaN and infinities.
    public static func shortest(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// An integer with thousands separators: `-31,192,115`. The one grouping rule of liqsim's
    /// text (tables, reports, the dashboard, the replay summary; `OutputBuffer`'s
    /// `append(groupedCents:)` writes the same digits straight into bytes).
    public static func grouped(_ value: Int64) -> String {
        (value < 0 ? "-" : "") + group(String(value.magnitude))
    }

    public static func grouped(_ value: Int) -> String { grouped(Int64(value)) }

    /// `fixed` with thousands separators in the whole part: `1234567.891` at 2 →
    /// `1,234,567.89`; nil for NaN and infinities.
    public static func grouped(_ value: Double, decimals: Int) -> String? {
        guard let text = fixed(value, decimals) else { return nil }
        let sign = text.hasPrefix("-") ? "-" : ""
        let unsigned = text.dropFirst(sign.count)
        let whole = unsigned.prefix { $0 != "." }
        return sign + group(whole) + unsigned.dropFirst(whole.count)
    }

    /// Digits with a comma before every group of three from the right.
    private static func group(_ digits: some StringProtocol) -> String {
        let count = digits.count
        var out = ""
        out.reserveCapacity(count * 4 / 3 + 1)
        for (i, ch) in digits.enumerated() {
            if i > 0 && (count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return out
    }

    /// 10⁰…10¹⁸: every scale a `FixedDecimal` can have.
    private static let powersOfTen: [Int64] = (0...18).map { p in (0..<p).reduce(1) { r, _ in r * 10 } }
}
