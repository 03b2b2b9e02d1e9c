/// Bybit v5 linear frames, key layout as in bybit-linear-20260809-a-excerpt.jsonl and liquidations-2026.jsonl.
extension FrameGenerator {
    private static let tickDirections: [StaticString] = ["PlusTick", "ZeroPlusTick", "MinusTick", "ZeroMinusTick"]

    /// {"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":…,"data":[{"T":…,"s":"BTCUSDT","S":"Sell","v":"0.004",
    ///  "p":"65114.20","L":"MinusTick","i":"a9188a0a-…","BT":false,"RPI":false,"seq":753843954913}, …]}
    mutating func bybitTrade(_ i: Int) {
        let b = buf, t = clock.eventMs(&rng)
        let n = rng.chance(78) ? 1 : (rng.chance(68) ? 2 : 3)
        instruments[i].bybitSeq += rng.range(1, 400)
        let inst = instruments[i], buy = rng.chance(50)
        b.lit(#"{"topic":"publicTrade."#); b.raw(inst.upper); b.lit(#"","type":"snapshot","ts":"#); b.int(t + 1); b.lit(#","data":["#)
        for k in 0..<n {
            if k > 0 { b.byte(UInt8(ascii: ",")) }
            b.lit(#"{"T":"#); b.int(t); b.lit(#","s":""#); b.raw(inst.upper)
            b.lit(buy ? #"","S":"Buy","v":""# : #"","S":"Sell","v":""#); b.dec(inst.qty(&rng, scale: inst.byQty), inst.byQty)
            b.lit(#"","p":""#); b.dec(inst.px(inst.byPx, offsetTicks: Int64(k) * (buy ? 1 : -1)), inst.byPx)
            b.lit(#"","L":""#); b.lit(k == 0 ? Self.tickDirections[rng.below(4)] : (buy ? "ZeroPlusTick" : "ZeroMinusTick"))
            b.lit(#"","i":""#); b.uuid(&rng); b.lit(#"","BT":false,"RPI":false,"seq":"#); b.int(inst.bybitSeq); b.byte(UInt8(ascii: "}"))
        }
        b.lit("]}")
    }

    /// {"topic":"allLiquidation.ICPUSDT","type":"snapshot","ts":…,"data":[{"T":…,"s":"ICPUSDT","S":"Buy","v":"19.7","p":"2.585"}]}
    mutating func bybitLiquidation(_ i: Int) {
        let b = buf, inst = instruments[i], t = clock.eventMs(&rng), long = rng.chance(55)
        b.lit(#"{"topic":"allLiquidation."#); b.raw(inst.upper); b.lit(#"","type":"snapshot","ts":"#); b.int(t)
        b.lit(#","data":[{"T":"#); b.int(t - rng.range(100, 500)); b.lit(#","s":""#); b.raw(inst.upper)
        b.lit(long ? #"","S":"Buy","v":""# : #"","S":"Sell","v":""#); b.dec(inst.qty(&rng, scale: inst.byQty) * rng.range(1, 10), inst.byQty)
        b.lit(#"","p":""#); b.dec(inst.px(inst.byPx, offsetTicks: rng.range(5, 60) * (long ? -1 : 1)), inst.byPx); b.lit(#""}]}"#)
    }

    /// The full `tickers` snapshot Bybit sends once per symbol after subscribing.
    mutating func bybitTickerSnapshot(_ i: Int) {
        let b = buf, inst = instruments[i], px = inst.byPx, t = clock.eventMs(&rng)
        b.lit(#"{"topic":"tickers."#); b.raw(inst.upper); b.lit(#"","type":"snapshot","data":{"symbol":""#); b.raw(inst.upper)
        b.lit(#"","tickDirection":"ZeroPlusTick","price24hPcnt":"0.001624","lastPrice":""#); b.dec(inst.px(px), px)
        b.lit(#"","prevPrice24h":""#); b.dec(inst.px(px, offsetTicks: -80), px)
        b.lit(#"","highPrice24h":""#); b.dec(inst.px(px, offsetTicks: 1_500), px)
        b.lit(#"","lowPrice24h":""#); b.dec(inst.px(px, offsetTicks: -3_800), px)
        b.lit(#"","prevPrice1h":""#); b.dec(inst.px(px, offsetTicks: -20), px)
        b.lit(#"","markPrice":""#); b.dec(inst.px(px, offsetTicks: 2), px); b.lit(#"","indexPrice":""#); b.dec(inst.px(px, offsetTicks: 4), px)
        b.lit(#"","openInterest":""#); b.dec(inst.bybitOI, inst.byQty); b.lit(#"","openInterestValue":""#); b.dec(oiValueCents(inst), 2)
        turnoverVolume(inst)
        b.lit(#"","fundingIntervalHour":"8","fundingCap":"0.005","singleOpenInterest":""#); b.dec(inst.bybitOI / 2, inst.byQty)
        b.lit(#"","singleOpenInterestValue":""#); b.dec(oiValueCents(inst) / 2, 2)
        b.lit(#"","nextFundingTime":""#); b.int((t / 28_800_000 + 1) * 28_800_000); b.lit(#"","fundingRate":"0.0001"#)
        bid(inst); ask(inst)
        b.lit(#"","preOpenPrice":"","preQty":"","curPreListingPhase":""},"cs":"#); bump(i); b.int(instruments[i].bybitCs)
        b.lit(#","ts":"#); b.int(t); b.byte(UInt8(ascii: "}"))
    }

    /// A `tickers` delta: one of the field combinations seen in real Bybit traffic, weighted
    /// roughly as observed (best bid/ask alone most often; mark/OI/funding changes less so).
    mutating func bybitTickerDelta(_ i: Int) {
        let variant = rng.below(100)
        if variant >= 58 && variant < 72 { instruments[i].bybitOI += rng.range(-2_000, 2_000) }
        if variant >= 72 && variant < 84 { instruments[i].bybitTurnover += rng.range(1, 5_000_000); instruments[i].bybitVolume += rng.range(1, 5_000) }
        let b = buf, inst = instruments[i], px = inst.byPx, t = clock.eventMs(&rng)
        b.lit(#"{"topic":"tickers."#); b.raw(inst.upper); b.lit(#"","type":"delta","data":{"symbol":""#); b.raw(inst.upper)
        switch variant {
        case 0..<30: bid(inst)
        case 30..<45: ask(inst)
        case 45..<58: bid(inst); ask(inst)
        case 58..<66:                                      // mark + OI value
            mark(inst); b.lit(#"","openInterestValue":""#); b.dec(oiValueCents(inst), 2)
            b.lit(#"","singleOpenInterestValue":""#); b.dec(oiValueCents(inst) / 2, 2)
        case 66..<70:                                      // open interest
            b.lit(#"","openInterest":""#); b.dec(inst.bybitOI, inst.byQty); b.lit(#"","openInterestValue":""#); b.dec(oiValueCents(inst), 2)
            b.lit(#"","singleOpenInterest":""#); b.dec(inst.bybitOI / 2, inst.byQty)
            b.lit(#"","singleOpenInterestValue":""#); b.dec(oiValueCents(inst) / 2, 2)
        case 70..<72:                                      // mark, index, OI value, book
            mark(inst); b.lit(#"","indexPrice":""#); b.dec(inst.px(px, offsetTicks: rng.range(-5, 5)), px)
            b.lit(#"","openInterestValue":""#); b.dec(oiValueCents(inst), 2); bid(inst); ask(inst)
            b.lit(#"","singleOpenInterestValue":""#); b.dec(oiValueCents(inst) / 2, 2)
        case 72..<78:                                      // last trade + 24h stats
            b.lit(#"","tickDirection":""#); b.lit(Self.tickDirections[rng.below(4)])
            b.lit(#"","price24hPcnt":""#); b.dec(rng.range(-30_000, 30_000), 6); b.lit(#"","lastPrice":""#); b.dec(inst.px(px), px)
            turnoverVolume(inst); bid(inst); ask(inst)
        case 78..<84: turnoverVolume(inst); bid(inst)
        case 84..<92: b.lit(#"","indexPrice":""#); b.dec(inst.px(px, offsetTicks: rng.range(-5, 5)), px)
        case 92..<94: b.lit(#"","fundingRate":""#); b.dec(rng.range(-2_000, 10_000), 8)
        default: b.lit(#"","tickDirection":""#); b.lit(Self.tickDirections[rng.below(4)]); ask(inst)
        }
        b.lit(#""},"cs":"#); bump(i); b.int(instruments[i].bybitCs); b.lit(#","ts":"#); b.int(t); b.byte(UInt8(ascii: "}"))
    }

    // Field fragments; each starts after a closing quote of the previous value.

    private mutating func bid(_ inst: Instrument) {
        buf.lit(#"","bid1Price":""#); buf.dec(inst.px(inst.byPx), inst.byPx)
        buf.lit(#"","bid1Size":""#); buf.dec(inst.qty(&rng, scale: inst.byQty) * 8, inst.byQty)
    }

    private mutating func ask(_ inst: Instrument) {
        buf.lit(#"","ask1Price":""#); buf.dec(inst.px(inst.byPx, offsetTicks: 1), inst.byPx)
        buf.lit(#"","ask1Size":""#); buf.dec(inst.qty(&rng, scale: inst.byQty) * 8, inst.byQty)
    }

    private mutating func mark(_ inst: Instrument) {
        buf.lit(#"","markPrice":""#); buf.dec(inst.px(inst.byPx, offsetTicks: rng.range(-3, 3)), inst.byPx)
    }

    private func turnoverVolume(_ inst: Instrument) {
        buf.lit(#"","turnover24h":""#); buf.dec(inst.bybitTurnover, 4)
        buf.lit(#"","volume24h":""#); buf.dec(inst.bybitVolume, 4)
    }

    /// Open interest × price in cents (kept well inside Int64).
    private func oiValueCents(_ inst: Instrument) -> Int64 {
        inst.bybitOI * (inst.price / 1_000) / pow10(inst.byQty) / 10
    }

    private mutating func bump(_ i: Int) { instruments[i].bybitCs += rng.range(1, 9_000) }
}
