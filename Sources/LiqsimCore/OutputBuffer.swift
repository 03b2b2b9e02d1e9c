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
            // JSON keys, symbols, short numbers: a byte loop beats a call to memmove.
            let dst = base + count
            for i in 0..<n { dst[i] = src[i] }
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

    /// Decimal digits of a signed integer (two digits per division).
    @inline(__always) public func append(int value: Int64) {
        reserve(20)
        var v = value.magnitude
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        let digits = OutputBuffer.digitCount(v)
        var p = base + count + digits
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
        count += digits
    }

    @inline(__always) static func digitCount(_ v: UInt64) -> Int {
        var n = 1, x = v
        while x >= 10_000 { x /= 10_000; n += 4 }
        while x >= 10 { x /= 10; n += 1 }
        return n
    }

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

    /// An exact decimal with all of its digits, e.g. `82651.90`, `-0.0001`.
    public func append(_ d: FixedDecimal) {
        reserve(24)
        let scale = Int(d.scale)
        var v = d.mantissa.magnitude
        if d.mantissa < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var digits = 1
        var probe = v
        while probe >= 10 { probe /= 10; digits += 1 }
        let intDigits = max(digits - scale, 1)
        let total = scale > 0 ? intDigits + 1 + scale : intDigits
        var p = count + total - 1
        var written = 0
        while p >= count {
            if scale > 0 && written == scale {
                base[p] = UInt8(ascii: ".")
            } else {
                base[p] = UInt8(truncatingIfNeeded: v % 10) &+ 48
                v /= 10
            }
            written += 1
            p -= 1
        }
        count += total
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
