import Testing
import LiqsimCore
import LiqsimPipeline

@Suite("Pipeline cascade risk")
struct PipelineCascadeRiskTests {
    /// Trailing window [T − 5m, T) at every 1m bar close T (docs/pipeline.md, "Cascade risk"):
    ///   trades  binance buy 50000 × 12 = $600,000 at 00:00:30 · bybit sell 50000 × 8 = $400,000 at 00:02
    ///   liqs    binance LONG 50000 × 0.3 = $15,000 at 00:03 · okx SHORT 50000 × 0.1 = $5,000 at 00:04
    /// At 00:05, [00:00, 00:05) holds all four: traded $1,000,000, liq $20,000:
    ///   volume    min(20,000 / 1,000,000 / 0.02, 1) × 0.4  = 0.4
    ///   size      min(20,000 / 5,000,000, 1) = 0.004 → × 0.3 = 0.0012
    ///   imbalance |15,000 − 5,000| / 20,000 × 0.004 × 0.3 = 0.0006 (a small one-sided window weighs little)
    ///   risk 0.4018 → MODERATE.
    /// At 00:04 the SHORT (received at 00:04) is not in yet: liq $15,000 → 0.3 + 0.0009 + 0.0009 = 0.3018 LOW.
    @Test func handComputedRiskThroughThePipeline() {
        let p = Pipeline()
        var risks: [PipelineSignal] = []
        for e in [PK.trade(PK.at(0, 30), .binanceUSDM, .buy, "50000", "12"), PK.trade(PK.at(2), .bybitLinear, .sell, "50000", "8"),
                  PK.liq(PK.at(3), .binanceUSDM, .long, "50000", "0.3"), PK.liq(PK.at(4), .okxSwap, .short, "50000", "0.1"),
                  PK.tick(PK.at(5) - 1), PK.tick(PK.at(5))] {
            risks += PK.feed(p, e).filter { $0.risk != nil }
        }
        // One per bar close with anything in the trailing window — except 00:02, which the
        // trade received at 00:02 skips, like its empty bar: after the first close an event
        // passes, the clock jumps to the window holding the event (docs/pipeline.md).
        #expect(risks.compactMap(\.risk).map(\.time) == [PK.at(1), PK.at(3), PK.at(4), PK.at(5)])
        guard risks.count == 4, let r = risks[3].risk, let before = risks[2].risk else { return }
        #expect(PK.close(before.risk, 0.3018) && before.level == "LOW" && before.liquidationCents == 1_500_000)
        #expect(r.time == PK.at(5) && r.window == 5 * PK.minute && r.symbol == PK.btc)
        #expect(r.liquidationCents == 2_000_000 && r.tradedCents == 100_000_000 && r.longCents == 1_500_000 && r.shortCents == 500_000)
        #expect(PK.close(r.volumeFactor, 0.4) && PK.close(r.imbalanceFactor, 0.0006) && PK.close(r.sizeFactor, 0.0012))
        #expect(PK.close(r.risk, 0.4018) && r.level == "MODERATE")
        #expect(PK.json(risks[3]) == #"{"type":"cascade_risk","recv_ns":1767225900000000000,"symbol":"BTCUSDT","window":"5m","risk":0.4018,"level":"MODERATE","liq_usd":20000.00,"traded_usd":1000000.00,"long_usd":15000.00,"short_usd":5000.00,"factors":{"liq_volume":0.4000,"imbalance":0.0006,"size":0.0012}}"# + "\n")
        #expect(PK.log(risks[3]).isEmpty)
    }

