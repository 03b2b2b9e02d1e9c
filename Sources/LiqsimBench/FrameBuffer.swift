/// SplitMix64: a tiny, fixed-seed PRNG so the bench capture is the same bytes on every machine.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n (n > 0); the modulo bias is irrelevant here.
    @inline(__always)
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// Uniform in lo...hi.
    @inline(__always)
    mutating func range(_ lo: Int64, _ hi: Int64) -> Int64 { lo + Int64(next() % UInt64(hi - lo + 1)) }

    /// True with probability `percent`/100.
    @inline(__always)
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// A growable byte buffer that frames are written into directly: literal JSON fragments,
/// integers and fixed-point decimals, with no String or Foundation in the loop.
final class FrameBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    @inline(__always) func reset() { count = 0 }

    @inline(__always)
    private func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        p.update(from: base, count: count)
        base.deallocate()
        base = p; capacity = c
    }

    /// Appends a literal fragment verbatim.
    @inline(__always)
    func lit(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        reserve(n)
        (base + count).update(from: s.utf8Start, count: n)
        count += n
    }

    @inline(__always)
    func raw(_ b: [UInt8]) {
        reserve(b.count)
        b.withUnsafeBufferPointer { (base + count).update(from: $0.baseAddress!, count: $0.count) }
        count += b.count
    }

    @inline(__always)
    func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    /// Decimal integer.
    @inline(__always)
    func int(_ v: Int64) {
        reserve(21)
        var m = v.magnitude
        if v < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 scratch bytes
        let n = withUnsafeMutableBytes(of: &tmp) { t -> Int in
            var i = 0
            repeat { t[i] = UInt8(truncatingIfNeeded: 48 + m % 10); m /= 10; i += 1 } while m > 0
            for j in 0..<i { base[count + j] = t[i - 1 - j] }
            return i
        }
        count += n
    }

    /// Fixed-point decimal `mantissa × 10^-scale`, always with exactly `scale` fraction digits.
    @inline(__always)
    func dec(_ mantissa: Int64, _ scale: Int) {
        guard scale > 0 else { return int(mantissa) }
        reserve(24 + scale)
        if mantissa < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var m = mantissa.magnitude
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)   // 32 scratch bytes
        let n = withUnsafeMutableBytes(of: &digits) { t -> Int in
            var i = 0
            repeat { t[i] = UInt8(truncatingIfNeeded: 48 + m % 10); m /= 10; i += 1 } while m > 0 || i <= scale
            // t holds digits least-significant first; at least scale + 1 of them.
            var out = 0
            for j in stride(from: i - 1, through: 0, by: -1) {
                if j == scale - 1 { base[count + out] = UInt8(ascii: "."); out += 1 }
                base[count + out] = t[j]; out += 1
            }
            return out
        }
        count += n
    }

    /// `width` lower-case hex digits of `v`.
    @inline(__always)
    func hex(_ v: UInt64, _ width: Int) {
        reserve(width)
        let digits: StaticString = "0123456789abcdef"
        for i in 0..<width {
            let shift = UInt64(4 * (width - 1 - i))
            base[count + i] = digits.utf8Start[Int((v >> shift) & 0xF)]
        }
        count += width
    }

    /// Bybit trade id: a UUID-shaped string.
    func uuid(_ rng: inout SplitMix64) {
        let a = rng.next(), b = rng.next()
        hex(a >> 32, 8); byte(UInt8(ascii: "-")); hex((a >> 16) & 0xFFFF, 4); byte(UInt8(ascii: "-"))
        hex(0x5000 | (a & 0x0FFF), 4); byte(UInt8(ascii: "-")); hex(0x8000 | (b >> 50), 4); byte(UInt8(ascii: "-"))
        hex(b & 0xFFFF_FFFF_FFFF, 12)
    }
}
