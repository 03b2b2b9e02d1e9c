import Foundation

/// The analysis pipeline's cost (issue target: at most 30% over normalize-only replay):
/// `replay --format summary` with and without `--no-pipeline`, interleaved, best of `runs`.
enum PipelineBench {
    static func run(liqsim: String, capture: String, frames: Int, runs: Int) throws -> Bool {
        var with: [ChildRun] = [], without: [ChildRun] = []
        for _ in 0..<runs {
            without.append(try runChild([liqsim, "replay", capture, "--speed", "max", "--format", "summary", "--no-pipeline"]))
            with.append(try runChild([liqsim, "replay", capture, "--speed", "max", "--format", "summary"]))
        }
        guard let a = without.filter(\.succeeded).min(by: { $0.seconds < $1.seconds }),
              let b = with.filter(\.succeeded).min(by: { $0.seconds < $1.seconds }) else {
            print("pipeline: FAILED (a replay did not succeed)")
            return false
        }
        let cpuA = a.userSeconds + a.systemSeconds, cpuB = b.userSeconds + b.systemSeconds
        let overhead = (cpuB / cpuA - 1) * 100
        print("pipeline (views + bars + sentiment + cascade), best of \(runs):")
        print("  replay --no-pipeline      \(fixed(a.seconds, 3)) s wall  \(fixed(cpuA, 2)) s CPU  \(grouped(Int(Double(frames) / a.seconds))) frames/s")
        print("  replay (pipeline on)      \(fixed(b.seconds, 3)) s wall  \(fixed(cpuB, 2)) s CPU  \(grouped(Int(Double(frames) / b.seconds))) frames/s")
        print("  pipeline cost: \(fixed(overhead, 1))% CPU over normalize-only; target ≤ 30%: \(verdict(overhead <= 30))")
        return true
    }
}