    /// The window trails: traded $1M at 00:06, LONG $5M at 00:07 →
    ///   at 00:07, [00:02, 00:07): the trade only → 0 (a window with activity is evaluated);
    ///   at 00:08 and 00:09: 0.4 + 1 × 1 × 0.3 + 0.3 → 1.0 CRITICAL;
    ///   at 00:12, [00:07, 00:12): the $1M trade has left, the LONG (received at 00:07:
    ///   inclusive) and a $50,000 trade at 00:11 remain → still 1.0;
    ///   at 00:13, [00:08, 00:13): the $50,000 trade only → 0 LOW. Silence until 00:25: after
    ///   a gap only the first close (00:14) is evaluated, as for bars.
    @Test func theWindowTrailsAndIdleWindowsGiveNoRisk() {
        let (_, signals) = PK.run([
            PK.trade(PK.at(6), .okxSwap, .sell, "50000", "20"),
            PK.liq(PK.at(7), .okxSwap, .long, "50000", "100"),
            PK.tick(PK.at(8)),
            PK.trade(PK.at(11), .okxSwap, .sell, "50000", "1"),
            PK.tick(PK.at(12)), PK.tick(PK.at(13)),
            PK.tick(PK.at(25)),
        ])
        let risks = signals.compactMap(\.risk)
        #expect(risks.map(\.time) == [PK.at(7), PK.at(8), PK.at(9), PK.at(12), PK.at(13), PK.at(14)])
        guard risks.count == 6 else { return }
        #expect(risks[0].risk == 0 && risks[0].tradedCents == 100_000_000)
        #expect(PK.close(risks[1].risk, 1.0) && risks[1].level == "CRITICAL" && PK.close(risks[1].imbalanceFactor, 0.3))
        #expect(PK.close(risks[2].risk, 1.0))
        #expect(PK.close(risks[3].risk, 1.0) && risks[3].tradedCents == 5_000_000 && risks[3].longCents == 500_000_000)
        #expect(risks[4].risk == 0 && risks[4].level == "LOW" && risks[4].tradedCents == 5_000_000)
        #expect(risks[5].risk == 0 && risks[5].tradedCents == 5_000_000)
    }

    /// The three factors and their caps.
    @Test func factorFormulas() {
        // $1,000 LONG over $100,000 traded, size_ref $5M: 1,000/100,000/0.02 = 0.5 → 0.2; size 0.0002 → 0.00006;
        // imbalance 1 × 0.0002 × 0.3 = 0.00006 (one-sided but tiny); risk 0.20012 LOW.
        let a = CascadeRisk.compute(time: 0, symbol: PK.btc, window: 5 * PK.minute, long: 100_000, short: 0, traded: 10_000_000, sizeReference: 5_000_000)
        #expect(PK.close(a.volumeFactor, 0.2) && PK.close(a.imbalanceFactor, 0.00006) && PK.close(a.sizeFactor, 0.00006))
        #expect(PK.close(a.risk, 0.20012) && a.level == "LOW")
        // The same one-sided window at the size reference: the full 0.3.
        let big = CascadeRisk.compute(time: 0, symbol: PK.btc, window: 5 * PK.minute, long: 500_000_000, short: 0, traded: 50_000_000_000, sizeReference: 5_000_000)
        #expect(big.imbalanceFactor == 0.3 && big.sizeFactor == 0.3 && PK.close(big.risk, 0.8))
        // Balanced $3M vs $3M over $1B: 6M/1B/0.02 = 0.3 → 0.12; imbalance 0; size capped (6M > 5M) → 0.3.
        let b = CascadeRisk.compute(time: 0, symbol: PK.btc, window: 5 * PK.minute, long: 300_000_000, short: 300_000_000, traded: 100_000_000_000, sizeReference: 5_000_000)
        #expect(PK.close(b.volumeFactor, 0.12) && b.imbalanceFactor == 0 && b.sizeFactor == 0.3)
        #expect(PK.close(b.risk, 0.42) && b.level == "MODERATE")
        // Liquidations without any traded volume: the ratio is unbounded → capped at 1 → 0.4.
        let c = CascadeRisk.compute(time: 0, symbol: PK.btc, window: 5 * PK.minute, long: 0, short: 100, traded: 0, sizeReference: 5_000_000)
        #expect(c.volumeFactor == 0.4 && PK.close(c.imbalanceFactor, 0.3 * 1 / 5_000_000))
        // Nothing at all.
        let d = CascadeRisk.compute(time: 0, symbol: PK.btc, window: 5 * PK.minute, long: 0, short: 0, traded: 0, sizeReference: 5_000_000)
        #expect(d.risk == 0 && d.level == "LOW")
    }

