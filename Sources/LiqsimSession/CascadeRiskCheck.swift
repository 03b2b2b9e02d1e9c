import Foundation
import LiqsimCore
import LiqsimPipeline
import LiqsimReplay

/// How well "cascade risk ≥ HIGH" finds the cascades that really happened, on a generated
/// market whose truth is known (`liqsim synth --truth`, its `cascade` lines). Used by the
/// tests and `make bench` (docs/pipeline.md, "Cascade risk: measured").
///
/// Every cascade-risk evaluation (one per symbol per bar close) is one case. It is a true
/// cascade when a true cascade of the symbol overlaps the risk's window [T − window, T)
/// (`window` scoring) or the bar that just closed, [T − bar, T) (`bar` scoring); it is
/// flagged when the risk is ≥ the threshold (HIGH: 0.6).
public enum CascadeRiskCheck {
    public struct TrueCascade: Sendable, Equatable {
        public var symbol: String
        /// First and last liquidation (exchange time, ns).
        public var start: Int64, end: Int64
    }

    public struct Score: Sendable, Equatable {
        public var evaluations = 0, truePositives = 0, falsePositives = 0, falseNegatives = 0

        public init(evaluations: Int = 0, truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
            self.evaluations = evaluations; self.truePositives = truePositives
            self.falsePositives = falsePositives; self.falseNegatives = falseNegatives
        }
        /// Flagged cases that were true cascades (NaN when nothing was flagged).
        public var precision: Double { Double(truePositives) / Double(truePositives + falsePositives) }
        /// True cascade cases that were flagged (NaN without any).
        public var recall: Double { Double(truePositives) / Double(truePositives + falseNegatives) }
    }

    /// The `cascade` lines of a truth file.
    public static func load(truth path: String) throws -> [TrueCascade] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CascadeTruthError(path: path, line: nil, message: "cannot read the truth file")
        }
        var out: [TrueCascade] = []
        for (n, line) in text.split(separator: "\n").enumerated() where line.hasPrefix("{\"type\":\"cascade\"") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let symbol = object["symbol"] as? String, let start = object["start_ns"] as? NSNumber, let end = object["end_ns"] as? NSNumber else {
                throw CascadeTruthError(path: path, line: n + 1, message: "malformed cascade line")
            }
            out.append(TrueCascade(symbol: symbol, start: start.int64Value, end: end.int64Value))
        }
        return out
    }

    /// Replays the captures through the pipeline and keeps every cascade-risk signal.
    public static func risks(paths: [String], config: PipelineConfig = PipelineConfig()) throws -> [CascadeRisk] {
        let collector = RiskCollector()
        _ = try ReplayEngine(paths: paths, options: ReplayOptions()).run(into: AnalysisLoop(config: config, sinks: [collector]))
        return collector.risks
    }

    /// Scores the risks against the true cascades over each risk's `span` before its time
    /// (its own window, or one bar).
    public static func score(_ risks: [CascadeRisk], truth: [TrueCascade], span: (CascadeRisk) -> Int64,
                             threshold: Double = 0.6) -> Score {
        var bySymbol: [String: [TrueCascade]] = [:]
        for c in truth { bySymbol[c.symbol, default: []].append(c) }
        var s = Score()
        for r in risks {
            let from = r.time - span(r)
            let real = bySymbol[r.symbol.description]?.contains { $0.start < r.time && $0.end >= from } ?? false
            let flagged = r.risk >= threshold
            s.evaluations += 1
            if flagged && real { s.truePositives += 1 } else if flagged { s.falsePositives += 1 } else if real { s.falseNegatives += 1 }
        }
        return s
    }
}

extension CascadeRiskCheck {
    /// Both scorings of one replay, and how many true cascades the truth holds.
    public struct Measurement: Sendable {
        public var window: Score, bar: Score
        public var trueCascades: Int
        /// The share of evaluations that are true cascades (window scoring): the precision
        /// of flagging every evaluation, the floor any signal must beat.
        public var baseRate: Double { Double(window.truePositives + window.falseNegatives) / Double(window.evaluations) }
    }

    /// Replays `paths`, reads the truth file, scores "risk ≥ threshold" both ways.
    public static func measure(paths: [String], truth: String, config: PipelineConfig = PipelineConfig(), threshold: Double = 0.6) throws -> Measurement {
        let cascades = try load(truth: truth)
        let risks = try risks(paths: paths, config: config)
        let bar = config.riskEvery
        return Measurement(window: score(risks, truth: cascades, span: { $0.window }, threshold: threshold),
                           bar: score(risks, truth: cascades, span: { _ in bar }, threshold: threshold), trueCascades: cascades.count)
    }
}

/// A truth file that cannot be read: the file, the line (1-based) when known, and why.
public struct CascadeTruthError: Error, CustomStringConvertible {
    public var path: String, line: Int?, message: String
    public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

private final class RiskCollector: AnalysisSink {
    var risks: [CascadeRisk] = []
    func event(_ event: MarketEvent) {}
    func signals(_ signals: [PipelineSignal]) {
        for case .cascadeRisk(let r) in signals { risks.append(r) }
    }
}
