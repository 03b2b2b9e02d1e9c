import LiqsimCore

/// Bybit v5 linear (`bybit-linear`): `publicTrade.<SYM>`, `allLiquidation.<SYM>` and the
/// older `liquidation.<SYM>`, `tickers.<SYM>` (snapshot + deltas), and the REST
/// `/v5/market/account-ratio` body.
public struct BybitAdapter: ExchangeAdapter {
    public static let stream = StreamID.bybitLinear

    /// Ticker state per symbol: a delta carries only the fields that changed.
    var tickerIndex = SymbolIndex()
    var tickers: [TickerState] = []
    var lastRatioTime: [Symbol: Int64] = [:]
    /// Frames in Bybit's usual layout take the fast path (`BybitAdapter+Fast.swift`);
    /// false decodes every frame with the general scanner (the differential tests compare them).
    public var fastPath = true

    struct TickerState {
        var mark: FixedDecimal?, funding: FixedDecimal?, nextFunding: UnixNanos?
        var oi: FixedDecimal?, oiValue: FixedDecimal?
    }

    public init() {}

    enum TopicKind { case trade, allLiquidation, legacyLiquidation, tickers, ignored, unknown }

    static func classify(_ topic: JSONSlice, _ s: JSONScanner) -> TopicKind {
        if s.hasPrefix(topic, "publicTrade.") { return .trade }
        if s.hasPrefix(topic, "allLiquidation.") { return .allLiquidation }
        if s.hasPrefix(topic, "liquidation.") { return .legacyLiquidation }
        if s.hasPrefix(topic, "tickers.") { return .tickers }
        if s.hasPrefix(topic, "orderbook.") || s.hasPrefix(topic, "kline.") || s.hasPrefix(topic, "tickers_lt.") || s.hasPrefix(topic, "kline_lt.") { return .ignored }
        return .unknown
    }

    public mutating func decode(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        if input.kind == .rest {
            decodeREST(input, into: &events, diagnostics: &diagnostics)
            return
        }
        if fastPath && decodeUsualFrame(input, into: &events, diagnostics: &diagnostics) { return }
        var s = JSONScanner(input.payload)
        guard s.beginObject() else { return malformed("not a JSON object", input, &diagnostics) }
        var topic: JSONSlice?, kind: TopicKind?, type: JSONSlice?, data: JSONSlice?, ts: JSONSlice?, op: JSONSlice?
        var decodedData = false
        var ticker: TickerUpdate?
        while let key = s.nextKey() {
            if s.equals(key, "data"), let k = kind, k != .unknown {
                // The topic came first (as Bybit sends it): decode the data where it stands.
                var inner = s.here()
                if k == .tickers {
                    guard let update = TickerUpdate(&inner) else { return malformed("tickers data without symbol", input, &diagnostics) }
                    ticker = update
                } else {
                    guard decodeData(&inner, k, input, into: &events, &diagnostics) else { return }
                }
                s.resume(after: inner)
                decodedData = true
                continue
            }
            guard let v = s.value() else { break }
            if s.equals(key, "topic") {
                guard v.kind == .string else { break }
                topic = v
                let k = BybitAdapter.classify(v, s)
                if k == .ignored && !decodedData { diagnostics.ignored += 1; return }
                kind = k
            }
            else if s.equals(key, "data") { data = v }
            else if s.equals(key, "type") { type = v }
            else if s.equals(key, "ts") { ts = v }
            else if s.equals(key, "op") || s.equals(key, "ret_msg") { op = v }
        }
        guard !s.failed else {
            return malformed("invalid JSON", input, &diagnostics)
        }
        guard let topic, let kind else {
            if op != nil { diagnostics.ignored += 1; return }   // subscribe acks, pongs
            return diagnostics.record(.unknownChannel, "frame without topic", recv: input.recv)
        }
        switch kind {
        case .ignored: diagnostics.ignored += 1
        case .unknown: diagnostics.record(.unknownChannel, "topic \(String(decoding: s.raw(topic), as: UTF8.self))", recv: input.recv)
        case .tickers:
            if ticker == nil, let data, data.kind == .object {
                var inner = s.nested(data)
                ticker = TickerUpdate(&inner)
            }
            guard let ticker else { return malformed("tickers without data/symbol", input, &diagnostics) }
            guard let time = ts.flatMap({ s.millis($0) }) else { return malformed("tickers without ts", input, &diagnostics) }
            applyTicker(ticker, snapshot: type.map { s.equals($0, "snapshot") } ?? false, ts: time, input, into: &events)
        default:
            if decodedData { return }
            guard let data else { return malformed("frame without data", input, &diagnostics) }
            var inner = s.nested(data)
            _ = decodeData(&inner, kind, input, into: &events, &diagnostics)
        }
    }

    /// Decodes the data value at the scanner (an object, or an array of objects) as
    /// elements of `kind`. Returns false when the frame was counted as malformed.
    func decodeData(_ a: inout JSONScanner, _ kind: TopicKind, _ input: ExchangeInput,
                    into events: inout [MarketEvent], _ diagnostics: inout StreamDiagnostics) -> Bool {
        switch a.peek() {
        case UInt8(ascii: "{"):
            return decodeElement(&a, kind, input, into: &events, &diagnostics)
        case UInt8(ascii: "["):
            _ = a.beginArray()
            while a.nextElement() {
                guard decodeElement(&a, kind, input, into: &events, &diagnostics) else { return false }
            }
            if a.failed { malformed("invalid data array", input, &diagnostics); return false }
            return true
        default:
            malformed("data is neither object nor array", input, &diagnostics)
            return false
        }
    }

    @inline(__always)
    private func decodeElement(_ o: inout JSONScanner, _ kind: TopicKind, _ input: ExchangeInput,
                               into events: inout [MarketEvent], _ diagnostics: inout StreamDiagnostics) -> Bool {
        switch kind {
        case .trade: return decodeTrade(&o, input, into: &events, diagnostics: &diagnostics)
        case .allLiquidation: return decodeAllLiquidation(&o, input, into: &events, diagnostics: &diagnostics)
        case .legacyLiquidation: return decodeLegacyLiquidation(&o, input, into: &events, diagnostics: &diagnostics)
        default: return true
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
        return Symbol(utf8: out) ?? raw
    }
}
