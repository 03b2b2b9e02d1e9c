import LiqsimCapture
import LiqsimCore
import LiqsimExchanges

/// A normalized stream and unified symbol.
struct EventKey: Hashable {
    var stream: StreamID
    var symbol: Symbol

    var findingKey: StreamSymbol { StreamSymbol(stream.rawValue, symbol.description) }
}

extension ValidationState {
    /// Checks of one normalized event: invalid values, price outliers, staleness, and the
    /// Binance one-liquidation-per-symbol-per-second rule.
    func check(_ event: MarketEvent, record: RawRecord, file: Int) {
        report.events += 1
        let key = EventKey(stream: event.stream, symbol: event.symbol)
        var invalid: [String] = []
        switch event {
        case .trade(let e):
            if !e.price.isPositive { invalid.append("trade price \(e.price)") }
            if !e.qty.isPositive { invalid.append("trade qty \(e.qty)") }
            if e.price.isPositive { checkOutlier(e, key: key, record: record, file: file) }
        case .liquidation(let e):
            if !e.price.isPositive { invalid.append("liquidation price \(e.price)") }
            if !e.qty.isPositive { invalid.append("liquidation qty \(e.qty)") }
            if e.usdCents < 0 { invalid.append("liquidation usd \(e.usdCents) cents") }
            if Exchanges.venue(e.stream).facts.liquidationsPerSymbolSecond == 1 { checkBinanceSecond(e, key: key, record: record, file: file) }
        case .mark(let e):
            if let m = e.mark, !m.isPositive { invalid.append("mark price \(m)") }
        case .openInterest(let e):
            if e.oi.mantissa < 0 { invalid.append("open interest \(e.oi)") }
            if let usd = e.oiUSDCents, usd < 0 { invalid.append("open interest usd \(usd) cents") }
        case .longShortRatio(let e):
            if e.longPct.mantissa < 0 || e.longPct.doubleValue > 100 { invalid.append("long share \(e.longPct)%") }
            if e.ratio.mantissa < 0 { invalid.append("long/short ratio \(e.ratio)") }
        case .instrument(let e):
            if !e.contractValue.isPositive { invalid.append("contract value \(e.contractValue)") }
        }
        for detail in invalid { report.add(.invalidValue, key.findingKey, example(record, file: file, detail)) }
        // Instruments are metadata polled once, not a feed that can go stale.
        if case .instrument = event { return }
        let here = example(record, file: file, "")
        if let previous = lastEvent[key], record.recv.rawValue - previous.recv.rawValue > options.stale.rawValue {
            var found = here
            found.detail = "no events for \(ValidationFormat.seconds(record.recv.rawValue - previous.recv.rawValue)) before this one"
            report.add(.stale, key.findingKey, found)
        }
        if lastEvent[key].map({ record.recv >= $0.recv }) ?? true { lastEvent[key] = here }
    }

    private func checkOutlier(_ trade: Trade, key: EventKey, record: RawRecord, file: Int) {
        defer { lastTradePrice[key] = trade.price }
        guard let previous = lastTradePrice[key] else { return }
        let a = previous.doubleValue, b = trade.price.doubleValue
        // |b − a| / a > p %, without a division.
        guard abs(b - a) * 100 > options.outlierPercent * a else { return }
        let change = (b - a) / a * 100
        report.add(.priceOutlier, key.findingKey, example(record, file: file,
            (change > 0 ? "+" : "") + "\(ValidationFormat.twoDecimals(change))% (\(previous) → \(trade.price))"))
    }

    /// Binance sends at most one liquidation snapshot per symbol per second (of exchange
    /// time `o.T`); a second one in the same second is a duplicate or a data problem.
    private func checkBinanceSecond(_ liq: Liquidation, key: EventKey, record: RawRecord, file: Int) {
        let ns = liq.ts.rawValue
        let second = ns >= 0 ? ns / 1_000_000_000 : (ns + 1) / 1_000_000_000 - 1
        let symbol = liq.symbol.description
        if binanceLastSecond[liq.symbol] == second {
            let start = UnixNanos(second * 1_000_000_000).description.prefix(19)
            report.add(.binanceSameSecond, key.findingKey, example(record, file: file, "second liquidation of \(symbol) in \(start)Z"))
        } else {
            binanceLastSecond[liq.symbol] = second
            report.binanceLiquidationSeconds[symbol, default: 0] += 1
        }
    }

    /// Staleness at the end: stream+symbols whose last event is older than `stale`
    /// relative to the capture's last receive time.
    func finishEvents() {
        guard let end = report.lastRecv?.rawValue else { return }
        for (key, last) in lastEvent where end - last.recv.rawValue > options.stale.rawValue {
            var found = last
            found.detail = "last event \(ValidationFormat.seconds(end - last.recv.rawValue)) before the end of the capture"
            report.add(.stale, key.findingKey, found)
        }
    }
}
