import LiqsimCore

/// Binance USD-M futures (`binance-usdm`).
///
/// Accepts both envelopes: the combined stream `{"stream":"btcusdt@aggTrade","data":{…}}`
/// and the bare event `{"e":"aggTrade",…}`; `data` may also be an array of events.
/// REST bodies: `/fapi/v1/openInterest` and `/futures/data/globalLongShortAccountRatio`.
public struct BinanceAdapter: ExchangeAdapter {
    public static let stream = StreamID.binanceUSDM

    /// Last mark price per symbol, to value polled open interest in USD.
    var markIndex = SymbolIndex()
    var marks: [FixedDecimal] = []
    /// Newest long/short ratio timestamp emitted per symbol (polls overlap).
    var lastRatioTime: [Symbol: Int64] = [:]
    /// Frames in Binance's usual layout take the fast path (`BinanceAdapter+Fast.swift`);
    /// false decodes every frame with the general scanner (the differential tests compare them).
    public var fastPath = true

    public init() {}

    public mutating func decode(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        if input.kind == .rest {
            decodeREST(input, into: &events, diagnostics: &diagnostics)
            return
        }
        if fastPath && decodeUsualFrame(input, into: &events, diagnostics: &diagnostics) { return }
        var s = JSONScanner(input.payload)
        guard s.beginObject() else { return malformed("not a JSON object", input, &diagnostics) }
        var decodedData = false
        var bareEvent = false
        var isAck = false
        while let key = s.nextKey() {
            if s.equals(key, "data") {
                // Combined-stream envelope: decode the event where it stands (one pass).
                var inner = s.here()
                switch inner.peek() {
                case UInt8(ascii: "{"):
                    guard decodeEvent(&inner, input, into: &events, diagnostics: &diagnostics) else { return }
                case UInt8(ascii: "["):
                    guard inner.beginArray() else { break }
                    while inner.nextElement() {
                        guard decodeEvent(&inner, input, into: &events, diagnostics: &diagnostics) else { return }
                    }
                default:
                    return malformed("data is neither object nor array", input, &diagnostics)
                }
                s.resume(after: inner)
                decodedData = true
                continue
            }
            guard let v = s.value() else { break }
            if s.equals(key, "stream") {
                if !decodedData && BinanceAdapter.isIgnoredStream(s.raw(v)) { diagnostics.ignored += 1; return }
            } else if s.equals(key, "e") { bareEvent = true }
            else if s.equals(key, "result") || s.equals(key, "id") { isAck = true }
        }
        guard !s.failed else {
            return malformed("invalid JSON", input, &diagnostics)
        }
        if decodedData { return }
        if bareEvent {
            var whole = JSONScanner(input.payload)
            _ = decodeEvent(&whole, input, into: &events, diagnostics: &diagnostics)
        } else if isAck {
            diagnostics.ignored += 1   // {"result":null,"id":1}
        } else {
            diagnostics.record(.unknownChannel, "frame without stream/data or e", recv: input.recv)
        }
    }

    /// One event object at the scanner's position; dispatches on `e`. Returns false when
    /// the frame was counted as malformed (the caller stops).
    private mutating func decodeEvent(_ s: inout JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) -> Bool {
        guard s.beginObject() else { malformed("event is not an object", input, &diagnostics); return false }
        var f = BinanceFields()
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            f.take(key, v, s)
        }
        guard !s.failed, let e = f.e else { malformed("event without e", input, &diagnostics); return false }
        if s.equals(e, "aggTrade") || s.equals(e, "trade") {
            decodeTrade(f, s, input, into: &events, diagnostics: &diagnostics)
        } else if s.equals(e, "forceOrder") {
            decodeForceOrder(f, s, input, into: &events, diagnostics: &diagnostics)
        } else if s.equals(e, "markPriceUpdate") {
            decodeMark(f, s, input, into: &events, diagnostics: &diagnostics)
        } else if s.equals(e, "bookTicker") || s.equals(e, "depthUpdate") || s.equals(e, "kline") || s.equals(e, "24hrTicker")
                    || s.equals(e, "24hrMiniTicker") || s.equals(e, "continuous_kline") || s.equals(e, "compositeIndex") {
            diagnostics.ignored += 1
        } else {
            diagnostics.record(.unknownChannel, "event type \(String(decoding: s.raw(e), as: UTF8.self))", recv: input.recv)
        }
        return true
    }

    func malformed(_ why: String, _ input: ExchangeInput, _ diagnostics: inout StreamDiagnostics) {
        diagnostics.record(.malformed, why, recv: input.recv)
    }
}

/// The fields of a Binance event object that any normalized event needs.
struct BinanceFields {
    var e: JSONSlice?, E: JSONSlice?, s: JSONSlice?, p: JSONSlice?, q: JSONSlice?, T: JSONSlice?
    var m: JSONSlice?, r: JSONSlice?, o: JSONSlice?

    @inline(__always)
    mutating func take(_ key: JSONSlice, _ v: JSONSlice, _ sc: JSONScanner) {
        guard key.count == 1 else { return }
        switch sc.bytes[key.start] {
        case UInt8(ascii: "e"): e = v
        case UInt8(ascii: "E"): E = v
        case UInt8(ascii: "s"): s = v
        case UInt8(ascii: "p"): p = v
        case UInt8(ascii: "q"): q = v
        case UInt8(ascii: "T"): T = v
        case UInt8(ascii: "m"): m = v
        case UInt8(ascii: "r"): r = v
        case UInt8(ascii: "o"): o = v
        default: break
        }
    }
}
