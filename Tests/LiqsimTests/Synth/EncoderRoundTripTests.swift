// Fixtures: Fixtures/real/misc-2026.jsonl and liquidations-2026.jsonl (real 2026 frames),
// bybit-linear-20260809-a-excerpt.jsonl (real tickers/publicTrade) and
// okx-swap-20220227-excerpt.jsonl (real instruments body) supply the key sets the encoded
// frames must have; event values are taken from those frames (BTCUSDT 64990.90 × 0.002…).
import Foundation
import Testing
import LiqsimCore
import LiqsimExchanges

/// Builders for events as the decoders produce them (recv fixed, exact-millisecond times).
private enum Ev {
    static let recv: Int64 = 1_786_171_884_700_000_000
    static func at(_ ms: Int64) -> UnixNanos { UnixNanos(millis: ms) }
    static func d(_ s: String) -> FixedDecimal { FixedDecimal(s)! }
    static func s(_ s: String) -> Symbol { Symbol(s)! }
    static func trade(_ st: StreamID, _ sym: String, _ raw: String, _ ms: Int64, _ side: TakerSide, _ p: String, _ q: String) -> MarketEvent {
        .trade(Trade(recv: UnixNanos(recv), ts: at(ms), stream: st, symbol: s(sym), rawSymbol: s(raw), side: side, price: d(p), qty: d(q)))
    }
    static func liq(_ st: StreamID, _ sym: String, _ raw: String, _ ms: Int64, _ side: LiquidatedSide, _ p: String, _ q: String) -> MarketEvent {
        .liquidation(Liquidation(recv: UnixNanos(recv), ts: at(ms), stream: st, symbol: s(sym), rawSymbol: s(raw), side: side,
                                 price: d(p), qty: d(q), usdCents: FixedDecimal.productCents(d(q), d(p))!))
    }
    static func mark(_ st: StreamID, _ sym: String, _ raw: String, _ ms: Int64, _ m: String?, _ r: String?, _ next: Int64?) -> MarketEvent {
        .mark(MarkFunding(recv: UnixNanos(recv), ts: at(ms), stream: st, symbol: s(sym), rawSymbol: s(raw),
                          mark: m.map(d), fundingRate: r.map(d), nextFunding: next.map(at)))
    }
    static func oi(_ st: StreamID, _ sym: String, _ raw: String, _ ms: Int64, _ oi: String, _ cents: Int64?) -> MarketEvent {
        .openInterest(OpenInterest(recv: UnixNanos(recv), ts: at(ms), stream: st, symbol: s(sym), rawSymbol: s(raw), oi: d(oi), oiUSDCents: cents))
    }
    static func ratio(_ st: StreamID, _ sym: String, _ ms: Int64, _ pct: String, _ r: String) -> LongShortRatio {
        LongShortRatio(recv: UnixNanos(recv), ts: at(ms), stream: st, symbol: s(sym), longPct: d(pct), ratio: d(r))
    }
    static let okxContracts: [Symbol: (kind: ContractKind, value: FixedDecimal)] =
        [s("BTC-USDT-SWAP"): (.linear, d("0.01")), s("ETH-USDT-SWAP"): (.linear, d("0.1")), s("BTC-USD-SWAP"): (.inverse, d("100"))]
}

/// Encodes `events` in order (each must be accepted), decodes every frame in order and
/// expects exactly `events` back, with nothing malformed. Returns the frames.
@discardableResult
private func roundTrip<E: ExchangeEncoder>(_ enc: inout E, _ events: [MarketEvent], _ h: inout NormalizerHarness) -> [String] {
    var frames: [String] = [], decoded: [MarketEvent] = []
    for e in events {
        let out = OutputBuffer(capacity: 512)
        let accepted = enc.encodeFrame(e, into: out)
        #expect(accepted, "rejected \(e.jsonLine)")
        frames.append(out.string)
        decoded += h.decode(frame: out.string, stream: E.stream, recv: Ev.recv)
    }
    #expect(decoded == events)
    #expect(h.diagnostics(E.stream).malformed == 0)
    return frames
}

