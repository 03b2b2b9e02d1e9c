/// Parsing reads the frame's UTF-8 bytes where they lie (no String, no copy).
extension FixedDecimal {
    /// Parses `-?digits(.digits)?` from UTF-8 bytes. Returns nil for anything else
    /// (exponents, empty strings, `NaN`, more than 18 significant digits after
    /// trailing fractional zeros are dropped).
    @inlinable
    public init?(utf8 bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        if n == 0 { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if bytes[0] == UInt8(ascii: "+") { i = 1 }
        if n <= 18 {
            // At most 17 digits: no overflow and no dropped zeros, so one pass gives the
            // same value as the general rules below (every exchange price and size).
            var m: Int64 = 0, point = -1
            while i < n {
                let d = bytes[i] &- UInt8(ascii: "0")
                if d <= 9 { m = m &* 10 &+ Int64(d) } else if bytes[i] == UInt8(ascii: ".") && point < 0 { point = i } else { return nil }
                i += 1
            }
            let sign = negative || bytes[0] == UInt8(ascii: "+") ? 1 : 0
            guard n - sign - (point < 0 ? 0 : 1) > 0 else { return nil }
            self.mantissa = negative ? -m : m
            self.scale = point < 0 ? 0 : UInt8(n - 1 - point)
            return
        }
        var m: Int64 = 0
        var digits = 0
        var scale = 0
        var seenPoint = false
        var pendingZeros = 0   // fractional zeros not yet folded into the mantissa
        var any = false
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else {
                let d = c &- UInt8(ascii: "0")
                if d > 9 { return nil }
                any = true
                if seenPoint {
                    if d == 0 { pendingZeros += 1; i += 1; continue }
                    // Fold pending zeros then this digit.
                    for _ in 0..<pendingZeros {
                        if digits >= 18 { return nil }
                        m = m &* 10; if m != 0 { digits += 1 }; scale += 1
                    }
                    pendingZeros = 0
                    scale += 1
                } else if m == 0 && d == 0 {
                    i += 1; continue
                }
                if digits >= 18 { return nil }
                m = m &* 10 &+ Int64(d)
                if m != 0 { digits += 1 }
            }
            i += 1
        }
        if !any { return nil }
        // Keep trailing fractional zeros (they carry the exchange's precision) when they fit.
        while pendingZeros > 0 && digits < 18 && scale < Int(Self.maxScale) {
            m = m &* 10; if m != 0 { digits += 1 }; scale += 1; pendingZeros -= 1
        }
        if scale > Int(Self.maxScale) { return nil }
        self.mantissa = negative ? -m : m
        self.scale = UInt8(scale)
    }

    public init?(_ text: String) {
        var text = text
        guard let v = text.withUTF8({ FixedDecimal(utf8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = v
    }
}
