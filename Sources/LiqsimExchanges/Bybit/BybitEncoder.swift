import LiqsimCore

/// Writes Bybit v5 linear (`bybit-linear`) public frames: `publicTrade.<SYM>`,
/// `allLiquidation.<SYM>` and `tickers.<SYM>` (mark/funding and open interest); the REST
/// account-ratio body is in `BybitEncoder+REST.swift`.
///
/// `rawSymbol` is Bybit's name (`BTCUSDT`, `BTCPERP`); `symbol` must be its unified form.
/// Per symbol, a cross-sequence counter (from 1) numbers trades (`seq`) and ticker frames
/// (`cs`); trade ids are UUID-shaped, mixed from a global trade counter.
///
/// Tickers mirror the decoder: the encoder keeps the exact per-symbol state the decoder
/// will hold, so a decoded ticker frame yields exactly the encoded event. A mark event
/// carries the full state (mark, funding rate, next funding time); an open-interest event
/// carries `openInterest` and `openInterestValue` (= `oiUSDCents`, 2 decimals).
/// - The first frame for a symbol is `"type":"snapshot"` but carries **only the fields of
///   the event being encoded**: a real snapshot carries every field, which would make the
///   decoder emit both a mark and an open-interest event for one frame.
/// - Later frames are `"type":"delta"` with only the fields that changed since the last
///   frame for the symbol (if none changed — the same state again — the event's main field,
///   `markPrice` or `openInterest`, is repeated so the decoder still emits the event).
/// - A field that must become null (a mark event without mark or funding rate after one
///   was sent, an open-interest event without USD value after one was sent) cannot be sent
///   as a delta: such a frame is again a snapshot with only the event's fields, which also
///   forgets the other event kind's state (the decoder does the same).
public struct BybitEncoder: ExchangeEncoder, Sendable {
    public static let stream = StreamID.bybitLinear

    /// The decoder's ticker state per raw symbol, as it will be after our last frame.
    var tickers: [Symbol: BybitAdapter.TickerState] = [:]
    /// Cross sequence per raw symbol (`seq` of trades, `cs` of tickers).
    var sequence: [Symbol: Int64] = [:]
    /// Trades written so far (the source of the UUID-shaped trade ids).
    var tradeCount: UInt64 = 0
    /// Last trade price and tick direction per raw symbol (for `L`).
    var lastTrade: [Symbol: (price: FixedDecimal, tick: Tick)] = [:]

    /// Bybit's tick direction (`L`) against the previous trade's price.
    enum Tick: Sendable {
        case plus, zeroPlus, minus, zeroMinus

        var text: StaticString {
            switch self {
            case .plus: "PlusTick"
            case .zeroPlus: "ZeroPlusTick"
            case .minus: "MinusTick"
            case .zeroMinus: "ZeroMinusTick"
            }
        }
    }

    public init() {}

    /// Appends a `publicTrade`, `allLiquidation` or `tickers` frame (full shapes on the
    /// `append…` functions). Long/short ratios are REST-only (`accountRatioBody`) and
    /// instruments have no frame: false.
    ///
    ///     {"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":…,"data":[{"T":…,"s":"BTCUSDT","S":"Sell","v":"0.004",…,"seq":…}]}
    ///     {"topic":"allLiquidation.ICPUSDT","type":"snapshot","ts":…,"data":[{"T":…,"s":"ICPUSDT","S":"Buy","v":"19.7","p":"2.585"}]}
    ///     {"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","markPrice":"65117.43"},"cs":…,"ts":…}
    public mutating func encodeFrame(_ event: MarketEvent, into out: OutputBuffer) -> Bool {
        guard event.stream == Self.stream, let ms = event.timeMillis, bybitUnifiedSymbol(event.rawSymbol) == event.symbol else { return false }
        switch event {
        case .trade(let t): appendTrade(t, ms: ms, into: out); return true
        case .liquidation(let l): return appendLiquidation(l, ms: ms, into: out)
        case .mark(let m): return appendMarkTicker(m, ms: ms, into: out)
        case .openInterest(let o): appendOpenInterestTicker(o, ms: ms, into: out); return true
        case .longShortRatio, .instrument: return false
        }
    }