    /// ≥ 0.8 CRITICAL, ≥ 0.6 HIGH, ≥ 0.4 MODERATE, else LOW.
    @Test func levelThresholds() {
        let cases: [(Double, String)] = [
            (1, "CRITICAL"), (0.8, "CRITICAL"), (0.79999, "HIGH"), (0.6, "HIGH"), (0.59999, "MODERATE"),
            (0.4, "MODERATE"), (0.39999, "LOW"), (0, "LOW"),
        ]
        for (value, level) in cases { #expect(CascadeRisk.level(value) == level, "\(value)") }
    }

    @Test func sizeReferencePerSymbol() {
        let c = PipelineConfig()
        #expect(c.sizeReference(PK.btc) == 5_000_000)
        #expect(c.sizeReference(PK.eth) == 2_500_000)
        #expect(c.sizeReference(Symbol("SOLUSDT")!) == 1_000_000)
        // ETH: $500,000 LONG over $100M traded → 0.25 × 0.4 = 0.1; 500k / 2.5M = 0.2 → size 0.06, imbalance 1 × 0.2 × 0.3 = 0.06 → 0.22 LOW.
        let (_, signals) = PK.run([
            PK.trade(PK.at(0, 1), .binanceUSDM, .buy, "2500", "40000", symbol: PK.eth),
            PK.liq(PK.at(0, 2), .binanceUSDM, .long, "2500", "200", symbol: PK.eth),
            PK.tick(PK.at(5)),
        ])
        let r = signals.compactMap(\.risk)
        #expect(r.count == 1 && r.first?.symbol == PK.eth)
        #expect(PK.close(r.first?.risk ?? .nan, 0.22) && PK.close(r.first?.sizeFactor ?? .nan, 0.06))
    }
}

@Suite("Pipeline cross-exchange cascade")
struct PipelineCrossExchangeCascadeTests {
    /// $100,000.00 each (50000 × 2).
    static func hundredK(_ t: Int64, _ stream: StreamID, _ side: LiquidatedSide = .long) -> MarketEvent {
        PK.liq(t, stream, side, "50000", "2")
    }

