/// An exact decimal number: `mantissa × 10^-scale`, parsed straight from the frame's text.
///
/// Prices and quantities never pass through `Double`: `"82651.90"` is stored as
/// mantissa 8265190, scale 2 and printed back as `82651.90`, trailing zero included.
/// `Double` is only for features, regressions and metrics (`doubleValue`).
public struct FixedDecimal: Hashable, Sendable, CustomStringConvertible {
    public var mantissa: Int64
    public var scale: UInt8

    public static let maxScale: UInt8 = 18

    @inlinable public init(mantissa: Int64, scale: UInt8) {
        self.mantissa = mantissa
        self.scale = scale
    }

    public static let zero = FixedDecimal(mantissa: 0, scale: 0)

    // Parsing (`init?(utf8:)`, `init?(_: String)`) reads bytes in place: FixedDecimal+Unsafe.swift.

    public var isPositive: Bool { mantissa > 0 }
    public var isZero: Bool { mantissa == 0 }

    public var doubleValue: Double { Double(mantissa) / FixedDecimal.powersOfTen[Int(scale)] }

    /// Exact product; nil when it does not fit 18 digits even after dropping
    /// trailing fractional zeros.
    public func multiplied(by other: FixedDecimal) -> FixedDecimal? {
        var product = Int128(mantissa) * Int128(other.mantissa)
        var scale = Int(self.scale) + Int(other.scale)
        while scale > 0 && product % 10 == 0 && (scale > Int(Self.maxScale) || product.magnitude > Int128(Int64.max).magnitude) {
            product /= 10; scale -= 1
        }
        guard scale <= Int(Self.maxScale), product.magnitude <= Int128(Int64.max).magnitude else { return nil }
        return FixedDecimal(mantissa: Int64(product), scale: UInt8(scale))
    }

    /// Exact quotient rounded half away from zero to `resultScale` decimals; nil when the
    /// divisor is zero or the result does not fit 18 digits.
    public func divided(by other: FixedDecimal, resultScale: UInt8) -> FixedDecimal? {
        guard other.mantissa != 0 else { return nil }
        // self/other = (m1 / 10^s1) / (m2 / 10^s2); result mantissa = m1·10^(rs + s2 − s1) / m2.
        let shift = Int(resultScale) + Int(other.scale) - Int(scale)
        var numerator = Int128(mantissa)
        var denominator = Int128(other.mantissa)
        if shift >= 0 {
            guard let n = FixedDecimal.scaled(numerator, by: shift) else { return nil }
            numerator = n
        } else {
            guard let d = FixedDecimal.scaled(denominator, by: -shift) else { return nil }
            denominator = d
        }
        let q = FixedDecimal.roundedDivision(numerator, denominator)
        guard q.magnitude <= Int128(Int64.max).magnitude else { return nil }
        return FixedDecimal(mantissa: Int64(q), scale: resultScale)
    }

    /// The value in whole cents, rounded half away from zero (for USD notionals); nil when
    /// it does not fit an `Int64` of cents (a hostile frame, never a real amount).
    public var roundedCents: Int64? {
        FixedDecimal.cents(mantissa: Int128(mantissa), scale: Int(scale))
    }

    /// `a × b` in cents, exact up to the final rounding; nil when out of range.
    public static func productCents(_ a: FixedDecimal, _ b: FixedDecimal) -> Int64? {
        cents(mantissa: Int128(a.mantissa) * Int128(b.mantissa), scale: Int(a.scale) + Int(b.scale))
    }

    static func cents(mantissa: Int128, scale: Int) -> Int64? {
        if scale > 2 && scale - 2 <= 18, let m = Int64(exactly: mantissa) {
            // Every trade's notional: Int64 division (Int128's is a library call), same rounding.
            let d = Self.int64PowersOfTen[scale - 2]
            let (q, r) = m.quotientAndRemainder(dividingBy: d)
            if r.magnitude * 2 >= d.magnitude { return m < 0 ? q - 1 : q + 1 }
            return q
        }
        let value: Int128
        if scale <= 2 {
            guard let v = scaled(mantissa, by: 2 - scale) else { return nil }
            value = v
        } else {
            guard let divisor = scaled(1, by: scale - 2) else { return 0 }   // |mantissa| < 10^38: rounds to 0
            value = roundedDivision(mantissa, divisor)
        }
        guard value.magnitude <= Int128(Int64.max).magnitude else { return nil }
        return Int64(value)
    }

    /// `v × 10^power`, nil on overflow.
    static func scaled(_ v: Int128, by power: Int) -> Int128? {
        var r = v
        for _ in 0..<power {
            let (p, overflow) = r.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            r = p
        }
        return r
    }

    static func roundedDivision(_ n: Int128, _ d: Int128) -> Int128 {
        let (q, r) = n.quotientAndRemainder(dividingBy: d)
        if r.magnitude * 2 >= d.magnitude { return (n < 0) != (d < 0) ? q - 1 : q + 1 }
        return q
    }

    /// 10^0 … 10^18. Array literals are laid out at compile time: no lazy initialization, so no
    /// `swift_once` check per use on the hot path (PowersOfTenTests compares them with computed powers).
    static let int64PowersOfTen: [Int64] = [
        1, 10, 100, 1_000, 10_000,
        100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ]

    /// 10^0 … 10^36 as `Double`s, each the product of the one before and 10, as they were always
    /// computed: from 10^25 on some lie just below the nearest double to the power (e.g.
    /// 9.999999999999999e24), and outputs depend on the exact values. A literal, like `int64PowersOfTen`.
    public static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5,
        1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
        1e18, 1e19, 1e20, 1e21, 1e22, 1e23,
        1e24, 9.999999999999999e24, 9.999999999999999e25, 9.999999999999999e26, 1e28, 1e29,
        9.999999999999999e29, 9.999999999999999e30, 9.999999999999999e31, 1e33, 1e34, 1e35,
        9.999999999999999e35,
    ]

    public var description: String {
        let out = OutputBuffer(capacity: 32)
        out.append(self)
        return out.string
    }
}
