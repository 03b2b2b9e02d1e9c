import LiqsimCore

/// Frame text read from memory in place: parts of a symbol's bytes, digits of a static string.
extension OutputBuffer {
    /// The symbol up to (not including) the last `-`, e.g. `BTC-USDT-SWAP` → `BTC-USDT`
    /// (OKX `uly` / `instFamily`); the whole symbol when it has no `-`.
    func appendWithoutLastDashPart(_ symbol: Symbol) {
        symbol.withBytes { b in
            var end = b.count
            if let dash = b.lastIndex(of: UInt8(ascii: "-")) { end = dash }
            append(UnsafeRawBufferPointer(rebasing: b[0..<end]))
        }
    }

    /// The `index`-th `-`-separated part of a symbol (`BTC-USDT-SWAP`, 1 → `USDT`); nothing
    /// when there are fewer parts.
    func appendDashPart(_ symbol: Symbol, _ index: Int) {
        symbol.withBytes { b in
            var part = 0, start = 0
            for i in 0...b.count where i == b.count || b[i] == UInt8(ascii: "-") {
                if part == index { append(UnsafeRawBufferPointer(rebasing: b[start..<i])); return }
                part += 1; start = i + 1
            }
        }
    }

    /// `count` lower-case hex digits of the low bits of `v`, most significant first.
    func appendHex(_ v: UInt64, digits count: Int) {
        let hex: StaticString = "0123456789abcdef"
        var shift = (count - 1) * 4
        while shift >= 0 {
            append(hex.utf8Start[Int((v >> UInt64(shift)) & 15)])
            shift -= 4
        }
    }
}
