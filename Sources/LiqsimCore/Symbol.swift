/// A short instrument name stored inline (no heap allocation), up to 32 bytes of UTF-8.
///
/// `Symbol` is the unified name (`BTCUSDT`: BASE+QUOTE for linear perpetuals);
/// events also keep the exchange's raw name (`BTC-USDT-SWAP`) in the same type. Names are
/// UTF-8 text (Binance lists `牛来USDT`); bytes that would need escaping in JSON or that
/// move text around on a terminal are refused (see `init?(utf8:)`).
public struct Symbol: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let capacity = 32
    // Four little-endian words; unused bytes are zero (symbols never contain NUL).
    @usableFromInline var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
    public internal(set) var count: UInt8 = 0

    public init() {}

    /// One word into the hasher instead of five (symbols key the adapters' and the
    /// pipeline's per-event lookups). Unused bytes are zero, so the words fix the count.
    @inline(__always)
    public func hash(into hasher: inout Hasher) {
        hasher.combine(w0 ^ (w1 &* 0x9E37_79B9_7F4A_7C15) ^ (w2 &* 0xC2B2_AE3D_27D4_EB4F) ^ (w3 &* 0x1656_67B1_9E37_79F9))
    }

    /// Copies the bytes of a name: printable ASCII without space, `"` and `\`, or well-formed
    /// UTF-8 whose non-ASCII characters are letters, marks, numbers, symbols or punctuation
    /// (no controls, format characters such as bidi overrides, separators). Nil when empty,
    /// longer than 32 bytes, or otherwise. ASCII names take one pass over the bytes.
    public init?(utf8 bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0, bytes.count <= Symbol.capacity else { return nil }
        if bytes.count >= 4 && copyPlainWords(bytes) { count = UInt8(bytes.count); return }
        var valid = true, high = false
        // Checks and copies in one pass (a byte loop: names are short, a memcpy call is not).
        withUnsafeMutableBytes(of: &self) { dst in
            for i in 0..<bytes.count {
                let b = bytes[i]
                if b <= 0x20 || b == 0x7F || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { valid = false; return }
                high = high || b >= 0x80
                dst[i] = b
            }
        }
        guard valid else { return nil }
        if high && !Symbol.isPrintableUTF8(bytes) { return nil }
        count = UInt8(bytes.count)
    }

    /// Names of 4 to 32 bytes checked and copied a word at a time (the tail as one word
    /// loaded overlapping the one before; 4 to 7 bytes as two overlapping 4-byte loads).
    /// True when every byte is printable ASCII other than space, `"`, `\` and DEL (the
    /// name is then copied); false sends the name to the byte loop, which decides.
    @inline(__always)
    private mutating func copyPlainWords(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count, p = bytes.baseAddress!
        var unusual: UInt64 = 0
        withUnsafeMutableBytes(of: &self) { dst in
            if n < 8 {
                let lo = UInt64(p.loadUnaligned(as: UInt32.self))
                let hi = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
                let w = lo | hi << UInt64((n - 4) * 8)   // the overlapped bytes are the same in both
                unusual = Symbol.unusualBytes(w | Symbol.padding(n))
                dst.storeBytes(of: w, as: UInt64.self)
                return
            }
            var k = 0
            while k + 8 <= n {
                let w = p.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                unusual |= Symbol.unusualBytes(w)
                dst.storeBytes(of: w, toByteOffset: k, as: UInt64.self)
                k += 8
            }
            if k < n {
                let r = n - k
                let w = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64((8 - r) * 8)
                unusual |= Symbol.unusualBytes(w | Symbol.padding(r))
                dst.storeBytes(of: w, toByteOffset: k, as: UInt64.self)
            }
        }
        return unusual == 0
    }

    /// `A` in the bytes of a word from `r` (1...7) on: a plain byte where no name byte is.
    @inline(__always)
    static func padding(_ r: Int) -> UInt64 { 0x4141_4141_4141_4141 & ~((1 << UInt64(r * 8)) &- 1) }

    /// Nonzero when some byte of `x` is ≤ 0x20, `"`, `\`, DEL or ≥ 0x80 (exact as a test:
    /// the borrow tricks only flag bits above a byte that really matches).
    @inline(__always)
    static func unusualBytes(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let below21 = (x &- ones &* 0x21) & ~x & highs
        return (x & highs) | below21 | zeroByte(x ^ (ones &* 0x22)) | zeroByte(x ^ (ones &* 0x5C)) | zeroByte(x ^ (ones &* 0x7F))
    }

    /// Copies a name from an array (same rules as `init?(utf8:)` on raw bytes).
    public init?(utf8 bytes: [UInt8]) {
        guard let s = bytes.withUnsafeBytes({ Symbol(utf8: $0) }) else { return nil }
        self = s
    }

    public init?(_ text: String) {
        var text = text
        guard let s = text.withUTF8({ Symbol(utf8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = s
    }

    /// Well-formed UTF-8 whose scalars beyond ASCII are visible characters.
    static func isPrintableUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let text = String(validating: bytes, as: UTF8.self) else { return false }
        for scalar in text.unicodeScalars where scalar.value >= 0x80 {
            switch scalar.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator: return false
            default: continue
            }
        }
        return true
    }

    /// Upper-cased copy (Binance stream names are lower case: `btcusdt@aggTrade`).
    public var uppercased: Symbol {
        var s = self
        withUnsafeMutableBytes(of: &s) { raw in
            for i in 0..<Int(count) where raw[i] >= 0x61 && raw[i] <= 0x7A { raw[i] -= 0x20 }
        }
        return s
    }

    /// Calls `body` with the symbol's bytes.
    @inline(__always)
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes(of: self) { raw in try body(UnsafeRawBufferPointer(rebasing: raw[0..<Int(count)])) }
    }

    /// True when the name ends with `s`. Suffixes of up to 8 bytes (`-SWAP`, `PERP`: checked
    /// per event by the OKX and Bybit adapters) compare as one word: the 8 bytes ending at the
    /// name's end, masked to the suffix's length, against the literal's bytes in the same place.
    /// Inlinable so that the literal's word folds to a constant at the adapters' call sites.
    @inlinable @inline(__always)
    public func hasSuffix(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount, c = Int(count)
        guard c >= n else { return false }
        guard n <= 8 else { return hasSuffixBytes(s) }
        guard n > 0 else { return true }
        var literal: UInt64 = 0
        for i in 0..<n { literal |= UInt64(s.utf8Start[i]) << UInt64((8 - n + i) * 8) }
        // Byte c-1 lands in the word's top byte: a load ending there (c ≥ 8: within the
        // 32 inline bytes), or the first word shifted up (c < 8: unused bytes are zero).
        let tail: UInt64 = c >= 8
            ? withUnsafeBytes(of: self) { $0.loadUnaligned(fromByteOffset: c - 8, as: UInt64.self) }
            : w0 << UInt64((8 - c) * 8)
        let mask: UInt64 = n == 8 ? ~0 : ~((1 << UInt64((8 - n) * 8)) &- 1)
        return UInt64(littleEndian: tail) & mask == literal
    }

    /// The byte-by-byte rule (suffixes longer than a word; the tests' reference).
    public func hasSuffixBytes(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard Int(count) >= n else { return false }
        return withBytes { b in
            for i in 0..<n where b[Int(count) - n + i] != s.utf8Start[i] { return false }
            return true
        }
    }

    /// The name without every `byte` and without its last `dropLast` bytes (`BTC-USDT-SWAP`
    /// → `BTCUSDT` for OKX), built in place: the result is valid whenever the name is and
    /// the removed bytes are ASCII. Nil when nothing would be left.
    public func removing(_ byte: UInt8, dropLast: Int) -> Symbol? {
        guard byte < 0x80, Int(count) > dropLast else { return nil }
        var out = Symbol()
        var n = 0
        withBytes { src in
            withUnsafeMutableBytes(of: &out) { dst in
                for i in 0..<(src.count - dropLast) where src[i] != byte { dst[n] = src[i]; n += 1 }
            }
        }
        guard n > 0 else { return nil }
        out.count = UInt8(n)
        return out
    }

    public var description: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    public static func < (a: Symbol, b: Symbol) -> Bool { a.description < b.description }
}

extension OutputBuffer {
    @inline(__always) public func append(_ symbol: Symbol) {
        symbol.withBytes { append($0) }
    }
}
