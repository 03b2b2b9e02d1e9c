import LiqsimCore

/// OKX v5 perpetual swaps (`okx-swap`): `trades`, `liquidation-orders`, `mark-price`,
/// `funding-rate`, `open-interest`; REST instruments (for `ctVal`) and long/short ratio.
///
/// OKX sizes are in **contracts**: base quantity = `sz × ctVal` for linear (USDT/USDC)
/// swaps; for inverse (USD) swaps `sz × ctVal` is USD and base = USD ÷ price.
public struct OKXAdapter: ExchangeAdapter {
    public static let stream = StreamID.okxSwap

    /// Contract specs by raw instId, from recorded instruments responses, else the built-in table.
    var instrumentIndex = SymbolIndex()
    var contracts: [OKXContract] = []
    /// The unified name of each instrument of the table (`BTC-USDT-SWAP` → `BTCUSDT`), built
    /// once when the instrument is learned instead of once per event.
    var unifiedNames: [Symbol] = []
    var dedup = RecentLiquidations(capacity: 8_192)
    /// Liquidations of the frame being decoded; remembered only if the frame is valid, so a
    /// malformed frame cannot make a later clean resend look like a duplicate.
    var frameLiquidations: [RecentLiquidations.Key] = []
    var lastRatioTime: [Symbol: Int64] = [:]
    /// Frames in OKX's usual layout take the fast path (`OKXAdapter+Fast.swift`);
    /// false decodes every frame with the general scanner (the differential tests compare them).
    public var fastPath = true

    public init() {
        for (id, contract) in OKXContract.builtIn { learn(id, contract) }
    }

    /// Records (or replaces) the contract of an instId.
    mutating func learn(_ instId: Symbol, _ contract: OKXContract) {
        let (k, inserted) = instrumentIndex.insert(instId)
        if inserted { contracts.append(contract); unifiedNames.append(okxUnifiedSymbol(instId)) } else { contracts[k] = contract }
    }

    /// The unified name of an instId: from the instrument table when known, else built.
    @inline(__always)
    func unified(_ instId: Symbol) -> Symbol {
        if let k = instrumentIndex.index(of: instId) { return unifiedNames[k] }
        return okxUnifiedSymbol(instId)
    }

    public mutating func decode(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        let malformedBefore = diagnostics.malformed
        frameLiquidations.removeAll(keepingCapacity: true)
        decodeInput(input, into: &events, diagnostics: &diagnostics)
        if diagnostics.malformed == malformedBefore {
            for key in frameLiquidations { _ = dedup.insert(key) }
        }
    }

    private mutating func decodeInput(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        if input.kind == .rest {
            decodeREST(input, into: &events, diagnostics: &diagnostics)
            return
        }
        if fastPath && decodeUsualFrame(input, into: &events, diagnostics: &diagnostics) { return }
        var s = JSONScanner(input.payload)
        guard s.beginObject() else {
            // OKX answers a text "ping" with a bare "pong".
            if input.payload.count == 4, input.payload.contains("pong") { diagnostics.ignored += 1; return }
            return malformed("not a JSON object", input, &diagnostics)
        }
        var channel: Channel?, data: JSONSlice?, event = false, decodedData = false
        while let key = s.nextKey() {
            if s.equals(key, "data"), let c = channel, c.decodesData {
                // `arg` came first (as OKX sends it): decode the data where it stands.
                var inner = s.here()
                guard decodeData(&inner, c, input, into: &events, &diagnostics) else { return }
                s.resume(after: inner)
                decodedData = true
                continue
            }
            guard let v = s.value() else { break }
            if s.equals(key, "arg") {
                guard let c = OKXAdapter.channel(of: v, s) else { return malformed("arg without channel", input, &diagnostics) }
                if case .ignored = c, !decodedData { diagnostics.ignored += 1; return }
                channel = c
            }
            else if s.equals(key, "data") { data = v }
            else if s.equals(key, "event") { event = true }
        }
        guard !s.failed else {
            return malformed("invalid JSON", input, &diagnostics)
        }
        if event { diagnostics.ignored += 1; return }   // subscribe / error / login acknowledgements
        guard let channel else { return diagnostics.record(.unknownChannel, "frame without arg", recv: input.recv) }
        switch channel {
        case .ignored: diagnostics.ignored += 1
        case .unknown(let name): diagnostics.record(.unknownChannel, "channel \(name)", recv: input.recv)
        default:
            if decodedData { return }
            guard let data else { return malformed("frame without data array", input, &diagnostics) }
            var inner = s.nested(data)
            _ = decodeData(&inner, channel, input, into: &events, &diagnostics)
        }
    }

