/// The raw text of a JSON object's top-level member, found by a scan that respects strings
/// and nesting: for frames that must be kept or re-wrapped byte for byte (import only).
public enum RawJSON {
    /// The bytes of `key`'s value in the object `b` (nil when absent).
    public static func member(_ b: [UInt8], key: String) -> Range<Int>? {
        let needle = Array("\"\(key)\"".utf8)
        var depth = 0, i = 0, inString = false
        while i < b.count {
            let c = b[i]
            if inString {
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == UInt8(ascii: "\"") { inString = false }
                i += 1; continue
            }
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
            else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") { depth -= 1 }
            else if c == UInt8(ascii: "\"") {
                if depth == 1, i + needle.count <= b.count, b[i..<(i + needle.count)].elementsEqual(needle) {
                    var j = i + needle.count
                    while j < b.count, b[j] == 0x20 || b[j] == UInt8(ascii: ":") { j += 1 }
                    return j < b.count ? j..<valueEnd(b, j) : nil
                }
                inString = true
            }
            i += 1
        }
        return nil
    }

    static func valueEnd(_ b: [UInt8], _ start: Int) -> Int {
        var depth = 0, i = start, inString = false
        while i < b.count {
            let c = b[i]
            if inString {
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == UInt8(ascii: "\"") { inString = false; if depth == 0 { return i + 1 } }
            } else if c == UInt8(ascii: "\"") { inString = true }
            else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
            else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return i + 1 }
                if depth < 0 { return i }
            } else if depth == 0 && c == UInt8(ascii: ",") { return i }
            i += 1
        }
        return b.count
    }

    /// A string value's text without its quotes (escapes kept as written).
    public static func unquoted(_ b: [UInt8], _ span: Range<Int>) -> String {
        var r = span
        if r.count >= 2, b[r.lowerBound] == UInt8(ascii: "\""), b[r.upperBound - 1] == UInt8(ascii: "\"") { r = (r.lowerBound + 1)..<(r.upperBound - 1) }
        return String(decoding: b[r], as: UTF8.self)
    }
}