/// True when the encoder refuses `event` and appends nothing.
private func rejects<E: ExchangeEncoder>(_ enc: inout E, _ event: MarketEvent) -> Bool {
    let out = OutputBuffer(capacity: 64); out.append("x")
    return !enc.encodeFrame(event, into: out) && out.string == "x"
}

private func body(_ write: (OutputBuffer) -> Void) -> String { let out = OutputBuffer(capacity: 512); write(out); return out.string }

private func json(_ text: String) throws -> [String: Any] { try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:] }

/// The keys of the object at `path` (object keys, or "0" for an array's first element).
private func keys(_ json: String, _ path: String...) throws -> Set<String> {
    var v: Any = try JSONSerialization.jsonObject(with: Data(json.utf8))
    for p in path { v = (v as? [Any]).map { $0[Int(p)!] } ?? (v as! [String: Any])[p]! }
    return Set((v as! [String: Any]).keys)
}

@Suite struct EncoderRoundTripTests {
    @Test func binanceFramesRoundTripWithCounters() throws {
        var enc = BinanceEncoder(), h = NormalizerHarness()
        let b = StreamID.binanceUSDM
        let frames = roundTrip(&enc, [
            Ev.mark(b, "BTCUSDT", "BTCUSDT", 1_786_171_884_000, "64991.37858696", "0.00003936", 1_786_176_000_000),
            Ev.trade(b, "BTCUSDT", "BTCUSDT", 1_786_171_884_471, .sell, "64990.90", "0.002"),
            Ev.trade(b, "BTCUSDT", "BTCUSDT", 1_786_171_884_480, .buy, "64991.00", "0.150"),
            Ev.trade(b, "ETHUSDT", "ETHUSDT", 1_786_171_884_490, .buy, "3101.17", "1.5"),
            Ev.liq(b, "ILVUSDT", "ILVUSDT", 1_791_391_082_119, .long, "3.85642", "116.5"),
            Ev.liq(b, "XRPUSDT", "XRPUSDT", 1_791_435_249_136, .short, "1.4043", "15.4"),
        ], &h)
        #expect(frames[0] == #"{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1786171884000,"s":"BTCUSDT","p":"64991.37858696","ap":"64991.37858696","P":"64991.37858696","i":"64991.37858696","r":"0.00003936","T":1786176000000,"st":1}}"#)
        #expect(frames[1] == #"{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1786171884471,"a":1,"s":"BTCUSDT","p":"64990.90","q":"0.002","nq":"0.002","f":1,"l":1,"T":1786171884471,"m":true,"st":1}}"#)
        #expect(frames[2].contains(#""a":2,"#) && frames[2].contains(#""f":2,"l":2,"#) && frames[2].contains(#""m":false"#))
        #expect(frames[3].contains(#""stream":"ethusdt@aggTrade""#) && frames[3].contains(#""a":1,"#))   // per-symbol counters
        #expect(frames[4] == #"{"stream":"!forceOrder@arr","data":{"e":"forceOrder","E":1791391082119,"o":{"s":"ILVUSDT","S":"SELL","o":"LIMIT","f":"IOC","q":"116.5","p":"3.85642","ap":"3.85642","X":"FILLED","l":"116.5","z":"116.5","T":1791391082119,"ps":"ILVUSDT","st":1}}}"#)
        #expect(frames[5].contains(#""S":"BUY""#))
    }

