import Foundation

/// Generation speed of `liqsim synth` (issue target: a 24 h, 2-symbol, 3-exchange capture
/// in under 60 s), timed on the bundled demo scenario.
enum SynthBench {
    static func run(liqsim: String, spec: String, scratchDir: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: spec) else {
            print("synth: \(spec) not found; generation speed not measured")
            return true
        }
        let out = scratchDir + "/synth-bench.lqc.zst", log = scratchDir + "/synth-bench.log"
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: log) }
        var best: ChildRun?
        for _ in 0..<2 {
            let run = try runChild([liqsim, "synth", spec, "--out", out, "--force"], stderr: log)
            guard run.succeeded else {
                print("synth: FAILED (exit \(run.exitCode)): \(readText(log))")
                return false
            }
            if best == nil || run.seconds < best!.seconds { best = run }
        }
        let summary = readText(log)
        // "<out>: N records, B bytes in S s (R records/s)"
        let records = summary.split(separator: " ").firstIndex(of: "records,").flatMap { i -> Int? in
            Int(summary.split(separator: " ")[i - 1].replacingOccurrences(of: ",", with: ""))
        } ?? 0
        let seconds = best!.seconds
        print("synth \(spec): \(grouped(records)) records in \(fixed(seconds, 2)) s wall (\(fixed(best!.userSeconds, 2)) s CPU) = \(grouped(Int(Double(records) / seconds))) records/s")
        print("  target (informational): the 24 h, 2-symbol, 3-exchange scenario in under 60 s: \(verdict(seconds < 60))")
        return true
    }
}
