import LiqsimCore

/// Binance Vision USD-M futures CSVs (data.binance.vision `data/futures/um/…`) → rows.
/// Columns are found by the header row when the file has one (aggTrades gained it on
/// 2022-08-11, trades after 2022-08-10, monthly klines about 2022-05), else by the
/// documented order. Times are epoch numbers whose unit is read from their size.
///
///     agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker
///     1,16537.8,0.003,1,1,1672531200055,true
public enum BinanceArchive {
    public enum Kind: String, CaseIterable, Sendable {
        case aggTrades, trades, klines, markPriceKlines, metrics, fundingRate

        /// The documented column order (files without a header row).
        var defaults: [String] {
            switch self {
            case .aggTrades: ["agg_trade_id", "price", "quantity", "first_trade_id", "last_trade_id", "transact_time", "is_buyer_maker"]
            case .trades: ["id", "price", "qty", "quote_qty", "time", "is_buyer_maker"]
            case .klines, .markPriceKlines:
                ["open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore"]
            case .metrics:
                ["create_time", "symbol", "sum_open_interest", "sum_open_interest_value", "count_toptrader_long_short_ratio",
                 "sum_toptrader_long_short_ratio", "count_long_short_ratio", "sum_taker_long_short_vol_ratio"]
            case .fundingRate: ["calc_time", "funding_interval_hours", "last_funding_rate"]
            }
        }

        /// True for kinds whose rows become trades (at most one trade source per symbol and day).
        public var isTrades: Bool { self == .aggTrades || self == .trades || self == .klines }
    }

    public struct Parsed: Sendable {
        public var rows: [ArchiveRow] = []
        public var findings: [ArchiveFinding] = []
    }

    /// The rows of one file read whole (`Reader` reads a file block by block).
    public static func parse(_ csv: ArchiveCSV, kind: Kind, symbol: Symbol, file: Int32) -> Parsed {
        var reader = Reader(kind: kind, symbol: symbol, file: file)
        return reader.parse(csv)
    }

    /// One file's rows, block by block (`ArchiveCSV` pieces of whole lines): the time unit
    /// and the last key carry over between blocks. Unreadable rows, rows earlier than their
    /// predecessor and a non-millisecond time unit become findings (unreadable rows are
    /// skipped, the others kept).
    public struct Reader: Sendable {
        public let kind: Kind
        public let symbol: Symbol
        public let file: Int32
        var unit: EpochUnit?
        var last: Int64 = .min

        public init(kind: Kind, symbol: Symbol, file: Int32) {
            self.kind = kind; self.symbol = symbol; self.file = file
        }

        public mutating func parse(_ csv: ArchiveCSV) -> Parsed {
            var p = Parsed()
            let (kind, symbol, file) = (self.kind, self.symbol, self.file)
            var unit = self.unit, last = self.last
            defer { self.unit = unit; self.last = last }
            let names = kind.defaults
            let col = csv.columns(names, defaults: names)
            csv.forEachRow { line, f in
                func field(_ i: Int) -> Range<Int>? { col[i].flatMap { $0 < f.count ? f[$0] : nil } }
                func time(_ v: Int64) -> UnixNanos {
                    if unit == nil {
                        unit = EpochUnit(of: v)
                        if unit != .millis {
                            p.findings.append(ArchiveFinding(.unit, file: file, line: Int32(line), "times are in \(unit!.name), not milliseconds: read as such"))
                        }
                    }
                    return unit!.nanos(v)
                }
                guard let row = BinanceArchive.row(kind, csv, field, symbol: symbol, file: file, line: line, time: time) else {
                    p.findings.append(ArchiveFinding(.badRow, file: file, line: Int32(line), "unreadable \(kind.rawValue) row: \(csv.text(f.first!.lowerBound..<f.last!.upperBound))"))
                    return
                }
                for r in row {
                    if r.key < last {
                        p.findings.append(ArchiveFinding(.outOfOrder, file: file, line: Int32(line), "\(kind.rawValue) key \(r.key) after \(last): sorted into place"))
                    }
                    last = max(last, r.key)
                    p.rows.append(r)
                }
            }
            return p
        }
    }

