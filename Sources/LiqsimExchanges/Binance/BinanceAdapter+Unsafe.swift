extension BinanceAdapter {
    /// Streams liqsim does not normalize, recognised from the envelope's stream name so
    /// their (large) payloads are not scanned at all.
    static func isIgnoredStream(_ name: UnsafeRawBufferPointer) -> Bool {
        guard let at = name.firstIndex(of: UInt8(ascii: "@")) else { return false }
        let rest = UnsafeRawBufferPointer(rebasing: name[(at + 1)...])
        return rest.hasPrefix("depth") || rest.hasPrefix("bookTicker") || rest.hasPrefix("kline") || rest.hasPrefix("ticker")
            || rest.hasPrefix("miniTicker") || rest.hasPrefix("continuousKline")
    }
}