    /// Exactly 5 liquidations, $500,000.00, 2 exchanges, within 40 s: one event at the 5th.
    /// 4 LONG + 1 SHORT, no trades → risk over 60 s with size_ref 5M × 60/300 = $1M:
    ///   0.4 (no traded volume) + |400k − 100k| / 500k × 0.5 × 0.3 = 0.09 + 500k / 1M × 0.3 = 0.15 → 0.64 HIGH.
    @Test func exactlyAtTheThresholdsEmitsOnce() {
        let p = Pipeline()
        let first4 = [Self.hundredK(PK.at(0, 0), .binanceUSDM), Self.hundredK(PK.at(0, 10), .binanceUSDM),
                      Self.hundredK(PK.at(0, 20), .binanceUSDM), Self.hundredK(PK.at(0, 30), .bybitLinear)]
        for e in first4 { #expect(PK.feed(p, e).isEmpty) }
        let fifth = PK.feed(p, Self.hundredK(PK.at(0, 40), .bybitLinear, .short))
        #expect(fifth.count == 1)
        guard let c = fifth.first?.cascade else { Issue.record("no cascade"); return }
        #expect(c.time == PK.at(0, 40) && c.symbol == PK.btc && c.liquidations == 5)
        #expect(c.longCents == 40_000_000 && c.shortCents == 10_000_000 && c.totalCents == 50_000_000)
        #expect(c.perExchange.map(\.0) == [.binanceUSDM, .bybitLinear] && c.perExchange.map(\.1) == [3, 2])
        #expect(c.risk.window == PK.minute && c.risk.time == PK.at(0, 40) && c.risk.tradedCents == 0)
        #expect(c.risk.volumeFactor == 0.4 && PK.close(c.risk.imbalanceFactor, 0.09) && PK.close(c.risk.sizeFactor, 0.15))
        #expect(PK.close(c.risk.risk, 0.64) && c.risk.level == "HIGH")
        // A 6th and a 7th while the condition holds: no new event.
        #expect(PK.feed(p, Self.hundredK(PK.at(0, 50), .okxSwap)).isEmpty)
        #expect(PK.feed(p, Self.hundredK(PK.at(0, 55), .binanceUSDM)).isEmpty)
    }

    /// The 5 liquidations spread over 59.999 s still count.
    @Test func spreadJustUnderTheWindowEmits() {
        let times = [PK.at(0, 0), PK.at(0, 15), PK.at(0, 30), PK.at(0, 45), PK.at(0, 59, ms: 999)]
        let (_, signals) = PK.run(times.enumerated().map { Self.hundredK($0.element, $0.offset % 2 == 0 ? .binanceUSDM : .okxSwap) })
        #expect(signals.compactMap(\.cascade).map(\.time) == [times[4]])
    }

    enum Below: String, CaseIterable { case fourLiquidations, oneCentShort, oneExchange, spreadOverMoreThan60s }

    @Test(arguments: Below.allCases)
    func justBelowAThresholdDoesNotEmit(_ c: Below) {
        var events: [MarketEvent]
        switch c {
        case .fourLiquidations:   // 4 × $125,000 = $500,000 on 2 exchanges
            events = (0..<4).map { PK.liq(PK.at(0, Int64($0) * 10), $0 < 2 ? .binanceUSDM : .bybitLinear, .long, "50000", "2.5") }
        case .oneCentShort:       // 4 × $100,000 + $99,999.99 = $499,999.99
            events = (0..<4).map { Self.hundredK(PK.at(0, Int64($0) * 10), $0 < 2 ? .binanceUSDM : .bybitLinear) }
            events.append(PK.liq(PK.at(0, 40), .okxSwap, .long, "99999.99", "1"))
        case .oneExchange:        // 5 × $100,000, binance only
            events = (0..<5).map { Self.hundredK(PK.at(0, Int64($0) * 10), .binanceUSDM) }
        case .spreadOverMoreThan60s:   // the 5th 60.001 s after the 1st
            events = [0, 15, 30, 45].map { Self.hundredK(PK.at(0, Int64($0)), $0 < 30 ? .binanceUSDM : .bybitLinear) }
            events.append(Self.hundredK(PK.at(1, 0, ms: 1), .bybitLinear))
        }
        let (_, signals) = PK.run(events)
        #expect(signals.compactMap(\.cascade).isEmpty)
    }

    /// The thresholds are configurable: 3 liquidations, $1,000, 3 exchanges, 10 s.
    @Test func thresholdsAreConfigurable() {
        let config = PK.config { $0.cascadeMinLiquidations = 3; $0.cascadeMinUSD = 1_000; $0.cascadeMinExchanges = 3; $0.cascadeWindow = 10 * PK.second }
        let events = [PK.liq(PK.at(0, 0), .binanceUSDM, .long, "500", "1"), PK.liq(PK.at(0, 5), .bybitLinear, .long, "300", "1"),
                      PK.liq(PK.at(0, 9), .okxSwap, .short, "200", "1")]
        #expect(PK.run(events, config: config).1.compactMap(\.cascade).count == 1)
        var late = events; late[2] = PK.liq(PK.at(0, 10), .okxSwap, .short, "200", "1")   // the first is 10 s old: out
        #expect(PK.run(late, config: config).1.compactMap(\.cascade).isEmpty)
    }

    /// After the condition lapses (a liquidation arrives with the window no longer meeting it),
    /// the next burst emits again.
    @Test func rearmsAfterTheConditionLapses() {
        var events = (0..<6).map { Self.hundredK(PK.at(0, Int64($0) * 8), $0 % 2 == 0 ? .binanceUSDM : .bybitLinear) }
        events.append(PK.liq(PK.at(2), .bybitLinear, .short, "50000", "0.02"))   // alone in its 60 s: lapses
        events += (0..<5).map { Self.hundredK(PK.at(3, Int64($0) * 5), $0 % 2 == 0 ? .okxSwap : .bybitLinear) }
        let (_, signals) = PK.run(events)
        #expect(signals.compactMap(\.cascade).map(\.time) == [PK.at(0, 32), PK.at(3, 20)])
    }

    /// 7 liquidations, binance 4 then bybit 3, the condition first met at the 7th:
    ///   binance LONG 2 ($80,000), LONG 2.0616 ($82,464), SHORT 1.9384 ($77,536), SHORT 2 ($80,000)   at 40,000
    ///   bybit LONG 1 ($40,000) → 5 liqs, $360,000 (< $500k); LONG 1 ($40,000) → $400,000; LONG 11.88 ($475,200)
    ///   total $875,200.00; LONG 162,464 + 555,200 = $717,664 = 82%; SHORT $157,536.
    /// A binance trade of $50,000,000 in the same minute; size_ref $1M for 60 s:
    ///   volume 875,200 / 50,000,000 / 0.02 = 0.8752 → 0.35008; size 0.8752 → 0.26256;
    ///   imbalance 560,128 / 875,200 = 0.64 × 0.8752 × 0.3 = 0.1680384; risk 0.7806784 → HIGH.
    @Test func sevenLiquidationLogLineAndJSON() {
        let events: [MarketEvent] = [
            PK.trade(PK.at(0, 1), .binanceUSDM, .buy, "40000", "1250"),
            PK.liq(PK.at(0, 2), .binanceUSDM, .long, "40000", "2"),
            PK.liq(PK.at(0, 5), .binanceUSDM, .long, "40000", "2.0616"),
            PK.liq(PK.at(0, 10), .binanceUSDM, .short, "40000", "1.9384"),
            PK.liq(PK.at(0, 15), .binanceUSDM, .short, "40000", "2"),
            PK.liq(PK.at(0, 20), .bybitLinear, .long, "40000", "1"),
            PK.liq(PK.at(0, 25), .bybitLinear, .long, "40000", "1"),
            PK.liq(PK.at(0, 30), .bybitLinear, .long, "40000", "11.88"),
        ]
        let (_, signals) = PK.run(events)
        let cascades = signals.filter { $0.cascade != nil }
        #expect(cascades.count == 1)
        guard let signal = cascades.first, let c = signal.cascade else { return }
        #expect(c.time == PK.at(0, 30) && c.liquidations == 7 && c.totalCents == 87_520_000)
        #expect(c.longCents == 71_766_400 && c.shortCents == 15_753_600)
        #expect(c.risk.tradedCents == 5_000_000_000)
        #expect(PK.close(c.risk.volumeFactor, 0.35008) && PK.close(c.risk.imbalanceFactor, 0.1680384) && PK.close(c.risk.sizeFactor, 0.26256))
        #expect(PK.close(c.risk.risk, 0.7806784) && c.risk.level == "HIGH")
        let log = PK.log(signal)
        #expect(log.hasPrefix("20260101 | 00:00:30 UTC | BTCUSDT | CROSS-EXCHANGE CASCADE: 7 liquidations | $875,200.00 | LONG 82% | binance 4, bybit 3"), "\(log)")
        #expect(log == "20260101 | 00:00:30 UTC | BTCUSDT | CROSS-EXCHANGE CASCADE: 7 liquidations | $875,200.00 | LONG 82% | binance 4, bybit 3 | risk 0.7807 HIGH\n")
        #expect(PK.json(signal) == #"{"type":"cascade","recv_ns":1767225630000000000,"symbol":"BTCUSDT","risk":0.7807,"level":"HIGH","liq_usd":875200.00,"traded_usd":50000000.00,"long_usd":717664.00,"short_usd":157536.00,"factors":{"liq_volume":0.3501,"imbalance":0.1680,"size":0.2626},"liquidations":7,"usd":875200.00,"long_pct":82.0000,"exchanges":2,"per_exchange":{"binance-usdm":4,"bybit-linear":3}}"# + "\n")
    }

    /// The cascade's risk uses the traded USD of the same 60 s as its liquidations: a $1,000,000
    /// trade received 59.5 s before the 5th liquidation is inside the window.
    ///   liq $500,000 (5 × $100k, 4 LONG 1 SHORT) / traded $1,000,000 / 0.02 = 25 → capped → 0.4
    @Test func cascadeRiskCountsTradesOfTheSameSixtySeconds() {
        var events: [MarketEvent] = [PK.trade(PK.at(0, 0, ms: 500), .binanceUSDM, .buy, "50000", "20")]
        events += [1, 10, 20, 30].map { Self.hundredK(PK.at(0, Int64($0)), $0 < 20 ? .binanceUSDM : .bybitLinear) }
        events.append(Self.hundredK(PK.at(1), .bybitLinear, .short))
        let (_, signals) = PK.run(events)
        let c = signals.compactMap(\.cascade)
        #expect(c.map(\.time) == [PK.at(1)])
        #expect(c.first?.risk.tradedCents == 100_000_000, "traded \(c.first?.risk.tradedCents ?? -1) cents")
    }

    /// A SHORT-dominated cascade is labelled SHORT with the short share.
    @Test func shortDominatedLogLine() {
        let events = (0..<5).map { i in PK.liq(PK.at(0, Int64(i)), i < 3 ? .okxSwap : .bybitLinear, i == 0 ? .long : .short, "50000", "2") }
        let (_, signals) = PK.run(events)
        let log = signals.filter { $0.cascade != nil }.map(PK.log)
        #expect(log.count == 1)
        #expect(log.first?.hasPrefix("20260101 | 00:00:04 UTC | BTCUSDT | CROSS-EXCHANGE CASCADE: 5 liquidations | $500,000.00 | SHORT 80% | bybit 2, okx 3 | risk ") == true, "\(log)")
    }
}

@Suite("Pipeline liquidation spikes")
struct PipelineSpikeTests {
    /// 15-minute windows: [0,15) $10,000 · [15,30) $15,000 (exactly 1.5× → no spike)
    /// · [30,45) $22,500.01 (> 1.5 × 15,000 = 22,500) → spike at 00:45, not before.
    @Test func spikeAboveOnePointFiveTimesThePreviousWindow() {
        let p = Pipeline()
        for e in [PK.liq(PK.at(1), .binanceUSDM, .long, "50000", "0.2"),
                  PK.liq(PK.at(16), .bybitLinear, .long, "50000", "0.3"),
                  PK.liq(PK.at(31), .okxSwap, .short, "22500.01", "1"),
                  PK.tick(PK.at(45) - 1)] {
            #expect(PK.feed(p, e).allSatisfy { $0.spike == nil })
        }
        let spikes = PK.feed(p, PK.tick(PK.at(45))).filter { $0.spike != nil }
        #expect(spikes.count == 1)
        guard let signal = spikes.first, let s = signal.spike else { return }
        #expect(s.time == PK.at(45) && s.window == 15 * PK.minute && s.cents == 2_250_001 && s.previousCents == 1_500_000)
        #expect(s.ratio == 2_250_001.0 / 1_500_000.0)
        #expect(PK.json(signal) == #"{"type":"spike","recv_ns":1767228300000000000,"symbol":"BTCUSDT","window":"15m","usd":22500.01,"previous_usd":15000.00,"ratio":1.5000}"# + "\n")
        #expect(PK.log(signal) == "20260101 | 00:45:00 UTC | BTCUSDT | LIQUIDATION SPIKE: $22,500.01 in 15m | 1.5000x the previous 15m ($15,000.00)\n")
    }

