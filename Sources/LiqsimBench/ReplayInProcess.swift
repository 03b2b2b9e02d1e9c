import Foundation
import LiqsimCore
import LiqsimReplay
import LiqsimPipeline
import LiqsimSession

/// `liqsim-bench --only replay`: the `replay --speed max` library call (`ReplayRun`, pipeline
/// on) in this process, with no child to spawn, so a profiler sees only the hot path:
/// `valgrind --tool=callgrind .build/release/liqsim-bench --only replay --frames 250000`
/// counts instructions that do not move with the machine's load.
enum ReplayInProcess {
    static func run(capture: String, format: ReplayFormat, pipeline: Bool) throws -> Bool {
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let started = monotonicSeconds()
        let summary = try ReplayRun(paths: [capture], options: ReplayOptions(), format: format,
                                    pipeline: pipeline ? PipelineConfig() : nil, output: devNull).run()
        let seconds = monotonicSeconds() - started
        print("replay (in process, \(format), pipeline \(pipeline ? "on" : "off")): \(grouped(summary.records)) records, "
              + "\(grouped(summary.eventsEmitted)) events in \(fixed(seconds, 3)) s = \(grouped(Int(Double(summary.records) / seconds))) records/s")
        print("digest: \(summary.digest ?? "-")")
        return summary.incompleteReason == nil
    }
}