    /// `publicTrade.<SYM>` snapshot with one element; `S` is the taker side, `L` the tick
    /// direction against the symbol's previous trade. Real frame (2026):
    ///
    ///     {"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1786310819681,"data":[{"T":1786310819680,
    ///      "s":"BTCUSDT","S":"Sell","v":"0.004","p":"65114.20","L":"MinusTick","i":"a9188a0a-82bc-50de-be60-03eedbe3cdd7",
    ///      "BT":false,"RPI":false,"seq":753843954913}]}
    mutating func appendTrade(_ t: Trade, ms: Int64, into out: OutputBuffer) {
        let raw = t.rawSymbol
        let seq = nextSequence(raw)
        tradeCount += 1
        var tick = Tick.zeroPlus
        if let last = lastTrade[raw] {
            let c = compare(t.price, last.price)
            tick = c > 0 ? .plus : c < 0 ? .minus : (last.tick == .minus || last.tick == .zeroMinus ? .zeroMinus : .zeroPlus)
        }
        lastTrade[raw] = (t.price, tick)
        out.append("{\"topic\":\"publicTrade."); out.append(raw)
        out.append("\",\"type\":\"snapshot\",\"ts\":"); out.append(int: ms)
        out.append(",\"data\":[{\"T\":"); out.append(int: ms)
        out.append(",\"s\":\""); out.append(raw)
        out.append(t.side == .buy ? "\",\"S\":\"Buy\",\"v\":" : "\",\"S\":\"Sell\",\"v\":"); out.appendQuoted(t.qty)
        out.append(",\"p\":"); out.appendQuoted(t.price)
        out.append(",\"L\":\""); out.append(tick.text)
        out.append("\",\"i\":\""); appendTradeId(tradeCount, into: out)
        out.append("\",\"BT\":false,\"RPI\":false,\"seq\":"); out.append(int: seq)
        out.append("}]}")
    }

    /// `allLiquidation.<SYM>` snapshot with one element; `S` names the liquidated
    /// *position*: `Buy` = LONG. False when `usdCents` ≠ qty × price in cents. Real frame:
    ///
    ///     {"topic":"allLiquidation.ICPUSDT","type":"snapshot","ts":1789670094412,
    ///      "data":[{"T":1789670094099,"s":"ICPUSDT","S":"Buy","v":"19.7","p":"2.585"}]}
    func appendLiquidation(_ l: Liquidation, ms: Int64, into out: OutputBuffer) -> Bool {
        guard FixedDecimal.productCents(l.qty, l.price) == l.usdCents else { return false }
        out.append("{\"topic\":\"allLiquidation."); out.append(l.rawSymbol)
        out.append("\",\"type\":\"snapshot\",\"ts\":"); out.append(int: ms)
        out.append(",\"data\":[{\"T\":"); out.append(int: ms)
        out.append(",\"s\":\""); out.append(l.rawSymbol)
        out.append(l.side == .long ? "\",\"S\":\"Buy\",\"v\":" : "\",\"S\":\"Sell\",\"v\":"); out.appendQuoted(l.qty)
        out.append(",\"p\":"); out.appendQuoted(l.price)
        out.append("}]}")
        return true
    }

    /// `tickers.<SYM>` for a mark event (full state): `markPrice`, `fundingRate`,
    /// `nextFundingTime` (`""` when none) as far as they changed (see the type's notes).
    /// False when the next funding time is not a positive whole millisecond. Real delta:
    ///
    ///     {"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","markPrice":"65117.43",
    ///      "openInterestValue":"3899995666.09","ask1Price":"65114.30","ask1Size":"10.488"},"cs":753843915209,"ts":1786310818183}
    mutating func appendMarkTicker(_ m: MarkFunding, ms: Int64, into out: OutputBuffer) -> Bool {
        if let n = m.nextFunding { guard let nm = n.exactMillis, nm > 0 else { return false } }
        let raw = m.rawSymbol
        let prior = tickers[raw]
        var snapshot = prior == nil
        if let p = prior, (m.mark == nil && p.mark != nil) || (m.fundingRate == nil && p.funding != nil) { snapshot = true }
        var state = snapshot ? BybitAdapter.TickerState() : prior!
        var writeMark = m.mark != nil && m.mark != state.mark
        var writeFunding = m.fundingRate != nil && m.fundingRate != state.funding
        var writeNext = m.nextFunding != state.nextFunding
        if !writeMark && !writeFunding && !writeNext {
            if m.mark != nil { writeMark = true } else if m.fundingRate != nil { writeFunding = true } else { writeNext = true }
        }
        state.mark = m.mark; state.funding = m.fundingRate; state.nextFunding = m.nextFunding
        tickers[raw] = state
        tickerHead(raw, snapshot: snapshot, into: out)
        if writeMark, let v = m.mark { out.append(",\"markPrice\":"); out.appendQuoted(v) }
        if writeNext {
            out.append(",\"nextFundingTime\":")
            if let n = m.nextFunding { out.appendQuoted(int: n.millis) } else { out.append("\"\"") }
        }
        if writeFunding, let v = m.fundingRate { out.append(",\"fundingRate\":"); out.appendQuoted(v) }
        tickerTail(raw, ms: ms, into: out)
        return true
    }

