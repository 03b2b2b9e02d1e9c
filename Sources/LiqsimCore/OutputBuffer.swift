/// A growable byte buffer for hand-written output (JSON lines, log lines, digests).
///
/// The replay hot loop formats every event into one of these; it is reused between
/// events so formatting allocates nothing once it has grown to its working size.
public final class OutputBuffer {
    public private(set) var base: UnsafeMutablePointer<UInt8>
    public private(set) var count: Int = 0
    public private(set) var capacity: Int

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        self.base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inlinable public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
    public var string: String { String(decoding: bytes, as: UTF8.self) }
    public var isEmpty: Bool { count == 0 }

    public func removeAll() { count = 0 }

    /// Exchanges the bytes (storage, count, capacity) with `other`: a filled buffer changes
    /// hands without the holder's reference changing.
    public func swapContents(with other: OutputBuffer) {
        let (b, n, c) = (base, count, capacity)
        (base, count, capacity) = (other.base, other.count, other.capacity)
        (other.base, other.count, other.capacity) = (b, n, c)
    }

    /// Makes room for `n` more bytes.
    @inline(__always) public func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        fresh.update(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    @inline(__always) public func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always) public func append(_ raw: UnsafeRawBufferPointer) {
        let n = raw.count
        guard n > 0 else { return }
        reserve(n)
        let src = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
        if n <= 16 {
            // JSON keys, symbols, short numbers: two overlapping word copies (or a byte loop
            // under 8 bytes) instead of a call to memmove.
            let dst = UnsafeMutableRawPointer(base + count), from = UnsafeRawPointer(src)
            if n >= 8 {
                let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                dst.storeBytes(of: head, as: UInt64.self)
                dst.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
            } else {
                for i in 0..<n { dst.storeBytes(of: src[i], toByteOffset: i, as: UInt8.self) }
            }
        } else {
            (base + count).update(from: src, count: n)
        }
        count += n
    }

    @inline(__always) public func append(_ s: StaticString) {
        append(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    public func append(string s: String) {
        var s = s
        s.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always) public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Decimal digits of a signed integer (two digits per division). Values of ten digits
    /// and more (nanosecond times) print their last nine digits, and reuse the text of the
    /// leading ones while those stay the same (within one second of times).
    @inline(__always) public func append(int value: Int64) {
        reserve(20)
        let v = value.magnitude
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        if v >= 1_000_000_000 {
            let high = v / 1_000_000_000
            appendLeading(high)
            appendNineDigits(UInt32(truncatingIfNeeded: v &- high &* 1_000_000_000))
            return
        }
        let digits = OutputBuffer.digitCount(v)
        OutputBuffer.writeDigits(v, endingAt: base + count + digits)
        count += digits
    }

    /// `value`'s decimal digits, zero-padded on the left to at least `width`, written from
    /// `start` (room for max(width, digit count) bytes; 20 covers any digit count); returns
    /// the end. For writers of their own buffers (equity.csv's chunks) with these digit pairs.
    public static func writeDigits(_ value: UInt64, width: Int, from start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let end = start + Swift.max(digitCount(value), width)
        var p = writeDigits(value, endingAt: end)
        while p > start { p -= 1; p[0] = UInt8(ascii: "0") }
        return end
    }

    /// `value`'s decimal digits, zero-padded on the left to at least `width` (at most 20),
    /// appended to `out` at once: `NumberText`'s fixed-point text (runs.csv, trades.csv,
    /// summary.md) with these digit pairs, not a division and an array store per digit.
    public static func appendDigits(_ value: UInt64, width: Int, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            let start = buffer.baseAddress!, count = Swift.max(digitCount(value), Swift.min(width, 20))
            // The backward writer, not `writeDigits(_:width:from:)`: a second caller of that
            // one changes how the compiler specializes equity.csv's calls (+17 instructions a row).
            var p = writeDigits(value, endingAt: start + count)
            while p > start { p -= 1; p[0] = UInt8(ascii: "0") }
            out.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
        }
    }

    /// Writes the digits of `v` backwards from `end` (exclusive); returns the first one.
    @inline(__always) @discardableResult
    static func writeDigits(_ value: UInt64, endingAt end: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var v = value, p = end
        let pairs = OutputBuffer.digitPairs.utf8Start
        while v >= 100 {
            let r = Int(v % 100)
            v /= 100
            p -= 2
            p[0] = pairs[2 * r]; p[1] = pairs[2 * r + 1]
        }
        if v >= 10 {
            p -= 2
            p[0] = pairs[2 * Int(v)]; p[1] = pairs[2 * Int(v) + 1]
        } else {
            p -= 1
            p[0] = UInt8(truncatingIfNeeded: v) &+ 48
        }
        return p
    }

    /// The leading digits of the last ten-digit-or-longer integer (at most ten: |Int64| <
    /// 10^19), zero-padded to sixteen bytes so one pair of word stores copies them.
    private var leading: UInt64 = 0
    private var leadingText: (UInt64, UInt64) = (0, 0)
    private var leadingCount = 0

    @inline(__always) private func appendLeading(_ high: UInt64) {
        if high != leading {
            leading = high
            leadingCount = OutputBuffer.digitCount(high)
            leadingText = (0, 0)
            withUnsafeMutableBytes(of: &leadingText) { raw in
                let text = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
                OutputBuffer.writeDigits(high, endingAt: text + leadingCount)
            }
        }
        let dst = UnsafeMutableRawPointer(base + count)
        dst.storeBytes(of: leadingText.0, as: UInt64.self)
        dst.storeBytes(of: leadingText.1, toByteOffset: 8, as: UInt64.self)
        count += leadingCount
    }

    /// Exactly nine digits, zero-padded.
    @inline(__always) private func appendNineDigits(_ value: UInt32) {
        var v = value
        var p = base + count + 9
        let pairs = OutputBuffer.digitPairs.utf8Start
        for _ in 0..<4 {
            let r = Int(v % 100)
            v /= 100
            p -= 2
            p[0] = pairs[2 * r]; p[1] = pairs[2 * r + 1]
        }
        p[-1] = UInt8(truncatingIfNeeded: v) &+ 48
        count += 9
    }

    /// Decimal digits of `v` (1 for 0): from the bit length, then one table comparison.
    @inline(__always) static func digitCount(_ v: UInt64) -> Int {
        let guess = ((64 - (v | 1).leadingZeroBitCount) &* 1233) >> 12   // ⌊log10(2^bits)⌋ (`>>` binds tighter than `&*`)
        return guess &+ ((v | 1) >= powersOfTen[guess] ? 1 : 0)   // v | 1: zero has one digit
    }

    /// 10^0 … 10^19, a literal: laid out at compile time, no lazy initialization (`swift_once`) per use.
    static let powersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000,
        100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ]

