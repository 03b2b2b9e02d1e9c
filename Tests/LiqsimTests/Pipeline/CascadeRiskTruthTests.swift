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
    /// The 2-hour test market (`synthTestSpec`: a $300M long cascade provoked at 01:00 plus
    /// organic ones), replayed through the pipeline. Measured on this market:
    /// MEASURED_TEXT
    @Test func precisionAndRecallOnAGeneratedMarket() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("m.lqc.zst"), truth = tmp.path("m-truth.jsonl")
        _ = try SynthGenerator(spec: try SynthSpec.parse(synthTestSpec)).run(out: capture, truthPath: truth)
        let m = try CascadeRiskCheck.measure(paths: [capture], truth: truth)
        print("cascade risk ≥ HIGH: \(m.trueCascades) true cascades, \(m.window.evaluations) evaluations; window \(m.window); bar \(m.bar); base rate \(m.baseRate)")
        #expect(m.trueCascades >= 1)
        #expect(m.window.precision >= 0 && m.window.recall >= 0)
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
