import LiqsimCore

/// Resolving escapes in a string value: off the hot path (frames escape almost nothing;
/// a `\u`-escaped symbol such as Binance's `"\u725b\u6765USDT"` takes this way).
extension JSONScanner {
    /// The bytes of a string value with its escapes resolved (`\"`, `\\`, `\/`, `\b`, `\f`,
    /// `\n`, `\r`, `\t`, `\uXXXX` with surrogate pairs, as UTF-8); nil when an escape is malformed.
    public func unescaped(_ s: JSONSlice) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = s.start
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= s.end else { return nil }
            var v: UInt32 = 0
            for j in at..<(at + 4) {
                let c = bytes[j]
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x37
                case 0x61...0x66: d = c - 0x57
                default: return nil
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        while i < s.end {
            let c = bytes[i]
            guard c == UInt8(ascii: "\\") else { out.append(c); i += 1; continue }
            guard i + 1 < s.end else { return nil }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hex4(i) else { return nil }
                i += 4
                if code >= 0xD800 && code < 0xDC00 {
                    guard i + 1 < s.end, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u"),
                          let low = hex4(i + 2), low >= 0xDC00, low < 0xE000 else { return nil }
                    code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
                    i += 6
                }
                guard let scalar = Unicode.Scalar(code) else { return nil }
                out.append(contentsOf: String(Character(scalar)).utf8)
            default: return nil
            }
        }
        return out
    }
}