    enum Channel {
        case trades, liquidations, mark, funding, openInterest, ignored, unknown(String)

        var decodesData: Bool {
            switch self {
            case .ignored, .unknown: false
            default: true
            }
        }
    }

    /// The channel named in an `arg` object.
    static func channel(of arg: JSONSlice, _ s: JSONScanner) -> Channel? {
        guard arg.kind == .object else { return nil }
        var a = s.nested(arg)
        _ = a.beginObject()
        var name: JSONSlice?
        while let key = a.nextKey() {
            guard let v = a.value() else { return nil }
            if a.equals(key, "channel") { name = v }
        }
        guard !a.failed, let c = name else { return nil }
        if a.equals(c, "trades") || a.equals(c, "trades-all") { return .trades }
        if a.equals(c, "liquidation-orders") { return .liquidations }
        if a.equals(c, "mark-price") { return .mark }
        if a.equals(c, "funding-rate") { return .funding }
        if a.equals(c, "open-interest") { return .openInterest }
        if a.hasPrefix(c, "books") || a.equals(c, "tickers") || a.equals(c, "bbo-tbt") || a.hasPrefix(c, "candle")
            || a.hasPrefix(c, "index-") || a.hasPrefix(c, "mark-price-candle") || a.equals(c, "price-limit") { return .ignored }
        return .unknown(String(decoding: a.raw(c), as: UTF8.self))
    }

    /// Decodes the `data` array at the scanner. Returns false when the frame was counted as malformed.
    mutating func decodeData(_ d: inout JSONScanner, _ channel: Channel, _ input: ExchangeInput,
                             into events: inout [MarketEvent], _ diagnostics: inout StreamDiagnostics) -> Bool {
        guard d.beginArray() else { malformed("data is not an array", input, &diagnostics); return false }
        let malformedBefore = diagnostics.malformed
        while d.nextElement() {
            switch channel {
            case .trades: decodeTrade(&d, input, into: &events, diagnostics: &diagnostics)
            case .liquidations: decodeLiquidations(&d, input, into: &events, diagnostics: &diagnostics)
            case .mark: decodeMark(&d, input, into: &events, diagnostics: &diagnostics)
            case .funding: decodeFunding(&d, input, into: &events, diagnostics: &diagnostics)
            case .openInterest: decodeOpenInterest(&d, input, into: &events, diagnostics: &diagnostics)
            case .ignored, .unknown: return true
            }
            if diagnostics.malformed != malformedBefore { return false }
        }
        if d.failed { malformed("invalid data array", input, &diagnostics); return false }
        return true
    }

    func malformed(_ why: String, _ input: ExchangeInput, _ diagnostics: inout StreamDiagnostics) {
        diagnostics.record(.malformed, why, recv: input.recv)
    }

    /// The contract of a swap instId, or nil (counted) when it is not a swap or unknown.
    /// With the contract, the instrument's unified name (one lookup for both).
    func contract(_ instId: Symbol, _ input: ExchangeInput, _ diagnostics: inout StreamDiagnostics) -> (contract: OKXContract, unified: Symbol)? {
        guard instId.hasSuffix("-SWAP") else { diagnostics.outOfScope += 1; return nil }
        guard let k = instrumentIndex.index(of: instId) else {
            diagnostics.record(.missingInstrument, "no ctVal for \(instId)", recv: input.recv)
            return nil
        }
        return (contracts[k], unifiedNames[k])
    }
}

/// Unified symbol of an OKX swap: `BTC-USDT-SWAP` → `BTCUSDT`, `BTC-USD-SWAP` → `BTCUSD`.
func okxUnifiedSymbol(_ instId: Symbol) -> Symbol {
    instId.removing(UInt8(ascii: "-"), dropLast: instId.hasSuffix("-SWAP") ? 5 : 0) ?? instId
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

    func contains(_ key: Key) -> Bool { seen.contains(key) }

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
