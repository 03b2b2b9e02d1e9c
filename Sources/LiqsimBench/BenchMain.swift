import Foundation
import LiqsimRegimes
import LiqsimSession

/// `liqsim-bench --liqsim PATH [--frames 1000000] [--out captures/bench/bench.lqc.zst] [--runs 3] [--keep] [--fresh]`
///
/// Builds (or reuses) a deterministic ≥1M-frame capture of real frame shapes, then times
/// `zstd -dc` (the physical floor) and `liqsim replay --speed max` (summary and jsonl),
/// best of `--runs`, with the child's peak RSS from wait4 — also on a capture 10× as long,
/// to show memory does not grow with the capture. Then times `liqsim synth` on the demo scenario,
/// and the regime regressions in-process (`--only regimes` runs just those).
@main
struct LiqsimBench {
    struct Options {
        var liqsim = ""
        var frames = 1_000_000
        var out = "captures/bench/bench.lqc.zst"
        var runs = 3
        var keep = false
        var fresh = false
        var synthSpec = "scenarios/synth/demo.yaml"
        var only: String?
        var format = ReplayFormat.summary
        var pipeline = true
        var oneThread = false
        /// `--runs` was given (`--only replay` runs once unless it was).
        var runsGiven = false
        var capture: String?
        var scenario = "scenarios/cascade.yaml"
    }

    static let usage = """
        usage: liqsim-bench --liqsim PATH [--frames N] [--out FILE] [--runs N] [--keep] [--fresh]
          --liqsim PATH   the liqsim binary to time (e.g. .build/release/liqsim)
          --frames N      frames in the bench capture (default 1000000; a second capture of 10 N, 10× as long, is also built)
          --out FILE      capture path (default captures/bench/bench.lqc.zst; reused when it matches N and the generator)
          --runs N        timed runs per command, best taken (default 3)
          --keep          keep every run's stdout/stderr logs next to the capture (default: delete them)
          --fresh         regenerate the captures even when cached ones match
          --synth-spec F  scenario whose generation speed is timed (default scenarios/synth/demo.yaml)
          --only regimes  run only the in-process regime regressions bench (no --liqsim needed)
          --only sweep    run only the in-process backtest sweep bench over captures/demo (no --liqsim needed)
          --only replay   replay the --out capture in this process (ReplayRun, for profilers; no --liqsim needed)
          --format F      with --only replay: summary (default) or jsonl (to /dev/null)
          --no-pipeline   with --only replay: normalize only
          --one-thread    with --only replay: the sinks on the engine's thread (no AnalysisThread), to compare
                          (--runs N with --only replay: N timed runs, best taken; default one)
          --capture FILE  with --only replay: replay FILE (any capture) instead of the bench capture
          --only backtest run --scenario FILE (default scenarios/cascade.yaml) in this process, phase by phase
          --only cascade-risk  run only the precision/recall of cascade risk ≥ HIGH against captures/demo's truth
          --only tape     run only the tape-cache bench (build vs load of the shared pass's tape over captures/demo)
          --only report   run only the report.html bench (render N and 4N runs in process: linear in runs)
          --only end-to-end  run only `liqsim backtest` end to end (demo, 1,000-run grid, tape cache hit; needs --liqsim)
        """

