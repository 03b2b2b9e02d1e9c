import LiqsimCore

/// Tardis.dev CSV datasets (`trades`, `liquidations`, `derivative_ticker`) → rows. Times
/// are microseconds; `local_timestamp` (Tardis's receive time) becomes the record's
/// receive time. In `liquidations`, `side` is the liquidation order's side: `buy` means a
/// short position was liquidated. Amounts (`amount`, `open_interest`) are in the venue's
/// unit — OKX's are contracts, converted by `OKX.archiveAmounts` with the contract values
/// the OKX decoder falls back to; symbols are unified by the venue.
///
///     exchange,symbol,timestamp,local_timestamp,id,side,price,amount
///     binance-futures,BTCUSDT,1599004800014000,1599004800017598,1234,sell,11665.39,0.002
public enum TardisCSV {
    public enum Dataset: String, Sendable, CaseIterable {
        case trades, liquidations, derivativeTicker = "derivative_ticker"
    }

    /// The liqsim stream of a Tardis exchange id (`binance-futures`, `bybit`, `okex-swap`:
    /// each venue's `tardisExchanges`) or of a stream id.
    public static func stream(_ exchange: String) -> StreamID? {
        Exchanges.all.first { $0.tardisExchanges.contains(exchange) }?.stream ?? StreamID(argument: exchange)
    }

    static let columns = ["exchange", "symbol", "timestamp", "local_timestamp", "id", "side", "price", "amount",
                          "funding_timestamp", "funding_rate", "open_interest", "mark_price"]

    public static func parse(_ csv: ArchiveCSV, dataset: Dataset, file: Int32) -> (rows: [ArchiveRow], findings: [ArchiveFinding]) {
        var rows: [ArchiveRow] = []
        var findings: [ArchiveFinding] = []
        let col = csv.columns(columns, defaults: [])
        guard csv.header != nil, col[0] != nil, col[1] != nil, col[2] != nil, col[3] != nil else {
            return ([], [ArchiveFinding(.badRow, file: file, line: 1, "not a Tardis CSV: the header must name exchange, symbol, timestamp, local_timestamp")])
        }
        var lastRecv: Int64 = .min
        csv.forEachRow { line, f in
            func field(_ i: Int) -> Range<Int>? { col[i].flatMap { $0 < f.count ? f[$0] : nil } }
            func dec(_ i: Int) -> FixedDecimal? { field(i).flatMap { csv.decimal($0) } }
            func time(_ i: Int) -> UnixNanos? { field(i).flatMap { csv.int($0) }.map { EpochUnit(of: $0).nanos($0) } }
            let bad = { (why: String) in findings.append(ArchiveFinding(.badRow, file: file, line: Int32(line), why)) }
            guard let ex = field(0).map({ csv.text($0) }), let stream = stream(ex) else { return bad("unknown exchange") }
            guard let raw = field(1).flatMap({ Symbol(csv.text($0)) }), let ts = time(2), let recv = time(3) else { return bad("missing symbol, timestamp or local_timestamp") }
            let venue = Exchanges.venue(stream)
            let symbol = venue.unifiedSymbol(raw)
            let at = { (item: ArchiveRow.Item) in ArchiveRow(recv: recv, key: ts.rawValue, file: file, line: Int32(line), item: item) }
            if recv.rawValue < lastRecv { findings.append(ArchiveFinding(.outOfOrder, file: file, line: Int32(line), "local_timestamp earlier than the row before: sorted into place")) }
            lastRecv = max(lastRecv, recv.rawValue)
            switch dataset {
            case .trades, .liquidations:
                guard let sideText = field(5).map({ csv.text($0) }), sideText == "buy" || sideText == "sell", let price = dec(6), let amount = dec(7) else {
                    return bad("missing side, price or amount")
                }
                guard let amounts = venue.archiveAmounts(amount, price: price, raw: raw) else { return bad("no contract value for \(raw): cannot convert contracts") }
                let (qty, cents) = amounts
                if dataset == .trades {
                    rows.append(at(.event(.trade(Trade(recv: recv, ts: ts, stream: stream, symbol: symbol, rawSymbol: raw,
                                                       side: sideText == "buy" ? .buy : .sell, price: price, qty: qty)))))
                } else {
                    rows.append(at(.event(.liquidation(Liquidation(recv: recv, ts: ts, stream: stream, symbol: symbol, rawSymbol: raw,
                                                                   side: sideText == "buy" ? .short : .long, price: price, qty: qty, usdCents: cents)))))
                }
            case .derivativeTicker:
                let mark = dec(11), rate = dec(9), next = time(8).flatMap { $0.rawValue > 0 ? $0 : nil }
                if stream == .okxSwap {
                    if let mark { rows.append(at(.event(.mark(MarkFunding(recv: recv, ts: ts, stream: stream, symbol: symbol, rawSymbol: raw, mark: mark, fundingRate: nil, nextFunding: nil))))) }
                    if let rate { rows.append(at(.event(.mark(MarkFunding(recv: recv, ts: ts, stream: stream, symbol: symbol, rawSymbol: raw, mark: nil, fundingRate: rate, nextFunding: next))))) }
                } else {
                    if let mark {
                        rows.append(at(.event(.mark(MarkFunding(recv: recv, ts: ts, stream: stream, symbol: symbol, rawSymbol: raw,
                                                                mark: mark, fundingRate: next == nil ? nil : rate, nextFunding: rate == nil ? nil : next)))))
                    }
                }
                // open_interest in the venue's amount unit (OKX: contracts, as its `oi`), valued at the mark.
                if let oi = dec(10) {
                    if let mark, let amounts = venue.archiveAmounts(oi, price: mark, raw: raw) {
                        rows.append(at(.openInterest(OpenInterest(recv: recv, ts: ts, stream: stream, symbol: symbol, rawSymbol: raw, oi: amounts.qty, oiUSDCents: amounts.usdCents))))
                    } else if mark == nil, let one = FixedDecimal("1"), venue.archiveAmounts(oi, price: one, raw: raw)?.qty == oi {
                        rows.append(at(.openInterest(OpenInterest(recv: recv, ts: ts, stream: stream, symbol: symbol, rawSymbol: raw, oi: oi, oiUSDCents: nil))))
                    } else {
                        findings.append(ArchiveFinding(.badRow, file: file, line: Int32(line), "open_interest of \(raw) cannot be valued (no mark_price or no contract value): skipped"))
                    }
                }
            }
        }
        return (rows, findings)
    }
}
