import Foundation
import LiqsimCore
import LiqsimReplay
import LiqsimPipeline
import LiqsimSession

/// `liqsim-bench --only replay`: the `replay --speed max` library call (`ReplayRun`, pipeline
/// on) in this process, with no child to spawn, so a profiler sees only the hot path:
/// `valgrind --tool=callgrind .build/release/liqsim-bench --only replay --frames 250000`
/// counts instructions that do not move with the machine's load. `oneThread` keeps the
/// sinks on the engine's thread (the path before `AnalysisThread`), to compare.
enum ReplayInProcess {
    static func run(capture: String, format: ReplayFormat, pipeline: Bool, oneThread: Bool = false, runs: Int = 1) throws -> Bool {
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        var best = Double.infinity, bestCPU = Double.infinity, ok = true
        let path = oneThread ? "one thread" : "analysis thread"
        for _ in 0..<max(runs, 1) {
            let started = monotonicSeconds(), cpuStarted = processCPUSeconds()
            let summary = try ReplayRun(paths: [capture], options: ReplayOptions(), format: format,
                                        pipeline: pipeline ? PipelineConfig() : nil, output: devNull, analysisThread: !oneThread).run()
            let seconds = monotonicSeconds() - started, cpu = processCPUSeconds() - cpuStarted
            best = min(best, seconds)
            bestCPU = min(bestCPU, cpu)
            print("replay (in process, \(format), pipeline \(pipeline ? "on" : "off"), \(path)): \(grouped(summary.records)) records, "
                  + "\(grouped(summary.eventsEmitted)) events in \(fixed(seconds, 3)) s wall, \(fixed(cpu, 3)) CPU-s = "
                  + "\(grouped(Int(Double(summary.records) / seconds))) records/s")
            print("digest: \(summary.digest ?? "-")")
            ok = ok && summary.incompleteReason == nil
        }
        if runs > 1 { print("best of \(runs): \(fixed(best, 3)) s wall, \(fixed(bestCPU, 3)) CPU-s (\(path))") }
        return ok
    }

    /// User + system CPU time of this process so far (every thread).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
