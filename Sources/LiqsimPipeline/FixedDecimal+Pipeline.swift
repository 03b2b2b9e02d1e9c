import LiqsimCore

extension FixedDecimal {
    /// Exact ordering across scales (`82651.9` < `82651.95`).
    static func less(_ a: FixedDecimal, _ b: FixedDecimal) -> Bool {
        if a.scale == b.scale { return a.mantissa < b.mantissa }
        var x = Int128(a.mantissa), y = Int128(b.mantissa)
        if a.scale < b.scale { for _ in 0..<Int(b.scale - a.scale) { x *= 10 } } else { for _ in 0..<Int(a.scale - b.scale) { y *= 10 } }
        return x < y
    }

    /// The value in units of 10⁻⁸ (rounded half away from zero past 8 decimals), for exact volume sums.
    var units8: Int64 {
        if scale <= 8 {
            var m = mantissa
            for _ in 0..<(8 - Int(scale)) { m = m &* 10 }
            return m
        }
        var divisor: Int64 = 1
        for _ in 0..<(Int(scale) - 8) { divisor *= 10 }
        let (q, r) = mantissa.quotientAndRemainder(dividingBy: divisor)
        return r.magnitude * 2 >= divisor.magnitude ? (mantissa < 0 ? q - 1 : q + 1) : q
    }
}
