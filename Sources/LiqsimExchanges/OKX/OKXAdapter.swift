import LiqsimCore

/// OKX v5 perpetual swaps (`okx-swap`): `trades`, `liquidation-orders`, `mark-price`,
/// `funding-rate`, `open-interest`; REST instruments (for `ctVal`) and long/short ratio.
///
/// OKX sizes are in **contracts**: base quantity = `sz × ctVal` for linear (USDT/USDC)
/// swaps; for inverse (USD) swaps `sz × ctVal` is USD and base = USD ÷ price.
public struct OKXAdapter: ExchangeAdapter {
    public static let stream = StreamID.okxSwap

    /// Contract specs by raw instId, from recorded instruments responses, else the built-in table.
    var instruments: [Symbol: OKXContract] = OKXContract.builtIn
    var dedup = RecentLiquidations(capacity: 8_192)
    var lastRatioTime: [Symbol: Int64] = [:]

    public init() {}

    public mutating func decode(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        if input.kind == .rest {
            decodeREST(input, into: &events, diagnostics: &diagnostics)
            return
        }
        var s = JSONScanner(input.payload)
        guard s.beginObject() else {
            // OKX answers a text "ping" with a bare "pong".
            if input.payload.count == 4, input.payload.contains("pong") { diagnostics.ignored += 1; return }
            return malformed("not a JSON object", input, &diagnostics)
        }
        var arg: JSONSlice?, data: JSONSlice?, event: JSONSlice?
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            if s.equals(key, "arg") { arg = v }
            else if s.equals(key, "data") { data = v }
            else if s.equals(key, "event") { event = v }
        }
        guard !s.failed else { return malformed("invalid JSON", input, &diagnostics) }
        if event != nil { diagnostics.ignored += 1; return }   // subscribe / error / login acknowledgements
        guard let arg, arg.kind == .object else { return diagnostics.record(.unknownChannel, "frame without arg", recv: input.recv) }
        var a = s.nested(arg)
        _ = a.beginObject()
        var channel: JSONSlice?
        while let key = a.nextKey() {
            guard let v = a.value() else { break }
            if a.equals(key, "channel") { channel = v }
        }
        guard !a.failed, let channel else { return malformed("arg without channel", input, &diagnostics) }
        guard let data, data.kind == .array else { return malformed("frame without data array", input, &diagnostics) }
        var d = s.nested(data)
        _ = d.beginArray()
        while d.nextElement() {
            guard let el = d.value(), el.kind == .object else { return malformed("data element is not an object", input, &diagnostics) }
            let o = d.nested(el)
            if s.equals(channel, "trades") || s.equals(channel, "trades-all") { decodeTrade(o, input, into: &events, diagnostics: &diagnostics) }
            else if s.equals(channel, "liquidation-orders") { decodeLiquidations(o, input, into: &events, diagnostics: &diagnostics) }
            else if s.equals(channel, "mark-price") { decodeMark(o, input, into: &events, diagnostics: &diagnostics) }
            else if s.equals(channel, "funding-rate") { decodeFunding(o, input, into: &events, diagnostics: &diagnostics) }
            else if s.equals(channel, "open-interest") { decodeOpenInterest(o, input, into: &events, diagnostics: &diagnostics) }
            else if s.hasPrefix(channel, "books") || s.equals(channel, "tickers") || s.equals(channel, "bbo-tbt") || s.hasPrefix(channel, "candle")
                        || s.hasPrefix(channel, "index-") || s.hasPrefix(channel, "mark-price-candle") || s.equals(channel, "price-limit") {
                diagnostics.ignored += 1
                return
            } else {
                return diagnostics.record(.unknownChannel, "channel \(String(decoding: s.raw(channel), as: UTF8.self))", recv: input.recv)
            }
        }
        if d.failed { malformed("invalid data array", input, &diagnostics) }
    }

    func malformed(_ why: String, _ input: ExchangeInput, _ diagnostics: inout StreamDiagnostics) {
        diagnostics.record(.malformed, why, recv: input.recv)
    }

    /// The contract of a swap instId, or nil (counted) when it is not a swap or unknown.
    func contract(_ instId: Symbol, _ input: ExchangeInput, _ diagnostics: inout StreamDiagnostics) -> OKXContract? {
        guard instId.hasSuffix("-SWAP") else { diagnostics.outOfScope += 1; return nil }
        guard let c = instruments[instId] else {
            diagnostics.record(.missingInstrument, "no ctVal for \(instId)", recv: input.recv)
            return nil
        }
        return c
    }
}

/// Unified symbol of an OKX swap: `BTC-USDT-SWAP` → `BTCUSDT`, `BTC-USD-SWAP` → `BTCUSD`.
func okxUnifiedSymbol(_ instId: Symbol) -> Symbol {
    instId.withBytes { b in
        var out = [UInt8]()
        out.reserveCapacity(b.count)
        var end = b.count
        if instId.hasSuffix("-SWAP") { end -= 5 }
        for c in b[0..<end] where c != UInt8(ascii: "-") { out.append(c) }
        return out.withUnsafeBytes { Symbol(ascii: $0) } ?? instId
    }
}

/// OKX backlog de-duplication: a liquidation identical in instrument, time, size, price
/// and side to one of the last `capacity` is a resend (OKX repeats recent liquidations
/// on every (re)connect).
struct RecentLiquidations {
    struct Key: Hashable { var instId: Symbol; var ts: Int64; var sz: FixedDecimal; var px: FixedDecimal; var side: LiquidatedSide }
    let capacity: Int
    private var seen: Set<Key> = []
    private var order: [Key] = []
    private var next = 0

    init(capacity: Int) { self.capacity = capacity }

    /// True when `key` is new (and remembers it).
    mutating func insert(_ key: Key) -> Bool {
        guard seen.insert(key).inserted else { return false }
        if order.count < capacity { order.append(key) } else {
            seen.remove(order[next])
            order[next] = key
            next = (next + 1) % capacity
        }
        return true
    }
}
