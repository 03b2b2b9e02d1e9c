import LiqsimCore

/// A byte range of one JSON value inside a frame. For strings the range excludes the
/// quotes; `escaped` says whether a backslash occurs inside.
public struct JSONSlice: Sendable {
    public enum Kind: UInt8, Sendable { case string, number, object, array, literal }
    public var start: Int
    public var end: Int
    public var kind: Kind
    public var escaped = false

    public var count: Int { end - start }
}

/// A forward-only JSON scanner over a frame's bytes that allocates nothing.
///
/// It walks objects key by key and returns each value as a `JSONSlice`, skipping
/// values it is not asked about (nested objects and arrays are skipped by structure,
/// with strings honoured). Unknown keys and key order do not matter. Any structural
/// error sets `failed`; decoders then count the frame as malformed.
public struct JSONScanner {
    public let bytes: UnsafeRawBufferPointer
    public var position: Int
    public private(set) var failed = false

    @inline(__always)
    public init(_ bytes: UnsafeRawBufferPointer, at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            let c = bytes[position]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { position += 1 } else { return }
        }
    }

    @inline(__always)
    mutating func fail() -> Bool { failed = true; position = bytes.count; return false }

    /// Consumes `{` (after whitespace).
    @inline(__always)
    public mutating func beginObject() -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { return fail() }
        position += 1
        first = true
        return true
    }

    /// Consumes `[` (after whitespace).
    @inline(__always)
    public mutating func beginArray() -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else { return fail() }
        position += 1
        first = true
        return true
    }

    private var first = true

    /// The next key of the current object, positioned before its value; nil at `}`
    /// (or on error, with `failed` set).
    ///
    /// Fast path for compact JSON, the way every venue sends frames: `"key":` as the first
    /// member, `,"key":` after one, with no whitespace and no escape in the key. Anything
    /// else (whitespace, `}`, an escape, damage) takes the general path from the same state,
    /// so the result never depends on the fast path.
    @inline(__always)
    public mutating func nextKey() -> JSONSlice? {
        let quote = first ? position : position &+ 1
        if quote &+ 2 < bytes.count && bytes[quote] == UInt8(ascii: "\"") && (first || bytes[position] == UInt8(ascii: ",")) {
            let end = bytes.indexOfStringSpecial(from: quote &+ 1)
            if end &+ 1 < bytes.count && bytes[end] == UInt8(ascii: "\"") && bytes[end &+ 1] == UInt8(ascii: ":") {
                first = false
                position = end &+ 2
                return JSONSlice(start: quote &+ 1, end: end, kind: .string)
            }
        }
        return generalNextKey()
    }

    /// `nextKey` for any JSON: whitespace, the closing brace, escaped keys, errors.
    private mutating func generalNextKey() -> JSONSlice? {
        guard separator(close: UInt8(ascii: "}")) else { return nil }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { _ = fail(); return nil }
        guard let key = string() else { return nil }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { _ = fail(); return nil }
        position += 1
        return key
    }

    /// True when another array element follows (positioned at it); false at `]`.
    @inline(__always)
    public mutating func nextElement() -> Bool {
        separator(close: UInt8(ascii: "]"))
    }

    /// Handles `,` between members and the closing bracket. Nested `begin*` calls reset
    /// `first`, so callers iterate one container at a time (each in its own scanner).
    @inline(__always)
    private mutating func separator(close: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { return fail() }
        let c = bytes[position]
        if c == close { position += 1; return false }
        if first { first = false; return true }
        guard c == UInt8(ascii: ",") else { return fail() }
        position += 1
        skipWhitespace()
        return true
    }

    /// Scans one value and returns its extent.
    @inline(__always)
    public mutating func value() -> JSONSlice? {
        skipWhitespace()
        guard position < bytes.count else { _ = fail(); return nil }
        let c = bytes[position]
        switch c {
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "{"), UInt8(ascii: "["): return container()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return scalar(.number)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return scalar(.literal)
        default: _ = fail(); return nil
        }
    }

    @inline(__always)
    private mutating func string() -> JSONSlice? {
        let start = position + 1
        var i = start
        var escaped = false
        while true {
            i = bytes.indexOfStringSpecial(from: i)
            guard i < bytes.count else { break }
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                position = i + 1
                return JSONSlice(start: start, end: i, kind: .string, escaped: escaped)
            }
            if c == UInt8(ascii: "\\") { escaped = true; i += 2; continue }
            break   // a raw control byte inside a string
        }
        _ = fail()
        return nil
    }

    @inline(__always)
    private mutating func scalar(_ kind: JSONSlice.Kind) -> JSONSlice? {
        let start = position
        var i = position
        // Fast path: a run of digits (timestamps, ids), eight bytes per step.
        if kind == .number {
            if i < bytes.count && bytes[i] == UInt8(ascii: "-") { i += 1 }
            i = bytes.indexOfNonDigit(from: i)
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c <= 0x20 { break }
            i += 1
        }
        position = i
        if kind == .literal {
            let n = i - start
            guard n == 4 || n == 5 else { _ = fail(); return nil }
        }
        return JSONSlice(start: start, end: i, kind: kind)
    }

    /// Skips a whole object or array by bracket depth, honouring strings.
    private mutating func container() -> JSONSlice? {
        let start = position
        let open = bytes[position]
        var depth = 0
        var i = position
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                while i < bytes.count {
                    let s = bytes[i]
                    if s == UInt8(ascii: "\\") { i += 2; continue }
                    if s == UInt8(ascii: "\"") { break }
                    i += 1
                }
            } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                depth += 1
            } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 {
                    position = i + 1
                    return JSONSlice(start: start, end: i + 1, kind: open == UInt8(ascii: "{") ? .object : .array)
                }
            }
            i += 1
        }
        _ = fail()
        return nil
    }

    /// The first byte of the next value (after whitespace), without consuming it.
    @inline(__always)
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// A scanner at the current position, for decoding the next value in place (one pass
    /// instead of skip-then-rescan). Iterate it to the value's end, then `resume(after:)`.
    @inline(__always)
    public func here() -> JSONScanner { JSONScanner(bytes, at: position) }

    /// Continues after a value decoded in place by `inner`.
    @inline(__always)
    public mutating func resume(after inner: JSONScanner) {
        if inner.failed { _ = fail() } else { position = inner.position }
    }

    /// A scanner positioned at the start of `slice` (an object or array value).
    @inline(__always)
    public func nested(_ slice: JSONSlice) -> JSONScanner {
        JSONScanner(UnsafeRawBufferPointer(rebasing: bytes[0..<slice.end]), at: slice.start)
    }

    /// After iterating to the end of a container, true when nothing but whitespace follows.
    public mutating func atEnd() -> Bool {
        skipWhitespace()
        return position == bytes.count && !failed
    }
}
