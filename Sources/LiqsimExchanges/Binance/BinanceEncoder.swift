import LiqsimCore

/// Writes Binance USD-M futures (`binance-usdm`) combined-stream frames: `aggTrade`,
/// `!forceOrder@arr` and `markPriceUpdate`; REST bodies in `BinanceEncoder+REST.swift`.
///
/// Binance's symbol is its own unified name, so every event must have
/// `symbol == rawSymbol`. Aggregate-trade ids (`a`) and first/last trade ids (`f`/`l`)
/// come from per-symbol counters starting at 1; `E` equals the event time.
public struct BinanceEncoder: ExchangeEncoder, Sendable {
    public static let stream = StreamID.binanceUSDM

    /// Next aggregate-trade id per symbol.
    var nextAggId: [Symbol: Int64] = [:]
    /// Next trade id per symbol (one trade per aggregate).
    var nextTradeId: [Symbol: Int64] = [:]
    /// Last mark written per symbol: the decoder values polled open interest with it.
    var lastMark: [Symbol: FixedDecimal] = [:]

    public init() {}

    /// Appends the combined-stream frame for a trade, liquidation or mark event (full shapes
    /// on the `append…` functions). Open interest and long/short ratios are REST-only
    /// (`openInterestBody`, `longShortBody`) and instruments do not exist here: false.
    ///
    ///     {"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":…,"a":…,"s":"BTCUSDT","p":"64990.90",…,"m":true,"st":1}}
    ///     {"stream":"!forceOrder@arr","data":{"e":"forceOrder","E":…,"o":{"s":"ILVUSDT","S":"SELL",…,"ps":"ILVUSDT","st":1}}}
    ///     {"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":…,"s":"BTCUSDT","p":"64991.37858696",…,"r":"0.00003936","T":1786176000000,"st":1}}
    public mutating func encodeFrame(_ event: MarketEvent, into out: OutputBuffer) -> Bool {
        guard event.stream == Self.stream else { return false }
        switch event {
        case .trade(let t): return appendTrade(t, into: out)
        case .liquidation(let l): return appendForceOrder(l, into: out)
        case .mark(let m): return appendMarkPrice(m, into: out)
        case .openInterest, .longShortRatio, .instrument: return false
        }
    }

    /// `<sym>@aggTrade`; `m` (buyer is maker) is true when the taker sold. Real frame:
    ///
    ///     {"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1786171884624,"a":3404749954,"s":"BTCUSDT",
    ///      "p":"64990.90","q":"0.002","nq":"0.002","f":7960913511,"l":7960913511,"T":1786171884471,"m":true,"st":1}}
    mutating func appendTrade(_ t: Trade, into out: OutputBuffer) -> Bool {
        guard t.stream == Self.stream, t.symbol == t.rawSymbol, let ms = t.ts.exactMillis else { return false }
        let agg = nextAggId[t.symbol, default: 1]
        let id = nextTradeId[t.symbol, default: 1]
        nextAggId[t.symbol] = agg + 1
        nextTradeId[t.symbol] = id + 1
        out.append("{\"stream\":\""); out.appendLowercased(t.symbol)
        out.append("@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":"); out.append(int: ms)
        out.append(",\"a\":"); out.append(int: agg)
        out.append(",\"s\":\""); out.append(t.symbol)
        out.append("\",\"p\":"); out.appendQuoted(t.price)
        out.append(",\"q\":"); out.appendQuoted(t.qty)
        out.append(",\"nq\":"); out.appendQuoted(t.qty)
        out.append(",\"f\":"); out.append(int: id)
        out.append(",\"l\":"); out.append(int: id)
        out.append(",\"T\":"); out.append(int: ms)
        out.append(t.side == .sell ? ",\"m\":true,\"st\":1}}" : ",\"m\":false,\"st\":1}}")
        return true
    }

    /// `!forceOrder@arr`: `o.S` is the liquidation *order's* side, so `SELL` closes a LONG.
    /// Quantities `q`/`l`/`z` are the event's quantity, prices `p`/`ap` its price; `ps` repeats
    /// the symbol as the real frames do. False when `usdCents` ≠ qty × price in cents. Real frame:
    ///
    ///     {"stream":"!forceOrder@arr","data":{"e":"forceOrder","E":1791391083124,"o":{"s":"ILVUSDT","S":"SELL",
    ///      "o":"LIMIT","f":"IOC","q":"116.5","p":"3.80300","ap":"3.85642","X":"FILLED","l":"25.2","z":"116.5",
    ///      "T":1791391082119,"ps":"ILVUSDT","st":1}}}
    func appendForceOrder(_ l: Liquidation, into out: OutputBuffer) -> Bool {
        guard l.stream == Self.stream, l.symbol == l.rawSymbol, let ms = l.ts.exactMillis,
              FixedDecimal.productCents(l.qty, l.price) == l.usdCents else { return false }
        out.append("{\"stream\":\"!forceOrder@arr\",\"data\":{\"e\":\"forceOrder\",\"E\":"); out.append(int: ms)
        out.append(",\"o\":{\"s\":\""); out.append(l.symbol)
        out.append(l.side == .long ? "\",\"S\":\"SELL\"" : "\",\"S\":\"BUY\"")
        out.append(",\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":"); out.appendQuoted(l.qty)
        out.append(",\"p\":"); out.appendQuoted(l.price)
        out.append(",\"ap\":"); out.appendQuoted(l.price)
        out.append(",\"X\":\"FILLED\",\"l\":"); out.appendQuoted(l.qty)
        out.append(",\"z\":"); out.appendQuoted(l.qty)
        out.append(",\"T\":"); out.append(int: ms)
        out.append(",\"ps\":\""); out.append(l.symbol)
        out.append("\",\"st\":1}}}")
        return true
    }

    /// `<sym>@markPrice@1s`: `p` mark (also written as `ap`, `P` estimated settle price and
    /// `i` index price), `r` funding rate, `T` next funding time, `E` the event time. Needs
    /// a mark, and a funding rate with a positive next funding time or neither: a mark without
    /// funding is written as delivery contracts send it, `"r":""` and `"T":0`. Real frame:
    ///
    ///     {"stream":"btcusdt@markPrice","data":{"e":"markPriceUpdate","E":1786171884000,"s":"BTCUSDT",
    ///      "p":"64991.37858696","ap":"64991.37858696","P":"64980.01344384","i":"65016.05673913",
    ///      "r":"0.00003936","T":1786176000000,"st":1}}
    mutating func appendMarkPrice(_ m: MarkFunding, into out: OutputBuffer) -> Bool {
        guard m.stream == Self.stream, m.symbol == m.rawSymbol, let ms = m.ts.exactMillis,
              let mark = m.mark, (m.fundingRate == nil) == (m.nextFunding == nil) else { return false }
        let next = m.nextFunding?.exactMillis ?? 0
        guard m.nextFunding == nil || next > 0 else { return false }
        lastMark[m.symbol] = mark
        out.append("{\"stream\":\""); out.appendLowercased(m.symbol)
        out.append("@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":"); out.append(int: ms)
        out.append(",\"s\":\""); out.append(m.symbol)
        out.append("\",\"p\":"); out.appendQuoted(mark)
        out.append(",\"ap\":"); out.appendQuoted(mark)
        out.append(",\"P\":"); out.appendQuoted(mark)
        out.append(",\"i\":"); out.appendQuoted(mark)
        if let rate = m.fundingRate { out.append(",\"r\":"); out.appendQuoted(rate) } else { out.append(",\"r\":\"\"") }
        out.append(",\"T\":"); out.append(int: next)
        out.append(",\"st\":1}}")
        return true
    }
}
