import Foundation
import Testing
import LiqsimCore
import LiqsimPipeline

@Suite("Pipeline sentiment")
struct PipelineSentimentTests {
    static let everyMinute = PK.config { $0.sentimentInterval = PK.minute }
    static let funding = 0, openInterest = 1, longShort = 2, momentum = 3, flow = 4, liquidations = 5

    static func sentiments(_ events: [MarketEvent], config: PipelineConfig = everyMinute) -> [SentimentSnapshot] {
        PK.run(events, config: config).1.compactMap(\.sentiment)
    }

    /// Funding against each exchange's 0.0001 per 8 h baseline, OI-weighted: binance 0.0001
    /// (excess 0) on $3,000,000 OI (30,000 × last price 100, no USD given), bybit 0.0007
    /// (excess 0.0006) on $1,000,000 → (0 + 600) / 4,000,000 = 0.00015 → tanh(1.5).
    /// Next minute binance −0.0002 (excess −0.0003; bybit and both OIs kept):
    /// (−900 + 600) / 4,000,000 = −0.000075 → tanh(−0.75).
    @Test func fundingIsOpenInterestWeighted() {
        let s = Self.sentiments([
            PK.trade(PK.at(0, 5), .binanceUSDM, .buy, "100", "1"),
            PK.funding(PK.at(0, 10), .binanceUSDM, "0.0001"),
            PK.funding(PK.at(0, 11), .bybitLinear, "0.0007"),
            PK.openInterest(PK.at(0, 20), .binanceUSDM, oi: "30000", usdCents: nil),
            PK.openInterest(PK.at(0, 21), .bybitLinear, oi: "10000", usdCents: 100_000_000),
            PK.funding(PK.at(1, 10), .binanceUSDM, "-0.0002"),
            PK.tick(PK.at(2)),
        ])
        #expect(s.map(\.time) == [PK.at(1), PK.at(2)])
        #expect(PK.close(s[0].factors[Self.funding], tanh(1.5)))     // 0.905148…
        #expect(PK.close(s[1].factors[Self.funding], tanh(-0.75)))   // −0.635149…
    }

    /// Without open interest the exchanges weigh the same: excesses 0 and 0.0004 → 0.0002 → tanh(2).
    @Test func fundingWithoutOpenInterestIsAPlainMean() {
        let s = Self.sentiments([
            PK.trade(PK.at(0, 5), .binanceUSDM, .buy, "100", "1"),
            PK.funding(PK.at(0, 10), .binanceUSDM, "0.0001"),
            PK.funding(PK.at(0, 11), .okxSwap, "0.0005"),
            PK.tick(PK.at(1)),
        ])
        #expect(s.count == 1)
        #expect(PK.close(s[0].factors[Self.funding], tanh(2)))   // 0.964027…
    }

    /// Open interest change, signed by the price change since the previous snapshot:
    ///   00:01 first snapshot: no previous OI → 0 (previous OI $1,000,000, price 100)
    ///   00:02 OI $1,050,000 (+5%), price 98 (down) → tanh(0.05 / 0.05) × −1 = −tanh(1)
    ///   00:03 OI $1,023,750 (−2.5%), price 99 (up) → tanh(−0.5) × +1
    ///   00:04 OI $1,023,750 again, price 99 (flat) → 0
    @Test func openInterestChangeIsSignedByPriceChange() {
        let s = Self.sentiments([
            PK.trade(PK.at(0, 10), .binanceUSDM, .buy, "100", "1"),
            PK.openInterest(PK.at(0, 20), .binanceUSDM, oi: "10000", usdCents: 100_000_000),
            PK.trade(PK.at(1, 10), .binanceUSDM, .sell, "98", "1"),
            PK.openInterest(PK.at(1, 20), .binanceUSDM, oi: "10500", usdCents: 105_000_000),
            PK.trade(PK.at(2, 10), .binanceUSDM, .buy, "99", "1"),
            PK.openInterest(PK.at(2, 20), .binanceUSDM, oi: "10341", usdCents: 102_375_000),
            PK.trade(PK.at(3, 10), .binanceUSDM, .buy, "99", "1"),
            PK.tick(PK.at(4)),
        ])
        #expect(s.count == 4)
        #expect(s[0].factors[Self.openInterest] == 0)
        #expect(PK.close(s[1].factors[Self.openInterest], -tanh(1)))     // −0.761594…
        #expect(PK.close(s[2].factors[Self.openInterest], tanh(-0.5)))   // −0.462117…
        #expect(s[3].factors[Self.openInterest] == 0)
    }

