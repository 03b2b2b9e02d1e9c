import Foundation
import Testing
import LiqsimCore
import LiqsimPipeline
import LiqsimSession
import LiqsimSynth

/// "Cascade risk ≥ HIGH" against the generator's true cascades (docs/pipeline.md,
/// "Cascade risk": measured), and the risk in the bar of a hand-built cascade.
@Suite("Cascade risk against the truth")
struct CascadeRiskTruthTests {
    /// A 4-hour market: `synthTestSpec`'s symbols and traders, a $300M long cascade provoked
    /// on BTC at 01:00, a $150M short squeeze on ETH at 02:30, a $200M long cascade on BTC at
    /// 03:20, and whatever organic cascades the positions make.
    static let spec = """
        name: risk
        seed: 12
        start: 2026-03-01T00:00:00Z
        duration: 4h
        symbols:
          - {symbol: BTCUSDT, price: 80000, volatility: 0.5}
          - {symbol: ETHUSDT, price: 3000, volatility: 0.6, activity: 0.6}
        traders: {trade_rate: 2, open_rate: 0.5, initial_positions: 1500, holding_mean: 1h}
        cadence: {mark: 1s, open_interest: 3s, funding: 60s, rest: 5m}
        regimes:
          - {at: 00:00, duration: 50m, kind: range}
          - {at: 00:50, duration: 70m, kind: trend_down, strength: 0.004}
          - {at: 02:00, duration: 2h, kind: range}
        shocks:
          - {at: "01:00", symbol: BTCUSDT, direction: down, size_usd: 300000000, duration: 60s}
          - {at: "02:30", symbol: ETHUSDT, direction: up, size_usd: 150000000, duration: 60s}
          - {at: "03:20", symbol: BTCUSDT, direction: down, size_usd: 200000000, duration: 60s}
        """

    /// Measured on that market (deterministic: same seed, same numbers): 7 true cascades,
    /// 478 risk evaluations (one per symbol per bar close), 7.5% of them true cascades under
    /// window scoring (the floor: the precision of flagging everything).
    /// - window scoring (a true cascade overlaps the risk's 5-minute window): 17 flagged, all
    ///   17 true — precision 100%; 17 of the 36 true cases flagged — recall 47%. The missed
    ///   ones are the organic $1–2M cascades, which the size factor keeps MODERATE.
    /// - bar scoring (a true cascade overlaps the bar that closed): precision 3/17 = 18%
    ///   (the trailing window keeps the risk HIGH for bars after a cascade), recall 3/8 = 38%.
    @Test func precisionAndRecallOnAGeneratedMarket() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("m.lqc.zst"), truth = tmp.path("m-truth.jsonl")
        _ = try SynthGenerator(spec: try SynthSpec.parse(Self.spec)).run(out: capture, truthPath: truth)
        let m = try CascadeRiskCheck.measure(paths: [capture], truth: truth)
        #expect(m.trueCascades == 7 && m.window.evaluations == 478 && m.bar.evaluations == 478)
        #expect(m.window == CascadeRiskCheck.Score(evaluations: 478, truePositives: 17, falsePositives: 0, falseNegatives: 19), "\(m.window)")
        #expect(m.bar == CascadeRiskCheck.Score(evaluations: 478, truePositives: 3, falsePositives: 14, falseNegatives: 5), "\(m.bar)")
        #expect(m.window.precision == 1 && abs(m.window.recall - 17.0 / 36) < 1e-12 && abs(m.baseRate - 36.0 / 478) < 1e-12)
    }

    /// A hand-built cascade inside one bar: steady trades of $2M a minute, then within
    /// 00:10:05–00:10:40 twelve LONG liquidations of $400,000 on three exchanges ($4.8M).
    /// The risk at the close of that bar (00:11) is CRITICAL; at every close before it,
    /// LOW. The dashboard's trailing risk already reads it mid-bar, at 00:10:45.
    @Test func riskRisesInTheBarOfTheCascade() {
        let p = Pipeline()
        var risks: [CascadeRisk] = []
        var events: [MarketEvent] = (0..<11).map { PK.trade(PK.at(Int64($0), 30), .binanceUSDM, .buy, "80000", "25") }
        let streams: [StreamID] = [.binanceUSDM, .bybitLinear, .okxSwap]
        events += (0..<12).map { k in PK.liq(PK.at(10, 5 + Int64(k) * 3), streams[k % 3], .long, "80000", "5") }
        for e in events.sorted(by: { $0.recv < $1.recv }) { risks += PK.feed(p, e).compactMap(\.risk) }
        p.refreshSnapshot(at: PK.at(10, 45))
        let now = p.marketStates.first?.riskNow
        #expect(now.map { $0.level == "CRITICAL" && $0.longCents == 480_000_000 } == true, "\(String(describing: now))")
        risks += PK.feed(p, PK.tick(PK.at(11))).compactMap(\.risk)
        #expect(risks.map(\.time) == (1...11).map { PK.at(Int64($0)) })
        #expect(risks.dropLast().allSatisfy { $0.level == "LOW" && $0.risk == 0 })
        let last = risks.last
        #expect(last.map { $0.time == PK.at(11) && $0.level == "CRITICAL" && $0.longCents == 480_000_000 } == true)
        // 4.8M / 10M traded / 0.02 → 0.4; 4.8M / 5M = 0.96 → size 0.288, imbalance 1 × 0.96 × 0.3 = 0.288.
        #expect(last.map { PK.close($0.risk, 0.976) } == true, "\(String(describing: last))")
    }
}
