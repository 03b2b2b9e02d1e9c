import Foundation
import Testing
import LiqsimCore
import LiqsimSynth

@Suite("Synth liquidation-level truth")
struct SynthLevelSnapshotTests {
    /// One snapshot per symbol per hour; the book is taken after the step's liquidations, so
    /// every long bucket starts at or below the mid and every short bucket ends at or above it.
    /// Writing the truth does not change a byte of the capture.
    @Test func snapshotsAreHourlyAndOnTheRightSideOfTheMid() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let spec = try SynthSpec.parse(synthTestSpec)
        _ = try SynthGenerator(spec: spec).run(out: tmp.path("a.lqc.zst"), truthPath: tmp.path("a.jsonl"))
        _ = try SynthGenerator(spec: spec).run(out: tmp.path("b.lqc.zst"))
        #expect(try Cap.bytes(tmp.path("a.lqc.zst")) == Cap.bytes(tmp.path("b.lqc.zst")))
        let lines = try String(contentsOfFile: tmp.path("a.jsonl"), encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            .filter { $0["type"] as? String == "liquidation_levels" }
        let hour: Int64 = 3_600_000_000_000
        #expect(lines.map { "\($0["symbol"]!) \(($0["ts_ns"] as! NSNumber).int64Value - spec.start.rawValue)" } ==
                ["BTCUSDT \(hour)", "ETHUSDT \(hour)", "BTCUSDT \(2 * hour)", "ETHUSDT \(2 * hour)"])
        for line in lines {
            let bucket = FixedDecimal(line["bucket"] as! String)!
            #expect(bucket == FixedDecimal(line["symbol"] as? String == "BTCUSDT" ? "10.0" : "1.00")!, "100 ticks")
            let mid = FixedDecimal(line["mid"] as! String)!.doubleValue
            for (side, pairs) in [("long", line["long"] as! [[Any]]), ("short", line["short"] as! [[Any]])] {
                #expect(pairs.count > 50)
                let lows = pairs.map { FixedDecimal($0[0] as! String)!.doubleValue }
                #expect(lows == lows.sorted() && Set(lows).count == lows.count)
                #expect(pairs.allSatisfy { ($0[1] as! NSNumber).doubleValue > 0 })
                if side == "long" { #expect(lows.last! <= mid) } else { #expect(lows.first! + bucket.doubleValue >= mid) }
            }
        }
    }
}