    static func main() {
        BLASThreads.pinToOne()   // as liqsim's main does: OpenBLAS's idle threads off the two cores
        do {
            let options = try parse(Array(CommandLine.arguments.dropFirst()))
            exit(try run(options) ? 0 : 1)
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("liqsim-bench: \(error)\n\(usage)\n".utf8))
            exit(2)
        } catch {
            FileHandle.standardError.write(Data("liqsim-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    struct UsageError: Error, CustomStringConvertible { var description: String }

    static func parse(_ args: [String]) throws -> Options {
        var o = Options(), i = 0
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw UsageError(description: "\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--liqsim": o.liqsim = try value()
            case "--frames":
                guard let n = Int(try value().replacingOccurrences(of: "_", with: "")), n >= 8 else { throw UsageError(description: "bad --frames") }
                o.frames = n
            case "--out": o.out = try value()
            case "--runs":
                guard let n = Int(try value()), n >= 1 else { throw UsageError(description: "bad --runs") }
                o.runs = n
                o.runsGiven = true
            case "--keep": o.keep = true
            case "--fresh": o.fresh = true
            case "--synth-spec": o.synthSpec = try value()
            case "--only":
                let part = try value()
                guard ["regimes", "sweep", "replay", "backtest", "cascade-risk", "tape", "report", "end-to-end"].contains(part) else {
                    throw UsageError(description: "--only takes: regimes, sweep, replay, backtest, cascade-risk, tape, report, end-to-end")
                }
                o.only = part
            case "--format":
                guard let f = ReplayFormat(rawValue: try value()), f == .summary || f == .jsonl else { throw UsageError(description: "--format takes: summary, jsonl") }
                o.format = f
            case "--no-pipeline": o.pipeline = false
            case "--one-thread": o.oneThread = true
            case "--capture": o.capture = try value()
            case "--scenario": o.scenario = try value()
            case "-h", "--help": print(usage); exit(0)
            default: throw UsageError(description: "unknown argument \(args[i])")
            }
            i += 1
        }
        if o.only != nil && o.only != "end-to-end" { return o }
        guard !o.liqsim.isEmpty else { throw UsageError(description: "--liqsim is required") }
        guard FileManager.default.isExecutableFile(atPath: o.liqsim) else { throw UsageError(description: "\(o.liqsim) is not an executable") }
        return o
    }

    /// Runs everything and prints the report; false when something failed.
    static func run(_ o: Options) throws -> Bool {
        if o.only == "regimes" { return RegimeBench.run(runs: o.runs) }
        if o.only == "replay" {
            let capture = try o.capture ?? CaptureBuilder.obtain(path: o.out, frames: o.frames, fresh: o.fresh).path
            return try ReplayInProcess.run(capture: capture, format: o.format, pipeline: o.pipeline, oneThread: o.oneThread,
                                           runs: o.runsGiven ? o.runs : 1)
        }
        if o.only == "backtest" { return try BacktestInProcess.run(scenario: o.scenario, runs: o.runs, scratchDir: NSTemporaryDirectory()) }
        if o.only == "sweep" { return try SweepBench.run(runs: o.runs, scratchDir: NSTemporaryDirectory()) }
        if o.only == "tape" { return try TapeCacheBench.run(scratchDir: NSTemporaryDirectory()) }
        if o.only == "report" { return ReportBench.run() }
        if o.only == "cascade-risk" { return try CascadeRiskBench.run() }
        if o.only == "end-to-end" { return try BacktestBench.run(liqsim: o.liqsim, runs: o.runs, scratchDir: NSTemporaryDirectory()) }
        let longPath = o.out.hasSuffix(".lqc.zst") ? String(o.out.dropLast(8)) + "-10x.lqc.zst" : o.out + ".10x"
        let full = try CaptureBuilder.obtain(path: o.out, frames: o.frames, fresh: o.fresh)
        let long = try CaptureBuilder.obtain(path: longPath, frames: o.frames * 10, fresh: o.fresh)
        let logDir = (o.out as NSString).deletingLastPathComponent
        let bench = Bench(liqsim: o.liqsim, runs: o.runs, logDir: logDir.isEmpty ? "." : logDir, keepLogs: o.keep)

        _ = try runChild(["zstd", "-dc", full.path])   // warm the page cache
        let load = machineLoad(), capacity = MachineCapacity.coresForTwoThreads()
        let fullResults = try bench.measure(full)
        let longResults = try bench.measure(long, runs: 1)   // memory and digests; one timed run each

        let report = Report(liqsim: o.liqsim, runs: o.runs)
        print("liqsim-bench: \(o.liqsim) · best of \(o.runs) runs each · \(load.cpus) CPUs, load average \(fixed(load.load, 2)) before timing")
        if load.load > Double(load.cpus) / 2 {
            print("  note: the machine is busy; wall-clock figures are noisy, the CPU-time (user+sys) figures less so")
        }
        print(MachineCapacity.line(capacity))
        report.printCapture(full, title: "capture")
        report.printRuns(fullResults, capture: full)
        print("")
        report.printCapture(long, title: "10× capture (memory check)")
        report.printRuns(longResults, capture: long)
        print("")
        let replayOK = report.printVerdict(full: fullResults, long: longResults, capture: full)
        report.printPeers(fullResults, capture: full, orjson: PythonPeers.orjsonReader(capture: full.path, runs: o.runs, scratch: logDir.isEmpty ? "." : logDir))
        try OneCoreCeiling.print(liqsim: o.liqsim, results: fullResults, capture: full, runs: o.runs, scratch: logDir.isEmpty ? "." : logDir)
        print("")
        let pipelineOK = try PipelineBench.run(liqsim: o.liqsim, capture: full.path, frames: o.frames, runs: o.runs)
        print("")
        let synthOK = try SynthBench.run(liqsim: o.liqsim, spec: o.synthSpec, scratchDir: logDir.isEmpty ? "." : logDir)
        print("")
        let regimesOK = RegimeBench.run(runs: o.runs)
        print("")
        let sweepOK = try SweepBench.run(runs: o.runs, scratchDir: logDir.isEmpty ? "." : logDir)
        print("")
        let backtestOK = try BacktestBench.run(liqsim: o.liqsim, runs: o.runs, scratchDir: logDir.isEmpty ? "." : logDir)
        print("")
        let reportOK = ReportBench.run()
        print("")
        let recordOK = try RecordBench.run(liqsim: o.liqsim, capture: full.path, scratchDir: logDir.isEmpty ? "." : logDir)
        print("")
        let cascadeRiskOK = try CascadeRiskBench.run()
        print("")
        let tapeOK = try TapeCacheBench.run(scratchDir: logDir.isEmpty ? "." : logDir)
        return cascadeRiskOK && replayOK && pipelineOK && synthOK && regimesOK && sweepOK && backtestOK && reportOK && recordOK && tapeOK
    }
}
