import LiqsimCore

/// Bybit v5 linear (`bybit-linear`): `publicTrade.<SYM>`, `allLiquidation.<SYM>` and the
/// older `liquidation.<SYM>`, `tickers.<SYM>` (snapshot + deltas), and the REST
/// `/v5/market/account-ratio` body.
public struct BybitAdapter: ExchangeAdapter {
    public static let stream = StreamID.bybitLinear

    /// Ticker state per symbol: a delta carries only the fields that changed.
    var tickers: [Symbol: TickerState] = [:]
    var lastRatioTime: [Symbol: Int64] = [:]

    struct TickerState {
        var mark: FixedDecimal?, funding: FixedDecimal?, nextFunding: UnixNanos?
        var oi: FixedDecimal?, oiValue: FixedDecimal?
    }

    public init() {}

    public mutating func decode(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        if input.kind == .rest {
            decodeREST(input, into: &events, diagnostics: &diagnostics)
            return
        }
        var s = JSONScanner(input.payload)
        guard s.beginObject() else { return malformed("not a JSON object", input, &diagnostics) }
        var topic: JSONSlice?, type: JSONSlice?, data: JSONSlice?, ts: JSONSlice?, op: JSONSlice?
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            if s.equals(key, "topic") { topic = v }
            else if s.equals(key, "data") { data = v }
            else if s.equals(key, "type") { type = v }
            else if s.equals(key, "ts") { ts = v }
            else if s.equals(key, "op") || s.equals(key, "ret_msg") { op = v }
        }
        guard !s.failed else { return malformed("invalid JSON", input, &diagnostics) }
        guard let topic, topic.kind == .string else {
            if op != nil { diagnostics.ignored += 1; return }   // subscribe acks, pongs
            return diagnostics.record(.unknownChannel, "frame without topic", recv: input.recv)
        }
        guard let data else { return malformed("frame without data", input, &diagnostics) }
        if s.hasPrefix(topic, "publicTrade.") {
            forEachObject(in: data, s, .trade, input, into: &events, &diagnostics)
        } else if s.hasPrefix(topic, "allLiquidation.") {
            forEachObject(in: data, s, .allLiquidation, input, into: &events, &diagnostics)
        } else if s.hasPrefix(topic, "liquidation.") {
            forEachObject(in: data, s, .legacyLiquidation, input, into: &events, &diagnostics)
        } else if s.hasPrefix(topic, "tickers.") {
            let isSnapshot = type.map { s.equals($0, "snapshot") } ?? false
            guard let ts = ts.flatMap({ s.millis($0) }), data.kind == .object else { return malformed("tickers without ts/data", input, &diagnostics) }
            decodeTicker(s.nested(data), snapshot: isSnapshot, ts: ts, input, into: &events, diagnostics: &diagnostics)
        } else if s.hasPrefix(topic, "orderbook.") || s.hasPrefix(topic, "kline.") || s.hasPrefix(topic, "tickers_lt.") || s.hasPrefix(topic, "kline_lt.") {
            diagnostics.ignored += 1
        } else {
            diagnostics.record(.unknownChannel, "topic \(String(decoding: s.raw(topic), as: UTF8.self))", recv: input.recv)
        }
    }

    enum ElementKind { case trade, allLiquidation, legacyLiquidation }

    /// Decodes `data` if it is an object, or each element if it is an array.
    @inline(__always)
    func forEachObject(in data: JSONSlice, _ s: JSONScanner, _ kind: ElementKind, _ input: ExchangeInput,
                       into events: inout [MarketEvent], _ diagnostics: inout StreamDiagnostics) {
        if data.kind == .object { return decodeElement(s.nested(data), kind, input, into: &events, &diagnostics) }
        guard data.kind == .array else { return malformed("data is neither object nor array", input, &diagnostics) }
        var a = s.nested(data)
        _ = a.beginArray()
        while a.nextElement() {
            guard let el = a.value() else { break }
            guard el.kind == .object else { return malformed("data element is not an object", input, &diagnostics) }
            decodeElement(a.nested(el), kind, input, into: &events, &diagnostics)
        }
        if a.failed { malformed("invalid data array", input, &diagnostics) }
    }

    @inline(__always)
    private func decodeElement(_ o: JSONScanner, _ kind: ElementKind, _ input: ExchangeInput,
                               into events: inout [MarketEvent], _ diagnostics: inout StreamDiagnostics) {
        switch kind {
        case .trade: decodeTrade(o, input, into: &events, diagnostics: &diagnostics)
        case .allLiquidation: decodeAllLiquidation(o, input, into: &events, diagnostics: &diagnostics)
        case .legacyLiquidation: decodeLegacyLiquidation(o, input, into: &events, diagnostics: &diagnostics)
        }
    }

    func malformed(_ why: String, _ input: ExchangeInput, _ diagnostics: inout StreamDiagnostics) {
        diagnostics.record(.malformed, why, recv: input.recv)
    }
}

/// Bybit names USDC perpetuals `BTCPERP`; the unified symbol is BASE+QUOTE (`BTCUSDC`).
func bybitUnifiedSymbol(_ raw: Symbol) -> Symbol {
    guard raw.hasSuffix("PERP"), raw.count > 4 else { return raw }
    return raw.withBytes { b in
        var out = [UInt8](b[0..<(b.count - 4)])
        out.append(contentsOf: Array("USDC".utf8))
        return out.withUnsafeBytes { Symbol(ascii: $0) } ?? raw
    }
}
