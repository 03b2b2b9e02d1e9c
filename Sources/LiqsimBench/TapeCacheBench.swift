import Foundation
import LiqsimBacktest

/// The tape cache (issue 15): the sweep bench's scenario over captures/demo, its shared-pass
/// tape built (replay + pipeline + store) and then loaded, in the same run. Target: the
/// load ≤ 10% of the build (a second backtest over the same inputs skips the replay).
enum TapeCacheBench {
    static func run(scratchDir: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: "captures/demo/demo.lqc.zst") else {
            print("tape cache: captures/demo/demo.lqc.zst not found (make demo generates it); not measured")
            return true
        }
        let parsed = try Scenario.parse(SweepBench.scenario, file: "tape-bench.yaml")
        let directory = scratchDir + "/tape-cache-bench"
        try? FileManager.default.removeItem(atPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = TapeCache(directory: directory)
        let t0 = Date()
        let (tape, built) = try cache.tape(parsed)
        let first = Date().timeIntervalSince(t0)
        var second = Double.infinity
        var hit = true
        for _ in 0..<3 {
            let t1 = Date()
            let (_, loaded) = try cache.tape(parsed)
            second = min(second, Date().timeIntervalSince(t1))
            hit = hit && loaded.hit
        }
        let ratio = second / first
        print("tape cache: \(tape.records) records; build (replay, pipeline, store) \(fixed(first, 2)) s, load \(fixed(second * 1000, 1)) ms "
              + "= \(fixed(ratio * 100, 1))% of the build (target ≤ 10%)")
        return !built.hit && hit && ratio <= 0.10
    }
}
