import LiqsimCore

/// Strict matching of compact JSON for the adapters' fast paths: a venue's usual frame
/// layout (every key, in the order the venue sends them) is checked literal by literal and
/// only the values are scanned. Each step accepts a strict subset of what the general
/// scanner accepts and returns the slice the general scanner would return for the same
/// bytes (same start, end and kind; strings never escaped), so a fast path that matched a
/// whole frame hands its decoder exactly the slices of the general path. Anything else —
/// another key, whitespace, an escape, damage — makes a step fail (`nil` / `false`) and
/// the adapter decodes the frame with the general scanner from the start.
extension JSONScanner {
    /// Consumes `literal` when the bytes at the position are exactly it. Compared a word at
    /// a time with the last word overlapping the one before (4–7 bytes: two overlapping
    /// 4-byte words), so an 11-byte key such as `{"stream":"` is two compares, not four;
    /// the literal's words are constants at the inlined call sites.
    @inline(__always)
    public mutating func match(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard n > 0 else { return true }
        guard position &+ n <= bytes.count else { return false }
        let p = UnsafeRawPointer(literal.utf8Start)
        let at = bytes.baseAddress! + position
        if n >= 8 {
            var i = 0
            while i &+ 8 < n {
                if at.loadUnaligned(fromByteOffset: i, as: UInt64.self) != p.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i &+= 8
            }
            if at.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) != p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) { return false }
        } else if n >= 4 {
            if at.loadUnaligned(as: UInt32.self) != p.loadUnaligned(as: UInt32.self)
                || at.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self) != p.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self) { return false }
        } else {
            for i in 0..<n where at.load(fromByteOffset: i, as: UInt8.self) != p.load(fromByteOffset: i, as: UInt8.self) { return false }
        }
        position &+= n
        return true
    }

    /// A string value without escapes or control bytes (`"…"`), positioned after its quote.
    @inline(__always)
    public mutating func compactString() -> JSONSlice? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position &+ 1
        let end = bytes.indexOfStringSpecial(from: start)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        position = end &+ 1
        return JSONSlice(start: start, end: end, kind: .string)
    }

    /// A number of digits with an optional leading `-`, followed by `,`, `}` or `]` (the
    /// general scanner's number ends at the same byte).
    @inline(__always)
    public mutating func compactInteger() -> JSONSlice? {
        let start = position
        var i = position
        if i < bytes.count && bytes[i] == UInt8(ascii: "-") { i &+= 1 }
        let end = bytes.indexOfNonDigit(from: i)
        guard end > i, end < bytes.count else { return nil }
        let c = bytes[end]
        guard c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") else { return nil }
        position = end
        return JSONSlice(start: start, end: end, kind: .number)
    }

    /// `true` or `false` followed by `,`, `}` or `]`.
    @inline(__always)
    public mutating func compactBool() -> JSONSlice? {
        let start = position
        if !match("true") && !match("false") { return nil }
        guard position < bytes.count else { position = start; return nil }
        let c = bytes[position]
        guard c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") else { position = start; return nil }
        return JSONSlice(start: start, end: position, kind: .literal)
    }

    /// After a string member's value: `,"` then a key without escapes and `":`; the key's
    /// slice (for objects whose keys vary, such as Bybit's ticker deltas). Nil at anything
    /// else, the position unchanged.
    @inline(__always)
    public mutating func compactNextKey() -> JSONSlice? {
        guard position &+ 1 < bytes.count, bytes[position] == UInt8(ascii: ","), bytes[position &+ 1] == UInt8(ascii: "\"") else { return nil }
        let start = position &+ 2
        let end = bytes.indexOfStringSpecial(from: start)
        guard end &+ 1 < bytes.count, bytes[end] == UInt8(ascii: "\""), bytes[end &+ 1] == UInt8(ascii: ":") else { return nil }
        position = end &+ 2
        return JSONSlice(start: start, end: end, kind: .string)
    }

    /// The byte at the position, if any (no whitespace skipped).
    @inline(__always)
    public var current: UInt8? { position < bytes.count ? bytes[position] : nil }
}