    /// One line's rows (metrics give two, klines up to two), or nil when unreadable.
    static func row(_ kind: Kind, _ c: ArchiveCSV, _ field: (Int) -> Range<Int>?, symbol: Symbol, file: Int32, line: Int,
                    time: (Int64) -> UnixNanos) -> [ArchiveRow]? {
        func dec(_ i: Int) -> FixedDecimal? { field(i).flatMap { c.decimal($0) } }
        func int(_ i: Int) -> Int64? { field(i).flatMap { c.int($0) } }
        let at = { (t: UnixNanos, key: Int64, item: ArchiveRow.Item) in ArchiveRow(recv: t, key: key, file: file, line: Int32(line), item: item) }
        switch kind {
        case .aggTrades, .trades:
            let (idC, qtyC, timeC, makerC) = kind == .aggTrades ? (0, 2, 5, 6) : (0, 2, 4, 5)
            guard let id = int(idC), let price = dec(1), let qty = dec(qtyC), let ms = int(timeC),
                  let maker = field(makerC).flatMap({ c.bool($0) }) else { return nil }
            let t = time(ms)
            return [at(t, id, .event(.trade(Trade(recv: t, ts: t, stream: .binanceUSDM, symbol: symbol, rawSymbol: symbol,
                                                  side: maker ? .sell : .buy, price: price, qty: qty))))]
        case .klines:
            // Two bar-close trades: the taker-buy volume and the rest, at the close price.
            guard let open = int(0), let close = dec(4), let volume = dec(5), let closeMs = int(6), let buy = dec(9),
                  let sell = FixedDecimal.difference(volume, buy) else { return nil }
            let t = time(closeMs)
            return [(TakerSide.buy, buy), (.sell, sell)].filter { $0.1.isPositive }.map { side, qty in
                at(t, open, .event(.trade(Trade(recv: t, ts: t, stream: .binanceUSDM, symbol: symbol, rawSymbol: symbol, side: side, price: close, qty: qty))))
            }
        case .markPriceKlines:
            guard let open = int(0), let close = dec(4), let closeMs = int(6) else { return nil }
            let t = time(closeMs)
            return [at(t, open, .event(.mark(MarkFunding(recv: t, ts: t, stream: .binanceUSDM, symbol: symbol, rawSymbol: symbol,
                                                        mark: close, fundingRate: nil, nextFunding: nil))))]
        case .metrics:
            guard let tf = field(0), let t = metricsTime(c.text(tf), time) else { return nil }
            let sym = field(1).flatMap { Symbol(c.text($0)) } ?? symbol
            var out: [ArchiveRow] = []
            if let oi = dec(2) {
                let usd = dec(3).flatMap(\.roundedCents)
                out.append(at(t, t.millis, .openInterest(OpenInterest(recv: t, ts: t, stream: .binanceUSDM, symbol: sym, rawSymbol: sym, oi: oi, oiUSDCents: usd))))
            }
            if let ratio = dec(6), ratio.mantissa >= 0, let shares = accountShares(ratio), let pct = shares.long.percent {
                out.append(at(t, t.millis, .longShort(LongShortRatio(recv: t, ts: t, stream: .binanceUSDM, symbol: sym, longPct: pct, ratio: ratio),
                                                      longAccount: shares.long, shortAccount: shares.short)))
            }
            return out.isEmpty ? nil : out
        case .fundingRate:
            guard let calc = int(0), let rate = dec(2) else { return nil }
            let hours = int(1) ?? 8
            let t = time(calc)
            return [at(t, calc, .funding(symbol: symbol, rate: rate, next: UnixNanos(t.rawValue + hours * 3_600_000_000_000)))]
        }
    }

    /// `2023-01-01 00:05:00` (UTC, no zone) or an epoch number.
    static func metricsTime(_ text: String, _ time: (Int64) -> UnixNanos) -> UnixNanos? {
        if let n = Int64(text) { return time(n) }
        return TimeArgument.parse(text)
    }

    /// longAccount = r ÷ (1 + r) to 4 places (the API's precision), shortAccount = 1 − longAccount.
    static func accountShares(_ ratio: FixedDecimal) -> (long: FixedDecimal, short: FixedDecimal)? {
        guard let one = FixedDecimal(mantissa: 1, scale: 0).rescaled(ratio.scale) else { return nil }
        let denominator = FixedDecimal(mantissa: ratio.mantissa + one, scale: ratio.scale)
        guard let long = ratio.divided(by: denominator, resultScale: 4) else { return nil }
        return (long, FixedDecimal(mantissa: 10_000 - long.mantissa, scale: 4))
    }
}