    static let digitPairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// Zero-padded unsigned integer of exactly `width` digits.
    @inline(__always) public func append(int value: Int, width: Int) {
        reserve(width)
        var v = value
        for p in stride(from: count + width - 1, through: count, by: -1) {
            base[p] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
        }
        count += width
    }

    /// An exact decimal with all of its digits, e.g. `82651.90`, `-0.0001`: the fraction's
    /// `scale` digits (zero-padded) right to left, two at a time, then the point, then the
    /// integer part (at least one digit), each written once where it belongs.
    public func append(_ d: FixedDecimal) {
        reserve(24)
        let scale = Int(d.scale)
        var v = d.mantissa.magnitude
        if d.mantissa < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        let digits = OutputBuffer.digitCount(v)
        guard scale > 0 else {
            OutputBuffer.writeDigits(v, endingAt: base + count + digits)
            count += digits
            return
        }
        let end = count + max(digits - scale, 1) + 1 + scale
        var p = base + end
        let pairs = OutputBuffer.digitPairs.utf8Start
        for _ in 0..<(scale >> 1) {
            let r = Int(v % 100)
            v /= 100
            p -= 2
            p[0] = pairs[2 * r]; p[1] = pairs[2 * r + 1]
        }
        if scale & 1 == 1 {
            p -= 1
            p[0] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
        }
        p -= 1
        p[0] = UInt8(ascii: ".")
        OutputBuffer.writeDigits(v, endingAt: p)
        count = end
    }

    /// A cent amount as a JSON number with two decimals: 1570386 → `15703.86`.
    public func append(cents: Int64) {
        append(FixedDecimal(mantissa: cents, scale: 2))
    }

    /// A cent amount with thousands separators: 87520000 → `875,200.00`.
    public func append(groupedCents cents: Int64) {
        if cents < 0 { append(UInt8(ascii: "-")) }
        let whole = cents.magnitude / 100
        let text = String(whole)
        var i = 0
        for ch in text.utf8 {
            if i > 0 && (text.utf8.count - i) % 3 == 0 { append(UInt8(ascii: ",")) }
            append(ch)
            i += 1
        }
        append(UInt8(ascii: "."))
        append(int: Int(cents.magnitude % 100), width: 2)
    }
}
