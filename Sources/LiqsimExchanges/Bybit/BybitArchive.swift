import LiqsimCore

/// Bybit's public trade archive (`public.bybit.com/trading/<SYM>/<SYM><YYYY-MM-DD>.csv.gz`,
/// one UTC day of one linear contract) → trade rows. Columns are found by the header row;
/// newer files add `RPI` (a Retail Price Improvement fill: still a trade, kept):
///
///     timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional,RPI
///     1787356800.2296,BTCUSDT,Sell,0.001,78307.50,ZeroMinusTick,48a44029-…,7.83075e+09,0.001,78.3075,0
///
/// `timestamp` is seconds with up to 4 decimals (100 µs): it becomes the row's receive
/// time exactly, and its exchange time in whole milliseconds (the live frame's `T` unit,
/// truncated). `side` is the taker's side; `size` is in the base coin for linear contracts.
/// `trdMatchID` keys duplicates.
public enum BybitArchive {
    static let columns = ["timestamp", "symbol", "side", "size", "price", "trdmatchid"]
    /// Files without a header row: the documented order.
    static let defaults = ["timestamp", "symbol", "side", "size", "price", "tickdirection", "trdmatchid", "grossvalue", "homenotional", "foreignnotional"]

    /// One file's rows, block by block; out-of-order times carry over between blocks.
    public struct Reader: Sendable {
        public let file: Int32
        var last: Int64 = .min

        public init(file: Int32) { self.file = file }

        public mutating func parse(_ csv: ArchiveCSV) -> BinanceArchive.Parsed {
            var p = BinanceArchive.Parsed()
            let file = self.file
            var last = self.last
            defer { self.last = last }
            let col = csv.columns(BybitArchive.columns, defaults: BybitArchive.defaults)
            csv.forEachRow { line, f in
                func field(_ i: Int) -> Range<Int>? { col[i].flatMap { $0 < f.count ? f[$0] : nil } }
                guard let time = field(0).flatMap({ csv.decimal($0) }).flatMap(BybitArchive.nanos),
                      let raw = field(1).flatMap({ Symbol(csv.text($0)) }),
                      let sideText = field(2).map({ csv.text($0) }), sideText == "Buy" || sideText == "Sell",
                      let qty = field(3).flatMap({ csv.decimal($0) }), let price = field(4).flatMap({ csv.decimal($0) }) else {
                    p.findings.append(ArchiveFinding(.badRow, file: file, line: Int32(line), "unreadable Bybit trade row: \(csv.text(f.first!.lowerBound..<f.last!.upperBound))"))
                    return
                }
                let ts = UnixNanos(millis: time.rawValue / 1_000_000)
                let key = field(5).map { BybitArchive.fnv1a(csv.bytes[$0]) } ?? time.rawValue
                if time.rawValue < last {
                    p.findings.append(ArchiveFinding(.outOfOrder, file: file, line: Int32(line), "timestamp earlier than the row before: sorted into place"))
                }
                last = max(last, time.rawValue)
                let trade = Trade(recv: time, ts: ts, stream: .bybitLinear, symbol: bybitUnifiedSymbol(raw), rawSymbol: raw,
                                  side: sideText == "Buy" ? .buy : .sell, price: price, qty: qty)
                p.rows.append(ArchiveRow(recv: time, key: key, file: file, line: Int32(line), item: .event(.trade(trade))))
            }
            return p
        }
    }

    /// Seconds with up to 9 decimals → nanoseconds; nil when negative or too precise.
    static func nanos(_ seconds: FixedDecimal) -> UnixNanos? {
        guard seconds.mantissa >= 0, seconds.scale <= 9 else { return nil }
        var m = seconds.mantissa
        for _ in Int(seconds.scale)..<9 {
            let (v, o) = m.multipliedReportingOverflow(by: 10)
            if o { return nil }
            m = v
        }
        return UnixNanos(m)
    }

    /// FNV-1a 64 of a trade id's text, as a duplicate key.
    static func fnv1a(_ bytes: ArraySlice<UInt8>) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int64(bitPattern: h)
    }
}
