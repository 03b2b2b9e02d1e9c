import Foundation
import LiqsimBacktest

/// The sweep's open-source peer, in the same run: vectorbt (`Portfolio.from_orders` with
/// target-percent sizes, fees and slippage; Sharpe ratio and maximum drawdown per run) over
/// the same close series and the same runs' target positions (scripts/bench/vectorbt_sweep.py).
enum SweepPeers {
    /// vectorbt's bar·runs per second (best of 3 after its compilation), or nil after a
    /// message saying why it was skipped.
    static func vectorbt(shared: SharedPass, scratchDir: String) -> Double? {
        let script = "scripts/bench/vectorbt_sweep.py"
        guard FileManager.default.fileExists(atPath: script) else { print("  vectorbt: \(script) not found; skipped"); return nil }
        let env = PythonPeers.ready(modules: ["vectorbt"], packages: ["vectorbt"], scratch: scratchDir)
        guard let python = env.python else { print("  vectorbt: skipped (\(env.reason))"); return nil }
        let input = scratchDir + "/sweep-vectorbt.f64", out = input + ".out"
        defer { unlink(input); unlink(out) }
        let tape = shared.tape.symbols[0]
        var values = tape.close
        for k in 0..<shared.scenario.grid.count { values += shared.combinedTarget(for: shared.scenario.grid.point(k)) }
        guard (try? SweepBench.float64Data(values).write(to: URL(fileURLWithPath: input))) != nil else { print("  vectorbt: cannot write \(input); skipped"); return nil }
        let execution = shared.scenario.grid.point(0)
        let fee = execution.number("execution.fee_bps"), slippage = execution.number("execution.slippage_bps")
        let run = try? runChild([python, script, input, String(tape.count), String(fee), String(slippage)], stdout: out, stderr: out)
        let text = readText(out)
        guard let run, run.succeeded, let line = text.split(separator: "\n").last(where: { $0.hasPrefix("bar_runs_per_second ") }) else {
            print("  vectorbt: FAILED: \(text.split(separator: "\n").suffix(3).joined(separator: " / "))")
            return nil
        }
        let words = line.split(separator: " ")
        print("  vectorbt (\(words.dropFirst(2).joined(separator: " ")))")
        return Double(words[1])
    }
}