    /// A previous window with $0 of liquidations never gives a spike, whether it had trades or
    /// was entirely silent; the window after it compares normally.
    @Test func previousWindowWithoutLiquidationsGivesNoSpike() {
        let (_, a) = PK.run([
            PK.trade(PK.at(1), .binanceUSDM, .buy, "100", "1"),          // [0,15): $0 of liquidations
            PK.liq(PK.at(16), .binanceUSDM, .long, "1000", "1"),          // [15,30): $1,000
            PK.liq(PK.at(31), .binanceUSDM, .long, "1000", "2"),          // [30,45): $2,000 > $1,500
            PK.tick(PK.at(45)),
        ])
        #expect(a.compactMap(\.spike).map(\.time) == [PK.at(45)])
        let (_, b) = PK.run([
            PK.liq(PK.at(1), .binanceUSDM, .long, "1000", "1"),           // [0,15): $1,000
            PK.liq(PK.at(40), .binanceUSDM, .long, "1000", "5"),          // [15,30) silent; [30,45): $5,000
            PK.tick(PK.at(45)),
        ])
        #expect(b.compactMap(\.spike).isEmpty)
    }

    @Test func ratioIsConfigurable() {
        let config = PK.config { $0.spikeRatio = 1.0; $0.spikeWindow = 5 * PK.minute }
        let (_, signals) = PK.run([
            PK.liq(PK.at(1), .binanceUSDM, .long, "1000", "1"),
            PK.liq(PK.at(6), .binanceUSDM, .long, "1000.01", "1"),        // just above 1.0×
            PK.liq(PK.at(11), .binanceUSDM, .long, "1000.01", "1"),       // equal: no
            PK.tick(PK.at(15)),
        ], config: config)
        let spikes = signals.compactMap(\.spike)
        #expect(spikes.map(\.time) == [PK.at(10)] && spikes.first?.window == 5 * PK.minute)
        #expect(spikes.first.map { PK.json(.spike($0)).contains(#""window":"5m""#) } == true)
    }
}
