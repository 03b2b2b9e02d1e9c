import LiqsimCore

/// The `--format log` line of a liquidation.
extension OutputBuffer {
    /// `20260921 | 12:34:56 UTC | binance-usdm | BTCUSDT | LONG  | 0.190 | $15,703.86` with ` | INSTITUTIONAL` from $100,000.
    public func appendLogLine(_ l: Liquidation) {
        let t = UTCDateTime(l.ts)
        append(int: t.year, width: 4); append(int: t.month, width: 2); append(int: t.day, width: 2)
        append(" | ")
        append(int: t.hour, width: 2); append(UInt8(ascii: ":")); append(int: t.minute, width: 2); append(UInt8(ascii: ":")); append(int: t.second, width: 2)
        append(" UTC | "); append(l.stream.jsonValue)
        append(" | "); append(l.symbol)
        append(l.side == .long ? " | LONG  | " : " | SHORT | ")
        append(l.qty)
        append(" | $"); append(groupedCents: l.usdCents)
        if l.isInstitutional { append(" | INSTITUTIONAL") }
        append(UInt8(ascii: "\n"))
    }
}