    /// `tickers.<SYM>` for an open-interest event: `openInterest` and `openInterestValue`
    /// (`oiUSDCents` with 2 decimals) as far as they changed (see the type's notes). Real
    /// snapshot (abridged to these fields):
    ///
    ///     {"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT",…,"openInterest":"59891.732",
    ///      "openInterestValue":"3899996265.01",…},"cs":753843900397,"ts":1786310817583}
    mutating func appendOpenInterestTicker(_ o: OpenInterest, ms: Int64, into out: OutputBuffer) {
        let raw = o.rawSymbol
        let prior = tickers[raw]
        let snapshot = prior == nil || (o.oiUSDCents == nil && prior?.oiValue != nil)
        var state = snapshot ? BybitAdapter.TickerState() : prior!
        var writeOI = o.oi != state.oi
        let writeValue = o.oiUSDCents != nil && state.oiValue?.roundedCents != o.oiUSDCents
        if !writeOI && !writeValue { writeOI = true }
        state.oi = o.oi
        if writeValue, let c = o.oiUSDCents { state.oiValue = FixedDecimal(mantissa: c, scale: 2) }
        tickers[raw] = state
        tickerHead(raw, snapshot: snapshot, into: out)
        if writeOI { out.append(",\"openInterest\":"); out.appendQuoted(o.oi) }
        if writeValue, let c = o.oiUSDCents { out.append(",\"openInterestValue\":\""); out.append(cents: c); out.append("\"") }
        tickerTail(raw, ms: ms, into: out)
    }

    private func tickerHead(_ raw: Symbol, snapshot: Bool, into out: OutputBuffer) {
        out.append("{\"topic\":\"tickers."); out.append(raw)
        out.append(snapshot ? "\",\"type\":\"snapshot\",\"data\":{\"symbol\":\"" : "\",\"type\":\"delta\",\"data\":{\"symbol\":\"")
        out.append(raw); out.append("\"")
    }

    private mutating func tickerTail(_ raw: Symbol, ms: Int64, into out: OutputBuffer) {
        out.append("},\"cs\":"); out.append(int: nextSequence(raw))
        out.append(",\"ts\":"); out.append(int: ms); out.append("}")
    }

    private mutating func nextSequence(_ raw: Symbol) -> Int64 {
        let v = sequence[raw, default: 1]
        sequence[raw] = v + 1
        return v
    }

    /// `xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx` (version 5, RFC variant, like Bybit's ids)
    /// mixed from the trade counter.
    private func appendTradeId(_ n: UInt64, into out: OutputBuffer) {
        let hi = splitMix64(n), lo = splitMix64(n ^ 0xB1B1_7EAD_0000_0000)
        out.appendHex(hi >> 32, digits: 8); out.append(UInt8(ascii: "-"))
        out.appendHex(hi >> 16, digits: 4); out.append(UInt8(ascii: "-"))
        out.appendHex(0x5000 | (hi & 0x0FFF), digits: 4); out.append(UInt8(ascii: "-"))
        out.appendHex(0x8000 | (lo >> 48 & 0x3FFF), digits: 4); out.append(UInt8(ascii: "-"))
        out.appendHex(lo, digits: 12)
    }

    /// Numeric comparison of two decimals of any scales: -1, 0 or 1.
    private func compare(_ a: FixedDecimal, _ b: FixedDecimal) -> Int {
        var x = Int128(a.mantissa), y = Int128(b.mantissa)
        for _ in Int(a.scale)..<max(Int(a.scale), Int(b.scale)) { x *= 10 }
        for _ in Int(b.scale)..<max(Int(a.scale), Int(b.scale)) { y *= 10 }
        return x < y ? -1 : x > y ? 1 : 0
    }
}

extension MarketEvent {
    /// The exchange time in whole milliseconds; nil when it has a sub-millisecond part
    /// (and for instruments, which have no time).
    var timeMillis: Int64? {
        switch self {
        case .liquidation(let e): e.ts.exactMillis
        case .trade(let e): e.ts.exactMillis
        case .mark(let e): e.ts.exactMillis
        case .openInterest(let e): e.ts.exactMillis
        case .longShortRatio(let e): e.ts.exactMillis
        case .instrument: nil
        }
    }
}