    /// Long/short: mean long share across exchanges. binance 60%, bybit 70% → (65 − 50) / 50 = 0.3;
    /// okx 20% joins → mean 50 → 0.
    @Test func longShortIsTheMeanAccountShare() {
        let s = Self.sentiments([
            PK.trade(PK.at(0, 5), .binanceUSDM, .buy, "100", "1"),
            PK.longShort(PK.at(0, 10), .binanceUSDM, "60"),
            PK.longShort(PK.at(0, 11), .bybitLinear, "70"),
            PK.longShort(PK.at(1, 10), .okxSwap, "20"),
            PK.tick(PK.at(2)),
        ])
        #expect(s.count == 2)
        #expect(PK.close(s[0].factors[Self.longShort], 0.3))
        #expect(PK.close(s[1].factors[Self.longShort], 0))
    }

    /// Taker flow: buy 100 × 3 = $300 (binance) + sell 100 × 1 = $100 (bybit) → (300 − 100) / 400 = 0.5.
    /// Liquidations: LONG $300, SHORT $100 → (100 − 300) / 400 = −0.5.
    /// Both restart at each snapshot: the next minute has one sell and no liquidation → −1 and 0.
    @Test func takerFlowAndLiquidationImbalance() {
        let s = Self.sentiments([
            PK.trade(PK.at(0, 5), .binanceUSDM, .buy, "100", "3"),
            PK.trade(PK.at(0, 6), .bybitLinear, .sell, "100", "1"),
            PK.liq(PK.at(0, 7), .okxSwap, .long, "100", "3"),
            PK.liq(PK.at(0, 8), .binanceUSDM, .short, "100", "1"),
            PK.trade(PK.at(1, 5), .binanceUSDM, .sell, "100", "2"),
            PK.tick(PK.at(2)),
        ])
        #expect(s.count == 2)
        #expect(s[0].factors[Self.flow] == 0.5 && s[0].factors[Self.liquidations] == -0.5)
        #expect(s[1].factors[Self.flow] == -1 && s[1].factors[Self.liquidations] == 0)
    }

    /// All factors together, equal weights:
    ///   funding tanh(1.5) = 0.905148 (binance 0.0001 = its baseline on $3M, bybit 0.0007 on $1M)
    ///   OI 0 (first snapshot) · long/short 0.3 (60/70) · momentum 0 (flat price, σ = 0)
    ///   flow 0.5 · liquidations −0.5
    ///   composite = (0.905148 + 0.3) / 6 = 0.200858 → BULLISH (just above 0.2)
    @Test func compositeLabelJSONAndLogLine() throws {
        let (_, signals) = PK.run([
            PK.trade(PK.at(0, 5), .binanceUSDM, .buy, "100", "3"),
            PK.trade(PK.at(0, 6), .bybitLinear, .sell, "100", "1"),
            PK.liq(PK.at(0, 7), .okxSwap, .long, "100", "3"),
            PK.liq(PK.at(0, 8), .binanceUSDM, .short, "100", "1"),
            PK.funding(PK.at(0, 10), .binanceUSDM, "0.0001"),
            PK.funding(PK.at(0, 11), .bybitLinear, "0.0007"),
            PK.openInterest(PK.at(0, 20), .binanceUSDM, oi: "30000", usdCents: 300_000_000),
            PK.openInterest(PK.at(0, 21), .bybitLinear, oi: "10000", usdCents: 100_000_000),
            PK.longShort(PK.at(0, 30), .binanceUSDM, "60"),
            PK.longShort(PK.at(0, 31), .bybitLinear, "70"),
            PK.tick(PK.at(1)),
        ], config: Self.everyMinute)
        let signal = try #require(signals.first { $0.sentiment != nil })
        let s = signal.sentiment!
        #expect(s.time == PK.at(1) && s.symbol == PK.btc)
        let expected = [tanh(1.5), 0, 0.3, 0, 0.5, -0.5]
        #expect(zip(s.factors, expected).allSatisfy { PK.close($0, $1) })
        #expect(PK.close(s.composite, (tanh(1.5) + 0.3) / 6))
        #expect(s.label == "BULLISH")
        #expect(PK.json(signal) == #"{"type":"sentiment","recv_ns":1767225660000000000,"symbol":"BTCUSDT","composite":0.2009,"label":"BULLISH","factors":{"funding":0.9051,"open_interest":0.0000,"long_short":0.3000,"momentum":0.0000,"taker_flow":0.5000,"liquidations":-0.5000}}"# + "\n")
        #expect(PK.log(signal) == "20260101 | 00:01:00 UTC | BTCUSDT | SENTIMENT 0.2009 BULLISH\n")
    }

