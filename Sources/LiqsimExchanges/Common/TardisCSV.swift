import LiqsimCore

/// Tardis.dev CSV datasets (`trades`, `liquidations`, `derivative_ticker`) → rows. Times
/// are microseconds; `local_timestamp` (Tardis's receive time) becomes the record's
/// receive time. In `liquidations`, `side` is the liquidation order's side: `buy` means a
/// short position was liquidated. OKX amounts are contracts, converted with the contract
/// values the OKX decoder falls back to.
///
///     exchange,symbol,timestamp,local_timestamp,id,side,price,amount
///     binance-futures,BTCUSDT,1599004800014000,1599004800017598,1234,sell,11665.39,0.002
public enum TardisCSV {
    public enum Dataset: String, Sendable, CaseIterable {
        case trades, liquidations, derivativeTicker = "derivative_ticker"
    }

    /// The liqsim stream of a Tardis exchange id (`binance-futures`, `bybit`, `okex-swap`).
    public static func stream(_ exchange: String) -> StreamID? {
        switch exchange {
        case "binance-futures": .binanceUSDM
        case "bybit": .bybitLinear
        case "okex-swap", "okx-swap": .okxSwap
        default: StreamID(argument: exchange)
        }
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
        var skippedOI = false
        csv.forEachRow { line, f in
            func field(_ i: Int) -> Range<Int>? { col[i].flatMap { $0 < f.count ? f[$0] : nil } }
            func dec(_ i: Int) -> FixedDecimal? { field(i).flatMap { csv.decimal($0) } }
            func time(_ i: Int) -> UnixNanos? { field(i).flatMap { csv.int($0) }.map { EpochUnit(of: $0).nanos($0) } }
            let bad = { (why: String) in findings.append(ArchiveFinding(.badRow, file: file, line: Int32(line), why)) }
            guard let ex = field(0).map({ csv.text($0) }), let stream = stream(ex) else { return bad("unknown exchange") }
            guard let raw = field(1).flatMap({ Symbol(csv.text($0)) }), let ts = time(2), let recv = time(3) else { return bad("missing symbol, timestamp or local_timestamp") }
            let symbol = unified(raw, stream)
            let at = { (item: ArchiveRow.Item) in ArchiveRow(recv: recv, key: ts.rawValue, file: file, line: Int32(line), item: item) }
            if recv.rawValue < lastRecv { findings.append(ArchiveFinding(.outOfOrder, file: file, line: Int32(line), "local_timestamp earlier than the row before: sorted into place")) }
            lastRecv = max(lastRecv, recv.rawValue)
            switch dataset {
            case .trades, .liquidations:
                guard let sideText = field(5).map({ csv.text($0) }), sideText == "buy" || sideText == "sell", let price = dec(6), let amount = dec(7) else {
                    return bad("missing side, price or amount")
                }
                guard let amounts = baseAmount(amount, price: price, raw: raw, stream) else { return bad("no contract value for \(raw): cannot convert contracts") }
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
                    if dec(10) != nil && !skippedOI {
                        skippedOI = true
                        findings.append(ArchiveFinding(.unused, file: file, line: Int32(line), "okx open_interest not imported (its unit is not pinned by a fixture)"))
                    }
                } else {
                    if let mark {
                        rows.append(at(.event(.mark(MarkFunding(recv: recv, ts: ts, stream: stream, symbol: symbol, rawSymbol: raw,
                                                                mark: mark, fundingRate: next == nil ? nil : rate, nextFunding: rate == nil ? nil : next)))))
                    }
                    if let oi = dec(10) {
                        rows.append(at(.openInterest(OpenInterest(recv: recv, ts: ts, stream: stream, symbol: symbol, rawSymbol: raw, oi: oi,
                                                                  oiUSDCents: mark.flatMap { FixedDecimal.productCents(oi, $0) }))))
                    }
                }
            }
        }
        return (rows, findings)
    }

    static func unified(_ raw: Symbol, _ stream: StreamID) -> Symbol {
        switch stream {
        case .binanceUSDM: raw
        case .bybitLinear: bybitUnifiedSymbol(raw)
        case .okxSwap: okxUnifiedSymbol(raw)
        }
    }

    /// Base quantity and USD cents of an amount: base units, or OKX contracts.
    static func baseAmount(_ amount: FixedDecimal, price: FixedDecimal, raw: Symbol, _ stream: StreamID) -> (FixedDecimal, Int64)? {
        if stream == .okxSwap {
            guard let c = OKXContract.builtIn[raw] else { return nil }
            return c.amounts(contracts: amount, price: price).map { ($0.qty, $0.usdCents) }
        }
        return FixedDecimal.productCents(amount, price).map { (amount, $0) }
    }
}