    @Test func binanceRejections() {
        var enc = BinanceEncoder()
        let b = StreamID.binanceUSDM
        #expect(rejects(&enc, Ev.mark(b, "BTCUSDT", "BTCUSDT", 1_786_171_884_000, "64991.37858696", nil, 1_786_176_000_000)))
        #expect(rejects(&enc, Ev.mark(b, "BTCUSDT", "BTCUSDT", 1_786_171_884_000, "64991.37858696", "0.0001", nil)))
        #expect(rejects(&enc, Ev.oi(b, "BTCUSDT", "BTCUSDT", 1_786_171_884_000, "10659.509", nil)))          // REST-only
        #expect(rejects(&enc, Ev.trade(.bybitLinear, "BTCUSDT", "BTCUSDT", 1_786_171_884_471, .sell, "64990.90", "0.002")))
        var subMilli = Ev.trade(b, "BTCUSDT", "BTCUSDT", 1_786_171_884_471, .sell, "64990.90", "0.002")
        if case .trade(var t) = subMilli { t.ts = UnixNanos(t.ts.rawValue + 1); subMilli = .trade(t) }
        #expect(rejects(&enc, subMilli))
        var wrongUSD = Ev.liq(b, "ILVUSDT", "ILVUSDT", 1_791_391_082_119, .long, "3.85642", "116.5")
        if case .liquidation(var l) = wrongUSD { l.usdCents += 1; wrongUSD = .liquidation(l) }
        #expect(rejects(&enc, wrongUSD))
    }

    @Test func binanceRESTBodiesRoundTrip() throws {
        var enc = BinanceEncoder(), h = NormalizerHarness()
        let b = StreamID.binanceUSDM
        let mark = Ev.mark(b, "BTCUSDT", "BTCUSDT", 1_786_171_884_000, "64991.37858696", "0.00003936", 1_786_176_000_000)
        roundTrip(&enc, [mark], &h)
        guard case .openInterest(var oi) = Ev.oi(b, "BTCUSDT", "BTCUSDT", 1_786_171_890_000, "10659.509", nil) else { return }
        oi.oiUSDCents = FixedDecimal.productCents(oi.oi, Ev.d("64991.37858696"))
        #expect(oi.oiUSDCents == 69_277_618_497 && enc.openInterestUSDCents(oi) == oi.oiUSDCents)
        let oiBody = body { enc.openInterestBody(oi, into: $0) }
        #expect(oiBody == #"{"openInterest":"10659.509","symbol":"BTCUSDT","time":1786171890000}"#)
        #expect(h.decode(rest: oiBody, url: BinanceEncoder.openInterestURL(Ev.s("BTCUSDT")), stream: b, recv: Ev.recv) == [.openInterest(oi)])
        let r = Ev.ratio(b, "BTCUSDT", 1_786_171_800_000, "66.22", "1.9603")
        let lsBody = body { enc.longShortBody(r, longAccount: Ev.d("0.6622"), shortAccount: Ev.d("0.3378"), into: $0) }
        #expect(BinanceEncoder.longShortURL(Ev.s("BTCUSDT")) == "https://fapi.binance.com/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT&period=5m&limit=1")
        #expect(h.decode(rest: lsBody, url: BinanceEncoder.longShortURL(Ev.s("BTCUSDT")), stream: b, recv: Ev.recv) == [.longShortRatio(r)])
    }

