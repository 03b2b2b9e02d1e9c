import Foundation
import LiqsimBacktest

/// Sweep throughput (issue 6, bench b): a 1,000-point weight grid over the demo capture,
/// timed after the shared pass, in bar·runs per second (target ≥ 100,000,000 on 2 cores).
/// Baseline in the same run: the same 1,000 target-position series marked to market with
/// fees by a vectorised numpy program (what a Python sweep does, with less work: no
/// latency, no funding, no trade ledger), when python3 with numpy is present.
enum SweepBench {
    static let scenario = """
        name: sweep-bench
        data: {captures: [captures/demo], symbols: [BTCUSDT]}
        bar: 1m
        account: {equity_usd: 100000, max_leverage: 3}
        execution: {fee_bps: 4, slippage_bps: 1, latency_ms: 100, funding: true}
        strategies:
          trend:   {weight: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], window: 60}
          range:   {weight: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], z_entry: 2.0}
          cascade: {weight: [0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6, 1.8, 2], mode: fade}
        pipeline: {sentiment_interval: 5m}
        regimes: {z_lookback: 6h}
        """

    static func run(runs: Int, scratchDir: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: "captures/demo/demo.lqc.zst") else {
            print("sweep: captures/demo/demo.lqc.zst not found (make demo generates it); sweep not measured")
            return true
        }
        let parsed = try Scenario.parse(scenario, file: "sweep-bench.yaml")
        let sharedStart = Date()
        let shared = SharedPass(scenario: parsed, tape: try MarketTape.build(parsed))
        let sharedSeconds = Date().timeIntervalSince(sharedStart)
        let points = Array(0..<parsed.grid.count)
        let bars = shared.tape.symbols[0].count
        let barRuns = Double(bars * points.count)
        print("sweep: \(points.count) grid points × \(bars) bars = \(grouped(Int(barRuns))) bar·runs over captures/demo (BTCUSDT, 1m)")
        print("  shared pass (replay, pipeline, regimes, signals, fill schedules) once: \(fixed(sharedSeconds, 2)) s")
        var best: [Int: Double] = [:]
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for jobs in Set([1, cores]).sorted() {
            for record in [false, true] {
                var fastest = Double.infinity, cpu = Double.infinity
                for _ in 0..<max(10, runs) {   // ~20 ms each: enough repeats to see a quiet moment
                    let t = Date(), c = processCPUSeconds()
                    _ = SweepEngine.run(shared, points: points, jobs: jobs, recordCurves: record)
                    fastest = min(fastest, Date().timeIntervalSince(t))
                    cpu = min(cpu, processCPUSeconds() - c)
                }
                if !record { best[jobs] = fastest }
                print("  \(jobs) thread\(jobs == 1 ? " " : "s")\(record ? ", keeping equity curves" : ", metrics only        "): "
                      + "\(fixed(fastest * 1000, 1)) ms wall = \(fixed(barRuns / fastest / 1e6, 1)) M bar·runs/s; "
                      + "\(fixed(cpu * 1000, 1)) ms CPU = \(fixed(barRuns / cpu / 1e6, 1)) M bar·runs per CPU-second")
            }
        }
        let ours = barRuns / (best[cores] ?? best[1]!)
        if let numpy = numpyBaseline(shared: shared, scratchDir: scratchDir) {
            print("  baseline: numpy vectorised mark-to-market of the same 1,000 position series: \(fixed(numpy / 1e6, 1)) M bar·runs/s; liqsim \(fixed(ours / numpy, 1))× that")
        } else {
            print("  baseline: python3 with numpy not found; no numpy baseline")
        }
        if let vbt = SweepPeers.vectorbt(shared: shared, scratchDir: scratchDir) {
            print("  peer: open-source vectorbt, same close series and \(points.count) runs: \(fixed(vbt / 1e6, 2)) M bar·runs/s; liqsim \(fixed(ours / vbt, 1))× that")
        }
        print("  target ≥ 100 M bar·runs/s on \(cores) cores (metrics only): \(verdict(ours >= 1e8))")
        return true
    }

    /// User + system time of this process so far (all threads).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Writes close prices and each run's combined target (−1…1) as float64 and times a
    /// numpy sweep over them (best of 5).
    static func numpyBaseline(shared: SharedPass, scratchDir: String) -> Double? {
        let input = scratchDir + "/sweep-baseline.f64", script = scratchDir + "/sweep-baseline.py"
        defer { try? FileManager.default.removeItem(atPath: input); try? FileManager.default.removeItem(atPath: script) }
        let tape = shared.tape.symbols[0]
        var values = tape.close
        for k in 0..<shared.scenario.grid.count { values += shared.combinedTarget(for: shared.scenario.grid.point(k)) }
        let data = float64Data(values)
        guard (try? data.write(to: URL(fileURLWithPath: input))) != nil else { return nil }
        let program = """
            import sys, time, numpy as np
            bars = \(tape.count)
            a = np.fromfile(sys.argv[1], dtype=np.float64)
            close, targets = a[:bars], a[bars:].reshape(-1, bars)
            best = 1e9
            for _ in range(5):
                t = time.perf_counter()
                r = np.diff(close) / close[:-1]
                pos = targets[:, :-1] * 3.0
                turnover = np.abs(np.diff(targets * 3.0, axis=1, prepend=0.0))[:, :-1]
                returns = pos * r - turnover * 0.0005
                equity = np.cumprod(1.0 + returns, axis=1)
                peak = np.maximum.accumulate(equity, axis=1)
                dd = ((peak - equity) / peak).max(axis=1)
                sharpe = returns.mean(axis=1) / (returns.std(axis=1) + 1e-12)
                best = min(best, time.perf_counter() - t)
            print(targets.size / best)
            """
        guard (try? program.write(toFile: script, atomically: true, encoding: .utf8)) != nil,
              let out = try? runChild(["python3", script, input], stdout: input + ".out"), out.succeeded else { return nil }
        defer { try? FileManager.default.removeItem(atPath: input + ".out") }
        return Double(readText(input + ".out").trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
