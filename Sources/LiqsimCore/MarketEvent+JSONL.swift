/// The `--format jsonl` encoding of normalized events (README "JSON lines").
///
/// Field order is fixed and matches SPEC §4; fields beyond the spec (`raw_symbol`) come
/// last. The replay digest is the SHA-256 of exactly these bytes, so
/// `liqsim replay X --format jsonl | sha256sum` reproduces it.
extension OutputBuffer {
    public func appendJSONLine(_ event: MarketEvent) {
        switch event {
        case .liquidation(let e):
            head("{\"type\":\"liquidation\",\"recv_ns\":", e.recv, e.ts, e.stream, e.symbol)
            append(e.side == .long ? ",\"side\":\"long\",\"price\":\"" : ",\"side\":\"short\",\"price\":\""); append(e.price)
            append("\",\"qty\":\""); append(e.qty)
            append("\",\"usd\":"); append(cents: e.usdCents)
            tail(e.rawSymbol)
        case .trade(let e):
            head("{\"type\":\"trade\",\"recv_ns\":", e.recv, e.ts, e.stream, e.symbol)
            append(e.side == .buy ? ",\"side\":\"buy\",\"price\":\"" : ",\"side\":\"sell\",\"price\":\""); append(e.price)
            append("\",\"qty\":\""); append(e.qty)
            append("\"")
            tail(e.rawSymbol)
        case .mark(let e):
            head("{\"type\":\"mark\",\"recv_ns\":", e.recv, e.ts, e.stream, e.symbol)
            append(",\"mark\":"); appendQuoted(e.mark)
            append(",\"funding_rate\":"); appendQuoted(e.fundingRate)
            append(",\"next_funding_ns\":")
            if let t = e.nextFunding { append(int: t.rawValue) } else { append("null") }
            tail(e.rawSymbol)
        case .openInterest(let e):
            head("{\"type\":\"open_interest\",\"recv_ns\":", e.recv, e.ts, e.stream, e.symbol)
            append(",\"oi\":\""); append(e.oi)
            append("\",\"oi_usd\":")
            if let c = e.oiUSDCents { append(cents: c) } else { append("null") }
            tail(e.rawSymbol)
        case .longShortRatio(let e):
            head("{\"type\":\"long_short_ratio\",\"recv_ns\":", e.recv, e.ts, e.stream, e.symbol)
            append(",\"long_pct\":"); append(e.longPct)
            append(",\"ratio\":"); append(e.ratio)
            append("}\n")
        case .instrument(let e):
            append("{\"type\":\"instrument\",\"recv_ns\":"); append(int: e.recv.rawValue)
            append(",\"exchange\":\""); append(e.stream.jsonValue)
            append("\",\"symbol\":\""); append(e.symbol)
            append("\",\"contract\":\""); append(e.contractKind.jsonValue)
            append("\",\"contract_value\":\""); append(e.contractValue)
            append("\"")
            tail(e.rawSymbol)
        }
    }

    /// `opening` is `{"type":"<type>","recv_ns":` (constant pieces go in as one append).
    @inline(__always)
    private func head(_ opening: StaticString, _ recv: UnixNanos, _ ts: UnixNanos, _ stream: StreamID, _ symbol: Symbol) {
        append(opening); append(int: recv.rawValue)
        append(",\"ts_ns\":"); append(int: ts.rawValue)
        append(stream.exchangeAndSymbolKey); append(symbol)
        append("\"")
    }

    @inline(__always)
    private func tail(_ raw: Symbol) {
        append(",\"raw_symbol\":\""); append(raw); append("\"}\n")
    }

    @inline(__always)
    private func appendQuoted(_ d: FixedDecimal?) {
        if let d { append(UInt8(ascii: "\"")); append(d); append(UInt8(ascii: "\"")) } else { append("null") }
    }
}

extension StreamID {
    /// `,"exchange":"<jsonValue>","symbol":"`: the middle of an event's JSON line in one piece.
    var exchangeAndSymbolKey: StaticString {
        switch self {
        case .binanceUSDM: ",\"exchange\":\"binance-usdm\",\"symbol\":\""
        case .bybitLinear: ",\"exchange\":\"bybit-linear\",\"symbol\":\""
        case .okxSwap: ",\"exchange\":\"okx-swap\",\"symbol\":\""
        }
    }
}
