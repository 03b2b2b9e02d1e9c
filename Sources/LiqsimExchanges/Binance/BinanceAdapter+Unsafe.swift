extension BinanceAdapter {
    /// Streams liqsim does not normalize, recognised from the envelope's stream name so
    /// their (large) payloads are not scanned at all. Checked on every frame: the byte after
    /// `@` picks the one prefix that could match (the usual `aggTrade` and `markPrice`
    /// streams are then settled by one or two byte compares).
    @inline(__always)
    static func isIgnoredStream(_ name: UnsafeRawBufferPointer) -> Bool {
        var at = 0
        while at < name.count && name[at] != UInt8(ascii: "@") { at &+= 1 }
        guard at &+ 1 < name.count else { return false }
        let rest = UnsafeRawBufferPointer(rebasing: name[(at &+ 1)...])
        switch rest[0] {
        case UInt8(ascii: "d"): return rest.hasPrefix("depth")
        case UInt8(ascii: "b"): return rest.hasPrefix("bookTicker")
        case UInt8(ascii: "k"): return rest.hasPrefix("kline")
        case UInt8(ascii: "t"): return rest.hasPrefix("ticker")
        case UInt8(ascii: "m"): return rest.hasPrefix("miniTicker")
        case UInt8(ascii: "c"): return rest.hasPrefix("continuousKline")
        default: return false
        }
    }
}
