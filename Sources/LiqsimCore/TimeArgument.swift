/// Parses times given on the command line or in scenarios: RFC 3339 / ISO 8601 UTC
/// (`2026-01-01T00:00:00Z`, `2026-01-01T00:00:00.250Z`, `2026-01-01`) or integer
/// nanoseconds since the epoch.
public enum TimeArgument {
    public static func parse(_ text: String) -> UnixNanos? {
        if let n = Int64(text) { return UnixNanos(n) }
        let chars = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var v = 0
            for c in chars[from..<(from + count)] {
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = number(0, 4), chars.count >= 10, chars[4] == UInt8(ascii: "-"), let mo = number(5, 2),
              chars[7] == UInt8(ascii: "-"), let d = number(8, 2), (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var seconds = UTCDateTime.daysFromCivil(year: y, month: mo, day: d) * 86_400
        var nanos: Int64 = 0
        if chars.count > 10 {
            guard chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " "), let h = number(11, 2), chars.count > 13, chars[13] == UInt8(ascii: ":"),
                  let mi = number(14, 2), h < 24, mi < 60 else { return nil }
            var i = 16
            var s = 0
            if i < chars.count, chars[i] == UInt8(ascii: ":") {
                guard let sec = number(17, 2), sec < 61 else { return nil }
                s = sec; i = 19
            }
            if i < chars.count, chars[i] == UInt8(ascii: ".") {
                i += 1
                var digits = 0
                while i < chars.count, chars[i] >= 48, chars[i] <= 57 {
                    if digits < 9 { nanos = nanos * 10 + Int64(chars[i] - 48); digits += 1 }
                    i += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<9 { nanos *= 10 }
            }
            guard i == chars.count - 1 && chars[i] == UInt8(ascii: "Z") || i == chars.count else { return nil }
            seconds += Int64(h * 3600 + mi * 60 + s)
        }
        return UnixNanos(seconds * 1_000_000_000 + nanos)
    }
}