    @Test func bybitTradesAndLiquidationsRoundTrip() throws {
        var enc = BybitEncoder(), h = NormalizerHarness()
        let y = StreamID.bybitLinear
        let frames = roundTrip(&enc, [
            Ev.trade(y, "BTCUSDT", "BTCUSDT", 1_786_310_819_680, .sell, "65114.20", "0.004"),
            Ev.trade(y, "BTCUSDT", "BTCUSDT", 1_786_310_819_690, .buy, "65114.30", "0.010"),
            Ev.trade(y, "BTCUSDT", "BTCUSDT", 1_786_310_819_700, .sell, "65114.10", "0.001"),
            Ev.trade(y, "BTCUSDT", "BTCUSDT", 1_786_310_819_710, .sell, "65114.1", "0.001"),
            Ev.trade(y, "BTCUSDC", "BTCPERP", 1_786_310_819_720, .buy, "65120.0", "0.5"),
            Ev.liq(y, "ICPUSDT", "ICPUSDT", 1_789_670_094_099, .long, "2.585", "19.7"),
            Ev.liq(y, "STRKUSDT", "STRKUSDT", 1_791_091_285_156, .short, "0.05165", "2084.9"),
        ], &h)
        #expect(frames[0].hasPrefix(#"{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1786310819680,"data":[{"T":1786310819680,"s":"BTCUSDT","S":"Sell","v":"0.004","p":"65114.20","L":"ZeroPlusTick","i":""#))
        #expect(frames[0].hasSuffix(#"","BT":false,"RPI":false,"seq":1}]}"#))
        #expect(frames[1].contains(#""L":"PlusTick""#) && frames[1].contains(#""seq":2}"#))
        #expect(frames[2].contains(#""L":"MinusTick""#) && frames[3].contains(#""L":"ZeroMinusTick""#))
        #expect(frames[4].contains(#""s":"BTCPERP""#) && frames[4].contains(#""seq":1}"#))
        let ids = try frames[0..<5].map { try json($0)["data"].flatMap { ($0 as? [[String: Any]])?.first?["i"] as? String } ?? "" }
        #expect(Set(ids).count == 5)
        #expect(ids.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil })
        #expect(frames[5] == #"{"topic":"allLiquidation.ICPUSDT","type":"snapshot","ts":1789670094099,"data":[{"T":1789670094099,"s":"ICPUSDT","S":"Buy","v":"19.7","p":"2.585"}]}"#)
        #expect(frames[6].contains(#""S":"Sell""#))
    }

    /// Marks (full state) and open interest interleaved: snapshot first with only the
    /// event's fields, then deltas with only what changed, a snapshot again to clear a field.
    @Test func bybitTickerSequenceRoundTrips() throws {
        var enc = BybitEncoder(), h = NormalizerHarness()
        let y = StreamID.bybitLinear
        let n1: Int64 = 1_786_320_000_000, n2 = n1 + 28_800_000
        let frames = roundTrip(&enc, [
            Ev.mark(y, "BTCUSDT", "BTCUSDT", 1_786_310_817_583, "65117.44", "0.0001", n1),
            Ev.oi(y, "BTCUSDT", "BTCUSDT", 1_786_310_817_600, "59891.732", 389_999_626_501),
            Ev.mark(y, "BTCUSDT", "BTCUSDT", 1_786_310_818_183, "65117.43", "0.0001", n1),
            Ev.mark(y, "BTCUSDT", "BTCUSDT", 1_786_310_818_283, "65117.43", "0.000095", n2),
            Ev.mark(y, "BTCUSDT", "BTCUSDT", 1_786_310_818_383, "65117.43", "0.000095", n2),   // same state again
            Ev.oi(y, "BTCUSDT", "BTCUSDT", 1_786_310_818_400, "59891.732", 389_999_566_609),
            Ev.oi(y, "BTCUSDT", "BTCUSDT", 1_786_310_818_500, "59890.000", nil),              // value cleared
            Ev.mark(y, "BTCUSDT", "BTCUSDT", 1_786_310_818_600, "65117.50", "0.000095", n2),
            Ev.oi(y, "ETHUSDT", "ETHUSDT", 1_786_310_818_700, "1200000.5", 372_015_500),
        ], &h)
        let types = try frames.map { try json($0)["type"] as? String ?? "" }
        #expect(types == ["snapshot", "delta", "delta", "delta", "delta", "delta", "snapshot", "delta", "snapshot"])
        #expect(frames[0] == #"{"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","markPrice":"65117.44","nextFundingTime":"1786320000000","fundingRate":"0.0001"},"cs":1,"ts":1786310817583}"#)
        #expect(frames[1] == #"{"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","openInterest":"59891.732","openInterestValue":"3899996265.01"},"cs":2,"ts":1786310817600}"#)
        #expect(try keys(frames[2], "data") == ["symbol", "markPrice"])
        #expect(try keys(frames[3], "data") == ["symbol", "nextFundingTime", "fundingRate"])
        #expect(try keys(frames[4], "data") == ["symbol", "markPrice"])
        #expect(try keys(frames[5], "data") == ["symbol", "openInterestValue"])
        #expect(try keys(frames[6], "data") == ["symbol", "openInterest"])
        #expect(try keys(frames[7], "data") == ["symbol", "markPrice", "nextFundingTime", "fundingRate"])
        #expect(frames[8].contains(#""cs":1,"#))
    }

