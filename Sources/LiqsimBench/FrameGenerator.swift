/// Builds realistic exchange frames byte by byte, with the exact key layout of the real
/// frames in Tests/LiqsimTests/Fixtures/real (values vary, shapes do not).
///
/// Mix per 1000 frames: trades 620 (Binance aggTrade 260, Bybit publicTrade 210, OKX trades 150),
/// ticker/mark/funding/OI 360 (Binance markPrice@1s 80, Bybit tickers delta 170, OKX mark-price 50,
/// funding-rate 10, open-interest 50), liquidations 20 (Binance !forceOrder@arr 8, Bybit
/// allLiquidation 8, OKX liquidation-orders 4).
struct FrameGenerator {
    enum Kind: Int, CaseIterable {
        case binanceTrade, bybitTrade, okxTrade, binanceMark, bybitTicker, okxMark, okxFunding, okxOpenInterest
        case binanceLiquidation, bybitLiquidation, okxLiquidation

        var perMille: Int {
            switch self {
            case .binanceTrade: 260
            case .bybitTrade: 210
            case .okxTrade: 150
            case .binanceMark: 80
            case .bybitTicker: 170
            case .okxMark: 50
            case .okxFunding: 10
            case .okxOpenInterest: 50
            case .binanceLiquidation: 8
            case .bybitLiquidation: 8
            case .okxLiquidation: 4
            }
        }
    }

    static let binance: UInt8 = 0, bybit: UInt8 = 1, okx: UInt8 = 2

    var rng: SplitMix64
    var clock: Clock
    var instruments = Instrument.table()
    let buf = FrameBuffer()
    private var kindTable: [Kind] = []
    private var symbolTable: [Int] = []
    private var okxSymbolTable: [Int] = []

    init(seed: UInt64, startNs: Int64, spanNs: Int64, frames: Int) {
        rng = SplitMix64(seed: seed)
        clock = Clock(startNs: startNs, spanNs: spanNs, frames: frames)
        for k in Kind.allCases { kindTable += Array(repeating: k, count: k.perMille) }
        for (i, inst) in instruments.enumerated() {
            symbolTable += Array(repeating: i, count: inst.weight)
            if inst.okx != nil { okxSymbolTable += Array(repeating: i, count: inst.weight) }
        }
    }

    /// Advances the clock, writes the next frame into `buf`, returns its stream index.
    mutating func next() -> UInt8 {
        clock.tick(&rng)
        buf.reset()
        let kind = kindTable[rng.below(kindTable.count)]
        let okxOnly = kind == .okxTrade || kind == .okxMark || kind == .okxFunding || kind == .okxOpenInterest || kind == .okxLiquidation
        let i = okxOnly ? okxSymbolTable[rng.below(okxSymbolTable.count)] : symbolTable[rng.below(symbolTable.count)]
        instruments[i].move(&rng)
        switch kind {
        case .binanceTrade: binanceAggTrade(i); return Self.binance
        case .binanceMark: binanceMark(i); return Self.binance
        case .binanceLiquidation: binanceForceOrder(i); return Self.binance
        case .bybitTrade: bybitTrade(i); return Self.bybit
        case .bybitTicker: bybitTickerDelta(i); return Self.bybit
        case .bybitLiquidation: bybitLiquidation(i); return Self.bybit
        case .okxTrade: okxTrade(i); return Self.okx
        case .okxMark: okxMark(i); return Self.okx
        case .okxFunding: okxFunding(i); return Self.okx
        case .okxOpenInterest: okxOpenInterest(i); return Self.okx
        case .okxLiquidation: okxLiquidation(i); return Self.okx
        }
    }

    // MARK: Binance USD-M (combined-stream envelope)

