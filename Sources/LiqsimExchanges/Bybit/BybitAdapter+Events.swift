import LiqsimCore

extension BybitAdapter {
    /// `publicTrade.<SYM>` element; `S` is the taker side.
    ///
    ///     {"T":1786310819680,"s":"BTCUSDT","S":"Sell","v":"0.004","p":"65114.20","L":"MinusTick",
    ///      "i":"a9188a0a-82bc-50de-be60-03eedbe3cdd7","BT":false,"RPI":false,"seq":753843954913}
    @inline(__always)
    func decodeTrade(_ scanner: inout JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) -> Bool {
        emitTrade(BybitTSSVP(&scanner), input, into: &events, diagnostics: &diagnostics)
    }

    @inline(__always)
    func emitTrade(_ f: BybitTSSVP?, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) -> Bool {
        guard let f, let side = f.takerSide else { malformed("publicTrade element missing T/s/S/v/p", input, &diagnostics); return false }
        events.append(.trade(Trade(recv: input.recv, ts: f.ts, stream: .bybitLinear, symbol: bybitUnifiedSymbol(f.symbol), rawSymbol: f.symbol,
                                   side: side, price: f.price, qty: f.qty)))
        return true
    }

    /// `allLiquidation.<SYM>` element. `S` is the side of the *position*: `Buy` means a
    /// LONG was liquidated (the opposite convention to Binance's order side).
    ///
    ///     {"T":1789670094099,"s":"ICPUSDT","S":"Buy","v":"19.7","p":"2.585"}
    func decodeAllLiquidation(_ scanner: inout JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) -> Bool {
        emitAllLiquidation(BybitTSSVP(&scanner), input, into: &events, diagnostics: &diagnostics)
    }

    func emitAllLiquidation(_ f: BybitTSSVP?, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) -> Bool {
        guard let f, let side = f.positionSide, let usd = FixedDecimal.productCents(f.qty, f.price) else {
            malformed("allLiquidation element missing T/s/S/v/p or out of range", input, &diagnostics)
            return false
        }
        events.append(.liquidation(Liquidation(recv: input.recv, ts: f.ts, stream: .bybitLinear, symbol: bybitUnifiedSymbol(f.symbol), rawSymbol: f.symbol,
                                               side: side, price: f.price, qty: f.qty, usdCents: usd)))
        return true
    }

    /// Deprecated `liquidation.<SYM>` (Bybit v5 docs example); `side` as in allLiquidation:
    ///
    ///     {"topic":"liquidation.BTCUSDT","type":"snapshot","ts":1673251091822,
    ///      "data":{"updatedTime":1673251091822,"symbol":"BTCUSDT","side":"Buy","size":"0.003","price":"25388.80"}}
    func decodeLegacyLiquidation(_ s: inout JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) -> Bool {
        guard s.beginObject() else { malformed("liquidation data is not an object", input, &diagnostics); return false }
        var ts: UnixNanos?, symbol: Symbol?, sideSlice: JSONSlice?, qty: FixedDecimal?, price: FixedDecimal?
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            if s.equals(key, "updatedTime") || s.equals(key, "updateTime") { ts = s.millis(v) }
            else if s.equals(key, "symbol") { symbol = s.symbol(v) }
            else if s.equals(key, "side") { sideSlice = v }
            else if s.equals(key, "size") { qty = s.decimal(v) }
            else if s.equals(key, "price") { price = s.decimal(v) }
        }
        guard !s.failed, let ts, let symbol, let sideSlice, let qty, let price else {
            malformed("liquidation missing updatedTime/symbol/side/size/price", input, &diagnostics)
            return false
        }
        let side: LiquidatedSide
        if s.equals(sideSlice, "Buy") { side = .long } else if s.equals(sideSlice, "Sell") { side = .short } else {
            malformed("liquidation side is neither Buy nor Sell", input, &diagnostics)
            return false
        }
        guard let usd = FixedDecimal.productCents(qty, price) else {
            malformed("liquidation notional out of range", input, &diagnostics)
            return false
        }
        events.append(.liquidation(Liquidation(recv: input.recv, ts: ts, stream: .bybitLinear, symbol: bybitUnifiedSymbol(symbol), rawSymbol: symbol,
                                               side: side, price: price, qty: qty, usdCents: usd)))
        return true
    }

    /// `tickers.<SYM>`: a snapshot replaces the symbol's state, a delta updates the fields it
    /// carries. A mark event follows any change of mark/funding, an open-interest event
    /// any change of `openInterest`/`openInterestValue`; other deltas (best bid/ask) emit nothing.
    ///
    ///     {"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","markPrice":"65117.43",
    ///      "openInterestValue":"3899995666.09","ask1Price":"65114.30","ask1Size":"10.488"},"cs":753843915209,"ts":1786310818183}
    mutating func applyTicker(_ update: TickerUpdate, snapshot: Bool, ts: UnixNanos, _ input: ExchangeInput, into events: inout [MarketEvent]) {
        let symbol = update.symbol
        let (k, inserted) = tickerIndex.insert(symbol)
        if inserted { tickers.append(TickerState()) }
        var state = snapshot ? TickerState() : tickers[k]
        let markChanged = update.mark != nil || update.funding != nil || update.nextFundingSeen
        let oiChanged = update.oi != nil || update.oiValue != nil
        if let v = update.mark { state.mark = v }
        if let v = update.funding { state.funding = v }
        if update.nextFundingSeen { state.nextFunding = update.nextFunding }
        if let v = update.oi { state.oi = v }
        if let v = update.oiValue { state.oiValue = v }
        tickers[k] = state
        let unified = bybitUnifiedSymbol(symbol)
        if markChanged {
            events.append(.mark(MarkFunding(recv: input.recv, ts: ts, stream: .bybitLinear, symbol: unified, rawSymbol: symbol,
                                            mark: state.mark, fundingRate: state.funding, nextFunding: state.nextFunding)))
        }
        if oiChanged, let oi = state.oi {
            events.append(.openInterest(OpenInterest(recv: input.recv, ts: ts, stream: .bybitLinear, symbol: unified, rawSymbol: symbol,
                                                     oi: oi, oiUSDCents: state.oiValue?.roundedCents ?? nil)))
        }
    }
}