    @Test func bybitAccountRatioRoundTrips() throws {
        var h = NormalizerHarness()
        let r = Ev.ratio(.bybitLinear, "BTCUSDT", 1_695_772_800_000, "57.77", "1.3680")
        let text = body { BybitEncoder().accountRatioBody(r, buyRatio: Ev.d("0.5777"), sellRatio: Ev.d("0.4223"), into: $0) }
        #expect(text == #"{"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"BTCUSDT","buyRatio":"0.5777","sellRatio":"0.4223","timestamp":"1695772800000"}],"nextPageCursor":""},"retExtInfo":{},"time":1695772800000}"#)
        #expect(BybitEncoder.accountRatioURL(Ev.s("BTCUSDT")) == "https://api.bybit.com/v5/market/account-ratio?category=linear&symbol=BTCUSDT&period=5min&limit=1")
        #expect(h.decode(rest: text, url: BybitEncoder.accountRatioURL(Ev.s("BTCUSDT")), stream: .bybitLinear, recv: Ev.recv) == [.longShortRatio(r)])
    }

    @Test func okxInstrumentsThenFramesRoundTrip() throws {
        var enc = OKXEncoder(contracts: Ev.okxContracts), h = NormalizerHarness()
        let o = StreamID.okxSwap
        let insts = [Instrument(recv: UnixNanos(Ev.recv), stream: o, symbol: Ev.s("BTCUSDT"), rawSymbol: Ev.s("BTC-USDT-SWAP"), contractKind: .linear, contractValue: Ev.d("0.01")),
                     Instrument(recv: UnixNanos(Ev.recv), stream: o, symbol: Ev.s("ETHUSDT"), rawSymbol: Ev.s("ETH-USDT-SWAP"), contractKind: .linear, contractValue: Ev.d("0.1")),
                     Instrument(recv: UnixNanos(Ev.recv), stream: o, symbol: Ev.s("BTCUSD"), rawSymbol: Ev.s("BTC-USD-SWAP"), contractKind: .inverse, contractValue: Ev.d("100"))]
        let instBody = body { enc.instrumentsBody(insts, into: $0) }
        #expect(h.decode(rest: instBody, url: OKXEncoder.instrumentsURL, stream: o, recv: Ev.recv) == insts.map(MarketEvent.instrument))
        let frames = roundTrip(&enc, [
            Ev.trade(o, "BTCUSDT", "BTC-USDT-SWAP", 1_790_358_565_298, .buy, "83772.6", "0.05"),
            Ev.trade(o, "BTCUSDT", "BTC-USDT-SWAP", 1_790_358_565_300, .sell, "83772.5", "0.050"),
            Ev.trade(o, "ETHUSDT", "ETH-USDT-SWAP", 1_790_358_565_310, .sell, "2720.41", "1.3"),
            Ev.trade(o, "BTCUSD", "BTC-USD-SWAP", 1_790_358_565_320, .buy, "80000", "0.00250000"),   // inverse: 8 decimals
            Ev.liq(o, "BTCUSDT", "BTC-USDT-SWAP", 1_789_669_898_955, .short, "83800.1", "0.12"),
            Ev.liq(o, "BTCUSDT", "BTC-USDT-SWAP", 1_789_669_898_956, .long, "83600.0", "1.00"),
            Ev.mark(o, "BTCUSDT", "BTC-USDT-SWAP", 1_790_358_817_778, "83679.8", nil, nil),
            Ev.mark(o, "BTCUSDT", "BTC-USDT-SWAP", 1_790_358_563_915, nil, "0.0000263463215391", 1_790_380_800_000),
            Ev.oi(o, "ETHUSDT", "ETH-USDT-SWAP", 1_790_165_111_452, "638584.898", 173_779_385_462),
        ], &h)
        #expect(frames[0] == #"{"arg":{"channel":"trades","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","tradeId":"1","px":"83772.6","sz":"5","side":"buy","ts":"1790358565298","count":"1","source":"0","seqId":1}]}"#)
        #expect(frames[1].contains(#""tradeId":"2","#) && frames[1].contains(#""sz":"5.0""#) && frames[1].contains(#""seqId":2}"#))
        #expect(frames[2].contains(#""sz":"13""#) && frames[3].contains(#""sz":"2""#))
        #expect(frames[4] == #"{"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[{"bkLoss":"0","bkPx":"83800.1","ccy":"","posSide":"short","side":"buy","sz":"12","ts":"1789669898955"}],"instFamily":"BTC-USDT","instId":"BTC-USDT-SWAP","instType":"SWAP","uly":"BTC-USDT"}]}"#)
        #expect(frames[5].contains(#""posSide":"long","side":"sell","sz":"100""#))
        #expect(frames[6] == #"{"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","instType":"SWAP","markPx":"83679.8","ts":"1790358817778"}]}"#)
        #expect(frames[7].contains(#""fundingTime":"1790380800000""#) && frames[7].contains(#""nextFundingTime":"1790409600000""#))
        #expect(frames[8] == #"{"arg":{"channel":"open-interest","instId":"ETH-USDT-SWAP"},"data":[{"instId":"ETH-USDT-SWAP","instType":"SWAP","oi":"6385848.98","oiCcy":"638584.898","oiUsd":"1737793854.62","ts":"1790165111452"}]}"#)
    }