    @Test func customWeights() {
        let config = PK.config { $0.sentimentInterval = PK.minute; $0.sentimentWeights = [0, 0, 0, 0, 0.25, 0.75] }
        let s = Self.sentiments([
            PK.trade(PK.at(0, 5), .binanceUSDM, .buy, "100", "3"),
            PK.trade(PK.at(0, 6), .bybitLinear, .sell, "100", "1"),
            PK.liq(PK.at(0, 7), .okxSwap, .short, "100", "1"),
            PK.tick(PK.at(1)),
        ], config: config)
        // 0.25 × 0.5 + 0.75 × 1 = 0.875 → STRONG BULLISH.
        #expect(s.count == 1 && s[0].composite == 0.875 && s[0].label == "STRONG BULLISH")
    }

    /// ≥ 0.5 STRONG BULLISH, ≥ 0.2 BULLISH, > −0.2 NEUTRAL, > −0.5 BEARISH, else STRONG BEARISH.
    @Test func labelThresholds() {
        let cases: [(Double, String)] = [
            (1, "STRONG BULLISH"), (0.5, "STRONG BULLISH"), (0.49999, "BULLISH"), (0.2, "BULLISH"), (0.19999, "NEUTRAL"),
            (0, "NEUTRAL"), (-0.19999, "NEUTRAL"), (-0.2, "BEARISH"), (-0.49999, "BEARISH"), (-0.5, "STRONG BEARISH"), (-1, "STRONG BEARISH"),
        ]
        for (value, label) in cases { #expect(SentimentSnapshot.label(value) == label, "\(value)") }
    }

    /// The same edges through the pipeline, with only the long/short factor weighted:
    /// (longPct − 50) / 50 gives 0.5, 0.2, 0.19999, −0.2, −0.5.
    @Test(arguments: [("75", "STRONG BULLISH"), ("60", "BULLISH"), ("59.9995", "NEUTRAL"), ("40", "BEARISH"), ("25", "STRONG BEARISH")])
    func labelEdgesThroughThePipeline(longPct: String, label: String) {
        let config = PK.config { $0.sentimentInterval = PK.minute; $0.sentimentWeights = [0, 0, 1, 0, 0, 0] }
        let s = Self.sentiments([
            PK.trade(PK.at(0, 5), .binanceUSDM, .buy, "100", "1"),
            PK.longShort(PK.at(0, 10), .binanceUSDM, longPct),
            PK.tick(PK.at(1)),
        ], config: config)
        #expect(s.count == 1)
        #expect(s.first?.label == label, "composite \(s.first?.composite ?? .nan)")
    }

    /// Hourly snapshots appear at the hour, never before, only for symbols with a price.
    @Test func hourlySnapshotsAreEmittedAtTheHour() {
        let p = Pipeline()   // default: 1h
        for m in 0..<60 {
            #expect(PK.feed(p, PK.trade(PK.at(Int64(m), 30), .binanceUSDM, .buy, "100", "1")).allSatisfy { $0.sentiment == nil })
            #expect(PK.feed(p, PK.liq(PK.at(Int64(m), 31), .bybitLinear, .long, "100", "1", symbol: PK.eth)).allSatisfy { $0.sentiment == nil })
        }
        #expect(PK.feed(p, PK.tick(PK.at(60) - 1)).isEmpty)
        let s = PK.feed(p, PK.tick(PK.at(60))).compactMap(\.sentiment)
        #expect(s.count == 1)   // ETH has liquidations but no trade price
        #expect(s.first?.time == PK.at(60) && s.first?.symbol == PK.btc && s.first?.factors[Self.flow] == 1)
    }

    // Momentum: tanh(r / σ), r = ln(last / start), σ = population std of the one-minute log
    // returns × √n, start = the previous snapshot's price (or the interval's first price).

    @Test func momentumIsZeroForAFlatPriceAndSignedByTheMove() {
        let flat = Self.sentiments((0..<3).map { PK.trade(PK.at(Int64($0), 30), .binanceUSDM, .buy, "100", "1") } + [PK.tick(PK.at(3))],
                                   config: PK.config { $0.sentimentInterval = 3 * PK.minute })
        #expect(flat.count == 1 && flat[0].factors[Self.momentum] == 0)
        let prices = ["100", "101", "100.5", "102", "103"]
        let up = Self.sentiments(prices.enumerated().map { PK.trade(PK.at(Int64($0.offset), 30), .binanceUSDM, .buy, $0.element, "1") } + [PK.tick(PK.at(5))],
                                 config: PK.config { $0.sentimentInterval = 5 * PK.minute })
        let down = Self.sentiments(prices.reversed().enumerated().map { PK.trade(PK.at(Int64($0.offset), 30), .binanceUSDM, .buy, $0.element, "1") } + [PK.tick(PK.at(5))],
                                   config: PK.config { $0.sentimentInterval = 5 * PK.minute })
        #expect(up[0].factors[Self.momentum] > 0 && down[0].factors[Self.momentum] < 0)
    }

    /// One trade per minute for an hour: 100 in minute 0, 101 from minute 1 on. The 60 minute
    /// closes are 100, 101 × 59 (the last one, at 01:00, is the last price), so the one-minute
    /// returns from the first price 100 are [0, r, 0 × 58] with r = ln(1.01), n = 60:
    ///   mean r/60, variance r²·59/3600, σ = √(60 · variance) = r·√(59/60), r / σ = √(60/59)
    ///   momentum = tanh(√(60/59)) = tanh(1.0084389…) = 0.76526…
    @Test func momentumOverAnHourOfMinuteCloses() {
        var events = (0..<60).map { m in PK.trade(PK.at(Int64(m), 30), .binanceUSDM, .buy, m == 0 ? "100" : "101", "1") }
        events.append(PK.tick(PK.at(60)))
        let s = Self.sentiments(events, config: PipelineConfig())
        #expect(s.count == 1)
        let m = s.first?.factors[Self.momentum] ?? .nan
        #expect(PK.close(m, tanh((60.0 / 59).squareRoot())), "momentum \(m); tanh(√(61/60)) = \(tanh((61.0 / 60).squareRoot())) would mean the close at 01:00 is counted twice (a spurious zero return)")
    }

    /// Same hour with trades only at 00:00:30 (100) and 00:30:30 (101): the price did not move in
    /// the silent minutes, whose one-minute returns are 0. The minute closes are 100 × 30 then
    /// 101 × 30: returns [0 × 30, r, 0 × 29], n = 60 → the same tanh(√(60/59)) as with a trade
    /// every minute. (Dropping the silent minutes would give n = 2 or 3 and tanh(√(3/2)) = 0.8408.)
    @Test func momentumCountsSilentMinutesAsZeroReturns() {
        let s = Self.sentiments([
            PK.trade(PK.at(0, 30), .binanceUSDM, .buy, "100", "1"),
            PK.trade(PK.at(30, 30), .binanceUSDM, .buy, "101", "1"),
            PK.tick(PK.at(60)),
        ], config: PipelineConfig())
        #expect(s.count == 1)
        let m = s.first?.factors[Self.momentum] ?? .nan
        #expect(PK.close(m, tanh((60.0 / 59).squareRoot())), "momentum \(m)")
    }

    /// Second 5-minute interval, starting from the previous snapshot's price 100, one trade per
    /// minute: closes 102, 101, 103, 102, 104 (the last one, at 00:10, is the last price).
    /// Returns ln(102/100), ln(101/102), ln(103/101), ln(102/103), ln(104/102), n = 5;
    /// r = ln(104/100); momentum = tanh(r / (σ_pop · √5)).
    @Test func momentumStartsFromThePreviousSnapshotPrice() {
        var events = (0..<5).map { m in PK.trade(PK.at(Int64(m), 30), .binanceUSDM, .buy, m == 4 ? "100" : "90", "1") }
        events += ["102", "101", "103", "102", "104"].enumerated().map { PK.trade(PK.at(5 + Int64($0.offset), 30), .binanceUSDM, .buy, $0.element, "1") }
        events.append(PK.tick(PK.at(10)))
        let s = Self.sentiments(events, config: PK.config { $0.sentimentInterval = 5 * PK.minute })
        #expect(s.map(\.time) == [PK.at(5), PK.at(10)])
        let path: [Double] = [100, 102, 101, 103, 102, 104]
        let returns = zip(path, path.dropFirst()).map { log($1 / $0) }
        let mean = returns.reduce(0, +) / 5
        let sigma = (returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 5).squareRoot() * Double(5).squareRoot()
        let expected = tanh(log(104.0 / 100) / sigma)   // r = 0.039221, σ = 0.032223 → tanh(1.21718) = 0.838820
        let m = s.last?.factors[Self.momentum] ?? .nan
        #expect(PK.close(m, expected), "momentum \(m), expected \(expected)")
    }
}
