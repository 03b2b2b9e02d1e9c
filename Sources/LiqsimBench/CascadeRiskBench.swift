import Foundation
import LiqsimSession

/// Issue 12: how well "cascade risk ≥ HIGH" finds the generator's true cascades on the
/// demo market (captures/demo, `liqsim synth --truth`), against the floor of flagging every
/// evaluation (precision = the base rate). In-process: the pipeline over the capture.
enum CascadeRiskBench {
    static let capture = "captures/demo/demo.lqc.zst", truth = "captures/demo/demo-truth.jsonl"

    static func run() throws -> Bool {
        guard FileManager.default.fileExists(atPath: capture), FileManager.default.fileExists(atPath: truth) else {
            print("cascade risk: \(capture) or \(truth) not found (make demo builds both); precision/recall not measured")
            return true
        }
        let start = Date()
        let m = try CascadeRiskCheck.measure(paths: [capture], truth: truth)
        let seconds = Date().timeIntervalSince(start)
        func line(_ name: String, _ s: CascadeRiskCheck.Score) -> String {
            "  \(name): precision \(fixed(s.precision * 100, 1))% (\(s.truePositives) of \(s.truePositives + s.falsePositives) flagged), "
                + "recall \(fixed(s.recall * 100, 1))% (\(s.truePositives) of \(s.truePositives + s.falseNegatives) true)"
        }
        print("cascade risk ≥ HIGH vs the truth: \(capture), \(m.trueCascades) true cascades, \(grouped(m.window.evaluations)) evaluations (one per symbol per bar close); \(fixed(seconds, 2)) s")
        print(line("window scoring (a true cascade overlaps the risk's 5m window)", m.window))
        print(line("bar scoring (a true cascade overlaps the bar that closed)   ", m.bar))
        print("  floor: flagging every evaluation has precision \(fixed(m.baseRate * 100, 1))%; ≥ HIGH is \(fixed(m.window.precision / m.baseRate, 1))× that")
        return true
    }
}