    @Test func okxRejections() {
        var enc = OKXEncoder(contracts: Ev.okxContracts)
        let o = StreamID.okxSwap
        #expect(rejects(&enc, Ev.trade(o, "BTCUSDT", "BTC-USDT-SWAP", 1_790_358_565_298, .buy, "83772.6", "0.055")))   // not a multiple of 0.01
        #expect(rejects(&enc, Ev.trade(o, "BTCUSDT", "BTC-USDT-SWAP", 1_790_358_565_298, .buy, "83772.6", "5")))       // decodes as 5.00
        #expect(rejects(&enc, Ev.trade(o, "SOLUSDT", "SOL-USDT-SWAP", 1_790_358_565_298, .buy, "150.1", "1")))        // no contract
        #expect(rejects(&enc, Ev.trade(o, "BTCUSD", "BTC-USDT-SWAP", 1_790_358_565_298, .buy, "83772.6", "0.05")))     // symbol ≠ unified
        #expect(rejects(&enc, Ev.mark(o, "BTCUSDT", "BTC-USDT-SWAP", 1_790_358_817_778, "83679.8", "0.0001", 1_790_380_800_000)))
        #expect(rejects(&enc, Ev.mark(o, "BTCUSDT", "BTC-USDT-SWAP", 1_790_358_817_778, nil, "0.0001", nil)))
        #expect(rejects(&enc, Ev.oi(o, "BTCUSD", "BTC-USD-SWAP", 1_790_165_111_452, "12.5", nil)))        // inverse needs the USD value
        #expect(rejects(&enc, Ev.trade(o, "BTCUSD", "BTC-USD-SWAP", 1_790_358_565_320, .buy, "80000", "0.0025")))   // decodes as 0.00250000
        let liq = Ev.liq(o, "BTCUSDT", "BTC-USDT-SWAP", 1_789_669_898_955, .short, "83800.1", "0.12")
        let first = enc.encodeFrame(liq, into: OutputBuffer())
        #expect(first)
        #expect(rejects(&enc, liq))   // the decoder would drop it as a backlog resend
    }

