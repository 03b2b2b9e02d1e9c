import LiqsimCore

/// Reading scalar values out of the slices the scanner returns, and the SWAR byte search
/// the string scan uses.
extension JSONScanner {
    /// The bytes of a slice.
    @inline(__always)
    public func raw(_ s: JSONSlice) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[s.start..<s.end])
    }

    /// True when the slice is a string or number whose bytes equal `literal`. Compared as
    /// `match` compares (whole words, the last overlapping): event types, channels and sides
    /// are checked this way on every frame.
    @inline(__always)
    public func equals(_ s: JSONSlice, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard s.count == n else { return false }
        guard n > 0 else { return true }
        let p = UnsafeRawPointer(literal.utf8Start)
        let at = bytes.baseAddress! + s.start
        if n >= 8 {
            var i = 0
            while i &+ 8 < n {
                if at.loadUnaligned(fromByteOffset: i, as: UInt64.self) != p.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i &+= 8
            }
            return at.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        } else if n >= 4 {
            return at.loadUnaligned(as: UInt32.self) == p.loadUnaligned(as: UInt32.self)
                && at.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self) == p.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
        }
        for i in 0..<n where at.load(fromByteOffset: i, as: UInt8.self) != p.load(fromByteOffset: i, as: UInt8.self) { return false }
        return true
    }

    @inline(__always)
    public func hasPrefix(_ s: JSONSlice, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard s.count >= n else { return false }
        let p = literal.utf8Start
        for i in 0..<n where bytes[s.start + i] != p[i] { return false }
        return true
    }

    /// An exact decimal from a string (`"0.190"`) or bare number value.
    @inline(__always)
    public func decimal(_ s: JSONSlice) -> FixedDecimal? {
        guard (s.kind == .string && !s.escaped) || s.kind == .number else { return nil }
        return FixedDecimal(utf8: raw(s))
    }

    /// An integer from a number or a string of digits (OKX sends `"ts":"1789669898955"`).
    @inline(__always)
    public func int64(_ s: JSONSlice) -> Int64? {
        guard s.kind == .string || s.kind == .number, s.count > 0, s.count <= 18 else { return nil }
        var v: Int64 = 0
        var i = s.start
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1; guard i < s.end else { return nil } }
        while i < s.end {
            let d = bytes[i] &- 48
            guard d <= 9 else { return nil }
            v = v &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? -v : v
    }

    /// `true`/`false`.
    @inline(__always)
    public func bool(_ s: JSONSlice) -> Bool? {
        guard s.kind == .literal else { return nil }
        if equals(s, "true") { return true }
        if equals(s, "false") { return false }
        return nil
    }

    /// A symbol: UTF-8 text (`"牛来USDT"`), also when written with escapes (`"\u725b\u6765USDT"`).
    @inline(__always)
    public func symbol(_ s: JSONSlice) -> Symbol? {
        guard s.kind == .string else { return nil }
        guard s.escaped else { return Symbol(utf8: raw(s)) }
        return unescaped(s).flatMap { Symbol(utf8: $0) }
    }

    /// A time in milliseconds (number or digit string) as `UnixNanos`.
    @inline(__always)
    public func millis(_ s: JSONSlice) -> UnixNanos? {
        int64(s).map { UnixNanos(millis: $0) }
    }
}

extension UnsafeRawBufferPointer {
    /// Index of the first `"`, `\\` or control byte (< 0x20) at or after `from`, or `count`.
    /// Tests eight bytes per step (SWAR); frames are mostly short strings between quotes.
    @inline(__always)
    func indexOfStringSpecial(from: Int) -> Int {
        var i = from
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= count {
            let w = UInt64(littleEndian: loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let q = w ^ 0x2222_2222_2222_2222, b = w ^ 0x5C5C_5C5C_5C5C_5C5C
            let m = ((q &- ones) & ~q | (b &- ones) & ~b | (w &- 0x2020_2020_2020_2020) & ~w) & highs
            if m != 0 { return i + m.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count {
            let c = self[i]
            if c == 0x22 || c == 0x5C || c < 0x20 { return i }
            i += 1
        }
        return count
    }

    /// Index of the first byte at or after `from` that is not an ASCII digit, or `count`.
    /// Eight bytes per step: a byte is flagged when it is below `0`, above `9` (`b + 0x46`
    /// reaches 0x80) or has its high bit set; borrows and carries only move upward from a
    /// flagged byte, so the lowest flag is exact.
    @inline(__always)
    func indexOfNonDigit(from: Int) -> Int {
        var i = from
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= count {
            let w = UInt64(littleEndian: loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let m = ((w &- 0x3030_3030_3030_3030) | (w &+ 0x4646_4646_4646_4646) | w) & highs
            if m != 0 { return i + m.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count && self[i] &- 48 <= 9 { i += 1 }
        return i
    }
}
