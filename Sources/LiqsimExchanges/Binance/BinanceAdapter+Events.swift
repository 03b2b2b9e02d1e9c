import LiqsimCore

extension BinanceAdapter {
    /// `aggTrade`: taker side from `m` (buyer is maker → the taker sold).
    ///
    ///     {"e":"aggTrade","E":1786171884624,"a":3404749954,"s":"BTCUSDT","p":"64990.90","q":"0.002",
    ///      "nq":"0.002","f":7960913511,"l":7960913511,"T":1786171884471,"m":true,"st":1}
    @inline(__always)
    func decodeTrade(_ f: BinanceFields, _ s: JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard let sv = f.s, let symbol = s.symbol(sv), let pv = f.p, let price = s.decimal(pv), let qv = f.q, let qty = s.decimal(qv),
              let tv = f.T, let ts = s.millis(tv), let mv = f.m, let buyerIsMaker = s.bool(mv) else {
            return malformed("aggTrade missing s/p/q/T/m", input, &diagnostics)
        }
        events.append(.trade(Trade(recv: input.recv, ts: ts, stream: .binanceUSDM, symbol: symbol, rawSymbol: symbol,
                                   side: buyerIsMaker ? .sell : .buy, price: price, qty: qty)))
    }

    /// `forceOrder`: `o.S` is the side of the liquidation *order*, so `SELL` closes a LONG.
    /// Quantity is `o.z` (filled accumulated), price `o.ap` (average fill price).
    ///
    ///     {"e":"forceOrder","E":1791091027107,"o":{"s":"MANTAUSDT","S":"SELL","o":"LIMIT","f":"IOC",
    ///      "q":"2049.1","p":"0.0711500","ap":"0.0722187","X":"FILLED","l":"245.9","z":"2049.1",
    ///      "T":1791091026103,"ps":"MANTAUSDT","st":1}}
    func decodeForceOrder(_ f: BinanceFields, _ s: JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard let ov = f.o, ov.kind == .object else { return malformed("forceOrder without o", input, &diagnostics) }
        var o = s.nested(ov)
        _ = o.beginObject()
        var sym: JSONSlice?, side: JSONSlice?, ap: JSONSlice?, z: JSONSlice?, t: JSONSlice?
        while let key = o.nextKey() {
            guard let v = o.value() else { break }
            if key.count == 1 {
                switch o.bytes[key.start] {
                case UInt8(ascii: "s"): sym = v
                case UInt8(ascii: "S"): side = v
                case UInt8(ascii: "z"): z = v
                case UInt8(ascii: "T"): t = v
                default: break
                }
            } else if o.equals(key, "ap") { ap = v }
        }
        guard !o.failed, let sym, let symbol = o.symbol(sym), let side, let ap, let price = o.decimal(ap), let z, let qty = o.decimal(z),
              let ts = t.flatMap({ o.millis($0) }) ?? f.E.flatMap({ o.millis($0) }) else {
            return malformed("forceOrder missing o.s/S/ap/z/T", input, &diagnostics)
        }
        let liquidated: LiquidatedSide
        if o.equals(side, "SELL") { liquidated = .long } else if o.equals(side, "BUY") { liquidated = .short } else {
            return malformed("forceOrder side is neither BUY nor SELL", input, &diagnostics)
        }
        guard let usd = FixedDecimal.productCents(qty, price) else { return malformed("forceOrder notional out of range", input, &diagnostics) }
        events.append(.liquidation(Liquidation(recv: input.recv, ts: ts, stream: .binanceUSDM, symbol: symbol, rawSymbol: symbol,
                                               side: liquidated, price: price, qty: qty, usdCents: usd)))
    }

    /// `markPriceUpdate` (`<sym>@markPrice@1s`): `p` mark, `r` funding rate, `T` next funding.
    ///
    ///     {"e":"markPriceUpdate","E":1786171884000,"s":"BTCUSDT","p":"64991.37858696","ap":"64991.37858696",
    ///      "P":"64980.01344384","i":"65016.05673913","r":"0.00003936","T":1786176000000,"st":1}
    mutating func decodeMark(_ f: BinanceFields, _ s: JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard let sv = f.s, let symbol = s.symbol(sv), let pv = f.p, let mark = s.decimal(pv), let ev = f.E, let ts = s.millis(ev) else {
            return malformed("markPriceUpdate missing s/p/E", input, &diagnostics)
        }
        // Delivery contracts send "r":"" and "T":0: no funding.
        let rate = f.r.flatMap { s.decimal($0) }
        let next = f.T.flatMap { s.int64($0) }.flatMap { $0 > 0 ? UnixNanos(millis: $0) : nil }
        let (k, inserted) = markIndex.insert(symbol)
        if inserted { marks.append(mark) } else { marks[k] = mark }
        events.append(.mark(MarkFunding(recv: input.recv, ts: ts, stream: .binanceUSDM, symbol: symbol, rawSymbol: symbol,
                                        mark: mark, fundingRate: rate, nextFunding: next)))
    }
}