    @Test func okxLongShortRoundTrips() throws {
        var h = NormalizerHarness()
        let r = Ev.ratio(.okxSwap, "BTCUSDT", 1_701_417_600_000, "54.00", "1.1739")
        let text = body { OKXEncoder(contracts: [:]).longShortBody(r, into: $0) }
        #expect(text == #"{"code":"0","data":[["1701417600000","1.1739"]],"msg":""}"#)
        let url = OKXEncoder.longShortURL(Ev.s("BTC-USDT-SWAP"))
        #expect(url == "https://www.okx.com/api/v5/rubik/stat/contracts/long-short-account-ratio-contract?instId=BTC-USDT-SWAP&period=5m")
        #expect(h.decode(rest: text, url: url, stream: .okxSwap, recv: Ev.recv) == [.longShortRatio(r)])
    }

    /// Encoded frames have the key sets of the real frames (data objects and envelopes).
    @Test func keySetsMatchRealFrames() throws {
        func real(_ file: String, _ needle: String) throws -> String { try Fixtures.line(file, containing: needle).frame! }
        func enc<E: ExchangeEncoder>(_ e: inout E, _ ev: MarketEvent) -> String { body { _ = e.encodeFrame(ev, into: $0) } }
        var b = BinanceEncoder(), y = BybitEncoder(), o = OKXEncoder(contracts: Ev.okxContracts)
        let bt = enc(&b, Ev.trade(.binanceUSDM, "BTCUSDT", "BTCUSDT", 1, .sell, "64990.90", "0.002"))
        let bl = enc(&b, Ev.liq(.binanceUSDM, "ILVUSDT", "ILVUSDT", 1, .long, "3.85642", "116.5"))
        let bm = enc(&b, Ev.mark(.binanceUSDM, "BTCUSDT", "BTCUSDT", 1, "64991.37858696", "0.00003936", 2))
        for (mine, theirs) in [(bt, try real("misc-2026.jsonl", "aggTrade")), (bm, try real("misc-2026.jsonl", "markPriceUpdate"))] {
            #expect(try keys(mine) == keys(theirs) && keys(mine, "data") == keys(theirs, "data"))
        }
        let realForce = try real("liquidations-2026.jsonl", "!forceOrder@arr")
        #expect(try keys(bl, "data") == keys(realForce, "data") && keys(bl, "data", "o") == keys(realForce, "data", "o"))
        let yt = enc(&y, Ev.trade(.bybitLinear, "BTCUSDT", "BTCUSDT", 1, .sell, "65114.20", "0.004"))
        let yl = enc(&y, Ev.liq(.bybitLinear, "ICPUSDT", "ICPUSDT", 1, .long, "2.585", "19.7"))
        let realTrade = try real("bybit-linear-20260809-a-excerpt.jsonl", "publicTrade.")
        let realLiq = try real("liquidations-2026.jsonl", "allLiquidation.")
        #expect(try keys(yt) == keys(realTrade) && keys(yt, "data", "0") == keys(realTrade, "data", "0"))
        #expect(try keys(yl) == keys(realLiq) && keys(yl, "data", "0") == keys(realLiq, "data", "0"))
        let ym = enc(&y, Ev.mark(.bybitLinear, "BTCUSDT", "BTCUSDT", 1, "65117.44", "0.0001", 2))
        let yo = enc(&y, Ev.oi(.bybitLinear, "BTCUSDT", "BTCUSDT", 1, "59891.732", 389_999_626_501))
        let realTicker = try real("bybit-linear-20260809-a-excerpt.jsonl", #""type":"snapshot","data":{"symbol":"BTCUSDT""#)
        #expect(try keys(ym) == keys(realTicker) && keys(yo) == keys(realTicker))
        #expect(try keys(ym, "data").union(keys(yo, "data")).isSubset(of: keys(realTicker, "data")))
        let cases: [(MarketEvent, String, String)] = [
            (Ev.trade(.okxSwap, "BTCUSDT", "BTC-USDT-SWAP", 1, .buy, "83772.6", "0.05"), "misc-2026.jsonl", #""channel":"trades""#),
            (Ev.liq(.okxSwap, "BTCUSDT", "BTC-USDT-SWAP", 1, .short, "83800.1", "0.12"), "liquidations-2026.jsonl", "liquidation-orders"),
            (Ev.mark(.okxSwap, "BTCUSDT", "BTC-USDT-SWAP", 1, "83679.8", nil, nil), "misc-2026.jsonl", "mark-price"),
            (Ev.mark(.okxSwap, "BTCUSDT", "BTC-USDT-SWAP", 1, nil, "0.0001", 2), "misc-2026.jsonl", "funding-rate"),
            (Ev.oi(.okxSwap, "ETHUSDT", "ETH-USDT-SWAP", 1, "638584.898", 173_779_385_462), "misc-2026.jsonl", "open-interest"),
        ]
        for (event, file, needle) in cases {
            let mine = enc(&o, event), theirs = try real(file, needle)
            #expect(try keys(mine) == keys(theirs) && keys(mine, "arg") == keys(theirs, "arg") && keys(mine, "data", "0") == keys(theirs, "data", "0"), "\(needle)")
        }
        #expect(try keys(enc(&o, Ev.liq(.okxSwap, "BTCUSDT", "BTC-USDT-SWAP", 2, .long, "83800.1", "0.12")), "data", "0", "details", "0") == keys(real("liquidations-2026.jsonl", "liquidation-orders"), "data", "0", "details", "0"))
        let realInst = try #require(Fixtures.lines("okx-swap-20220227-excerpt.jsonl").first { $0.url != nil }?.body)
        let inst = Instrument(recv: .zero, stream: .okxSwap, symbol: Ev.s("BTCUSDT"), rawSymbol: Ev.s("BTC-USDT-SWAP"), contractKind: .linear, contractValue: Ev.d("0.01"))
        let mine = body { o.instrumentsBody([inst], into: $0) }
        #expect(try keys(mine) == keys(realInst) && keys(mine, "data", "0") == keys(realInst, "data", "0"))
        #expect(mine.contains(#""ctType":"linear","ctVal":"0.01","ctValCcy":"BTC","expTime":"","instId":"BTC-USDT-SWAP","instType":"SWAP""#) && mine.contains(#""settleCcy":"USDT","state":"live""#))
    }

    /// Same call sequence ⇒ same bytes.
    @Test func encodersAreDeterministic() {
        func run() -> String {
            var b = BinanceEncoder(), y = BybitEncoder(), o = OKXEncoder(contracts: Ev.okxContracts); let out = OutputBuffer()
            for i: Int64 in 0..<20 {
                let price = "6499\(i % 10).90", ms = 1_786_171_884_000 + i
                _ = b.encodeFrame(Ev.trade(.binanceUSDM, "BTCUSDT", "BTCUSDT", ms, i % 2 == 0 ? .buy : .sell, price, "0.002"), into: out)
                _ = y.encodeFrame(Ev.trade(.bybitLinear, "BTCUSDT", "BTCUSDT", ms, .sell, price, "0.002"), into: out)
                _ = y.encodeFrame(Ev.mark(.bybitLinear, "BTCUSDT", "BTCUSDT", ms, price, "0.0001", 1_786_176_000_000), into: out)
                _ = o.encodeFrame(Ev.trade(.okxSwap, "BTCUSDT", "BTC-USDT-SWAP", ms, .buy, price, "0.02"), into: out)
            }
            return out.string
        }
        #expect(run() == run())
    }
}