/// The fields of one `tickers` data object that liqsim keeps (nil = not in this frame).
struct TickerUpdate {
    var symbol: Symbol
    var mark: FixedDecimal?, funding: FixedDecimal?, nextFunding: UnixNanos?, nextFundingSeen = false
    var oi: FixedDecimal?, oiValue: FixedDecimal?

    init?(_ s: inout JSONScanner) {
        guard s.beginObject() else { return nil }
        var f = TickerFields()
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            f.take(key, v, s)
        }
        guard !s.failed else { return nil }
        self.init(f)
    }

    /// The update of members read one by one (by either scanner); nil without a symbol.
    init?(_ f: TickerFields) {
        guard let symbol = f.symbol else { return nil }
        self.symbol = symbol
        mark = f.mark; funding = f.funding; nextFunding = f.nextFunding; nextFundingSeen = f.nextFundingSeen
        oi = f.oi; oiValue = f.oiValue
    }
}

/// A `tickers` data object's members as they are read (a repeated key: the last one counts).
struct TickerFields {
    var symbol: Symbol?
    var mark: FixedDecimal?, funding: FixedDecimal?, nextFunding: UnixNanos?, nextFundingSeen = false
    var oi: FixedDecimal?, oiValue: FixedDecimal?

    @inline(__always)
    mutating func take(_ key: JSONSlice, _ v: JSONSlice, _ s: JSONScanner) {
        if s.equals(key, "symbol") { symbol = s.symbol(v) }
        else if s.equals(key, "markPrice") { mark = s.decimal(v) }
        else if s.equals(key, "fundingRate") { funding = s.decimal(v) }
        else if s.equals(key, "nextFundingTime") { nextFundingSeen = true; nextFunding = s.int64(v).flatMap { $0 > 0 ? UnixNanos(millis: $0) : nil } }
        else if s.equals(key, "openInterest") { oi = s.decimal(v) }
        else if s.equals(key, "openInterestValue") { oiValue = s.decimal(v) }
    }
}

/// The `T`/`s`/`S`/`v`/`p` fields shared by publicTrade and allLiquidation elements.
struct BybitTSSVP {
    var ts: UnixNanos, symbol: Symbol, qty: FixedDecimal, price: FixedDecimal
    var buy: Bool

    @inline(__always)
    init?(_ s: inout JSONScanner) {
        guard s.beginObject() else { return nil }
        var t: JSONSlice?, sym: JSONSlice?, side: JSONSlice?, v: JSONSlice?, p: JSONSlice?
        while let key = s.nextKey() {
            guard let value = s.value() else { break }
            guard key.count == 1 else { continue }
            switch s.bytes[key.start] {
            case UInt8(ascii: "T"): t = value
            case UInt8(ascii: "s"): sym = value
            case UInt8(ascii: "S"): side = value
            case UInt8(ascii: "v"): v = value
            case UInt8(ascii: "p"): p = value
            default: break
            }
        }
        guard !s.failed, let t, let sym, let side, let v, let p else { return nil }
        self.init(t: t, symbol: sym, side: side, qty: v, price: p, s)
    }

    /// The element from its five values' slices (by either scanner).
    @inline(__always)
    init?(t: JSONSlice, symbol sym: JSONSlice, side: JSONSlice, qty v: JSONSlice, price p: JSONSlice, _ s: JSONScanner) {
        guard let ts = s.millis(t), let symbol = s.symbol(sym), let qty = s.decimal(v), let price = s.decimal(p) else { return nil }
        if s.equals(side, "Buy") { buy = true } else if s.equals(side, "Sell") { buy = false } else { return nil }
        self.ts = ts; self.symbol = symbol; self.qty = qty; self.price = price
    }

    var takerSide: TakerSide? { buy ? .buy : .sell }
    /// Bybit liquidation `S` names the position side: `Buy` = a long position.
    var positionSide: LiquidatedSide? { buy ? .long : .short }
}