    /// {"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":…,"a":…,"s":"BTCUSDT","p":"64990.90","q":"0.002",
    ///  "nq":"0.002","f":…,"l":…,"T":…,"m":true,"st":1}}
    mutating func binanceAggTrade(_ i: Int) {
        let b = buf, e = clock.eventMs(&rng)
        let q = instruments[i].qty(&rng, scale: instruments[i].bnQty), fills = rng.chance(70) ? 0 : rng.range(1, 6)
        instruments[i].binanceAggId += 1
        let first = instruments[i].binanceTradeId + 1
        instruments[i].binanceTradeId += 1 + fills
        let inst = instruments[i]
        b.lit(#"{"stream":""#); b.raw(inst.lower); b.lit(#"@aggTrade","data":{"e":"aggTrade","E":"#); b.int(e)
        b.lit(#","a":"#); b.int(inst.binanceAggId)
        b.lit(#","s":""#); b.raw(inst.upper); b.lit(#"","p":""#); b.dec(inst.px(inst.bnPx), inst.bnPx)
        b.lit(#"","q":""#); b.dec(q, inst.bnQty); b.lit(#"","nq":""#); b.dec(q, inst.bnQty)
        b.lit(#"","f":"#); b.int(first); b.lit(#","l":"#); b.int(first + fills)
        b.lit(#","T":"#); b.int(e - rng.range(0, 150)); b.lit(rng.chance(50) ? #","m":true,"st":1}}"# : #","m":false,"st":1}}"#)
    }

    /// {"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":…,"s":"BTCUSDT","p":"64991.37858696",
    ///  "ap":"64991.37858696","P":"64980.01344384","i":"65016.05673913","r":"0.00003936","T":…,"st":1}}
    mutating func binanceMark(_ i: Int) {
        let b = buf, inst = instruments[i]
        let e = (clock.recvMs - rng.range(2, 40)) / 1000 * 1000
        let mark = inst.price * 100 + rng.range(0, inst.step * 100 - 1)
        let settle = mark + rng.range(-40, 40) * inst.step * 100, index = mark + rng.range(-60, 60) * inst.step * 100
        b.lit(#"{"stream":""#); b.raw(inst.lower); b.lit(#"@markPrice@1s","data":{"e":"markPriceUpdate","E":"#); b.int(e)
        b.lit(#","s":""#); b.raw(inst.upper); b.lit(#"","p":""#); b.dec(mark, 8); b.lit(#"","ap":""#); b.dec(mark, 8)
        b.lit(#"","P":""#); b.dec(settle, 8); b.lit(#"","i":""#); b.dec(index, 8)
        b.lit(#"","r":""#); b.dec(rng.range(-2_000, 10_000), 8)
        b.lit(#"","T":"#); b.int((e / 28_800_000 + 1) * 28_800_000); b.lit(#","st":1}}"#)
    }

    /// {"stream":"!forceOrder@arr","data":{"e":"forceOrder","E":…,"o":{"s":"ILVUSDT","S":"SELL","o":"LIMIT","f":"IOC",
    ///  "q":"116.5","p":"3.80300","ap":"3.85642","X":"FILLED","l":"25.2","z":"116.5","T":…,"ps":"ILVUSDT","st":1}}}
    mutating func binanceForceOrder(_ i: Int) {
        let b = buf, inst = instruments[i], e = clock.eventMs(&rng)
        let q = inst.qty(&rng, scale: inst.bnQty) * rng.range(1, 20), sell = rng.chance(55)
        let last = max(q / rng.range(1, 8), 1), off = rng.range(5, 60) * (sell ? -1 : 1)
        b.lit(#"{"stream":"!forceOrder@arr","data":{"e":"forceOrder","E":"#); b.int(e)
        b.lit(#","o":{"s":""#); b.raw(inst.upper); b.lit(sell ? #"","S":"SELL","o":"LIMIT","f":"IOC","q":""# : #"","S":"BUY","o":"LIMIT","f":"IOC","q":""#)
        b.dec(q, inst.bnQty); b.lit(#"","p":""#); b.dec(inst.px(inst.bnPx + 2, offsetTicks: off), inst.bnPx + 2)
        b.lit(#"","ap":""#); b.dec(inst.px(inst.bnPx + 2, offsetTicks: off / 3), inst.bnPx + 2)
        b.lit(#"","X":"FILLED","l":""#); b.dec(last, inst.bnQty); b.lit(#"","z":""#); b.dec(q, inst.bnQty)
        b.lit(#"","T":"#); b.int(e - rng.range(900, 1100)); b.lit(#","ps":""#); b.raw(inst.upper); b.lit(#"","st":1}}}"#)
    }

    // MARK: OKX v5 public

    /// {"arg":{"channel":"trades","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","tradeId":"…","px":"83772.6",
    ///  "sz":"3","side":"buy","ts":"…","count":"1","source":"0","seqId":…}]}
    mutating func okxTrade(_ i: Int) {
        let b = buf, e = clock.eventMs(&rng), n = rng.chance(80) ? 1 : rng.range(2, 4)
        let sz = rng.chance(80) ? rng.range(1, 20) : rng.range(21, 2_000)
        instruments[i].okxTradeId += 1; instruments[i].okxSeqId += rng.range(1, 40)
        let inst = instruments[i], id = inst.okx!
        b.lit(#"{"arg":{"channel":"trades","instId":""#); b.raw(id); b.lit(#""},"data":[{"instId":""#); b.raw(id)
        b.lit(#"","tradeId":""#); b.int(inst.okxTradeId); b.lit(#"","px":""#); b.dec(inst.px(inst.okxPx), inst.okxPx)
        b.lit(#"","sz":""#); b.int(sz); b.lit(rng.chance(50) ? #"","side":"buy","ts":""# : #"","side":"sell","ts":""#); b.int(e)
        b.lit(#"","count":""#); b.int(n); b.lit(#"","source":"0","seqId":"#); b.int(inst.okxSeqId); b.lit("}]}")
    }

    /// {"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","instType":"SWAP",
    ///  "markPx":"83679.8","ts":"…"}]}
    mutating func okxMark(_ i: Int) {
        let b = buf, inst = instruments[i], id = inst.okx!
        b.lit(#"{"arg":{"channel":"mark-price","instId":""#); b.raw(id); b.lit(#""},"data":[{"instId":""#); b.raw(id)
        b.lit(#"","instType":"SWAP","markPx":""#); b.dec(inst.px(inst.okxPx, offsetTicks: rng.range(-3, 3)), inst.okxPx)
        b.lit(#"","ts":""#); b.int(clock.eventMs(&rng)); b.lit(#""}]}"#)
    }

    /// The 2026 `funding-rate` push, keys in OKX's (alphabetical) order.
    mutating func okxFunding(_ i: Int) {
        let b = buf, id = instruments[i].okx!, e = clock.eventMs(&rng)
        let next = (e / 28_800_000 + 1) * 28_800_000
        b.lit(#"{"arg":{"channel":"funding-rate","instId":""#); b.raw(id)
        b.lit(#""},"data":[{"formulaType":"withRate","fundingRate":""#); b.dec(rng.range(-50_000_000_000, 300_000_000_000), 16)
        b.lit(#"","fundingTime":""#); b.int(next)
        b.lit(#"","impactValue":"20000.0000000000000000","instId":""#); b.raw(id)
        b.lit(#"","instType":"SWAP","interestRate":"0.0001000000000000","maxFundingRate":"0.00375","method":"current_period","minFundingRate":"-0.00375","nextFundingRate":"","nextFundingTime":""#)
        b.int(next + 28_800_000); b.lit(#"","premium":""#); b.dec(rng.range(-9_000_000_000_000, 9_000_000_000_000), 16)
        b.lit(#"","prevFundingTime":""#); b.int(next - 28_800_000)
        b.lit(#"","settFundingRate":""#); b.dec(rng.range(-50_000_000_000, 300_000_000_000), 16)
        b.lit(#"","settState":"settled","ts":""#); b.int(e); b.lit(#""}]}"#)
    }

    /// {"arg":{"channel":"open-interest","instId":"ETH-USDT-SWAP"},"data":[{"instId":"ETH-USDT-SWAP","instType":"SWAP",
    ///  "oi":"6385848.98","oiCcy":"638584.898","oiUsd":"1737793854.62","ts":"…"}]}   (oi in contracts, 2 decimals)
    mutating func okxOpenInterest(_ i: Int) {
        instruments[i].okxOI += rng.range(-500, 500)
        let b = buf, inst = instruments[i], id = inst.okx!
        let oiCcy = inst.okxOI                                   // scale 2 + ctValScale
        let usdCents = oiCcy / pow10(inst.ctValScale) * (inst.price / 1_000) / 1_000
        b.lit(#"{"arg":{"channel":"open-interest","instId":""#); b.raw(id); b.lit(#""},"data":[{"instId":""#); b.raw(id)
        b.lit(#"","instType":"SWAP","oi":""#); b.dec(inst.okxOI, 2); b.lit(#"","oiCcy":""#); b.dec(oiCcy, 2 + inst.ctValScale)
        b.lit(#"","oiUsd":""#); b.dec(usdCents, 2); b.lit(#"","ts":""#); b.int(clock.eventMs(&rng)); b.lit(#""}]}"#)
    }

    /// {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[{"bkLoss":"0","bkPx":"0.4162","ccy":"",
    ///  "posSide":"short","side":"buy","sz":"2137","ts":"…"}],"instFamily":"CNPY-USDT","instId":"CNPY-USDT-SWAP",
    ///  "instType":"SWAP","uly":"CNPY-USDT"}]}
    mutating func okxLiquidation(_ i: Int) {
        let b = buf, inst = instruments[i], e = clock.eventMs(&rng), long = rng.chance(55)
        b.lit(#"{"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[{"bkLoss":"0","bkPx":""#)
        b.dec(inst.px(inst.okxPx, offsetTicks: rng.range(5, 80) * (long ? -1 : 1)), inst.okxPx)
        b.lit(long ? #"","ccy":"","posSide":"long","side":"sell","sz":""# : #"","ccy":"","posSide":"short","side":"buy","sz":""#)
        b.int(rng.range(1, 3_000)); b.lit(#"","ts":""#); b.int(e); b.lit(#""}],"instFamily":""#); b.raw(inst.okxFamily!)
        b.lit(#"","instId":""#); b.raw(inst.okx!); b.lit(#"","instType":"SWAP","uly":""#); b.raw(inst.okxFamily!); b.lit(#""}]}"#)
    }
}
