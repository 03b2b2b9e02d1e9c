import Foundation
import LiqsimBacktest

/// `liqsim-bench --only backtest --scenario FILE`: `BacktestRun.run` in this process (shared
/// pass, sweep, result files; not report.html, which the CLI draws afterwards), with its
/// phases, so two builds compare phase by phase (and a profiler sees only this work).
enum BacktestInProcess {
    static func run(scenario path: String, runs: Int, scratchDir: String) throws -> Bool {
        let scenario = try Scenario.load(path: path)
        let out = scratchDir + "/backtest-in-process"
        defer { try? FileManager.default.removeItem(atPath: out) }
        var best: [Double]?
        for _ in 0..<runs {
            let started = monotonicSeconds()
            guard let run = try BacktestRun.run(scenario: scenario, out: out, jobs: ProcessInfo.processInfo.activeProcessorCount) else { return false }
            let wall = monotonicSeconds() - started
            try? FileManager.default.removeItem(atPath: out)
            let sweep = run.sweepTime / .seconds(1), total = run.totalTime / .seconds(1)
            let before = run.tape.seconds + run.shared.regimeSeconds + run.shared.signalSeconds + sweep
            let phases = [wall, run.tape.seconds, run.shared.regimeSeconds + run.shared.signalSeconds, sweep, total - before]
            if best == nil || wall < best![0] { best = phases }
            print("digest: \(run.written.digest)")
        }
        guard let b = best else { return false }
        print("backtest \(scenario.name) (in process, \(scenario.grid.count) runs, best of \(runs)): \(fixed(b[0], 3)) s = replay \(fixed(b[1], 3))"
              + " + regimes and signals \(fixed(b[2], 3)) + sweep \(fixed(b[3], 3)) + result files \(fixed(b[4], 3)) s")
        return true
    }
}
