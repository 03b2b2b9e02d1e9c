import ArgumentParser
import Foundation
import LiqsimCLI
import LiqsimCapture
import LiqsimSynth

extension Liqsim {
    struct Synth: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a deterministic capture of leveraged markets with liquidation cascades.",
            discussion: """
                SPEC is a scenario (scenarios/synth/*.yaml, docs/synth.md): seed, start, duration,
                symbols, exchanges, traders, leverage, regimes and shocks. The capture holds each
                exchange's native frames; the same spec and seed always give the same bytes.
                --truth writes what really happened: every liquidation (before Binance's
                one-per-second throttling), the cascades, the open-interest mass balance, and
                hourly snapshots of the open positions' liquidation prices (for `liqsim heatmap --truth`).

                Example:
                  liqsim synth scenarios/synth/demo.yaml --out captures/demo/demo.lqc.zst --truth captures/demo/demo-truth.jsonl
                """
        )

        @Argument(help: "Scenario YAML.") var spec: String
        @Option(name: .shortAndLong, help: "Output capture (.lqc.zst).") var out: String
        @Option(help: "Write the ground truth as JSON lines.") var truth: String?
        @Flag(help: "Replace the output file if it exists.") var force = false

        func validate() throws { try checkCaptureName(out) }

        func run() async throws {
            let scenario: SynthSpec
            do { scenario = try SynthSpec.load(path: spec) } catch let e as SynthSpecError { throw CLIFailure.input(e.description) }
            let directory = (out as NSString).deletingLastPathComponent
            if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let bar = ProgressBar(label: "synth \(scenario.name)")
            let started = Date()
            let result: SynthResult
            do {
                result = try SynthGenerator(spec: scenario).run(out: out, truthPath: truth, replace: force, progress: bar.map { b in { b.update($0) } })
            } catch let e as CaptureError { throw CLIFailure.input(e.description) } catch let e as SynthSpecError { throw CLIFailure.input(e.description) }
            bar?.finish()
            let seconds = Date().timeIntervalSince(started)
            printError("""
                \(out): \(result.records) records, \(result.bytes) bytes in \(String(format: "%.1f", seconds)) s \
                (\(Int(Double(result.records) / max(seconds, 1e-9))) records/s)
                true liquidations \(result.trueLiquidations) (Binance pushed one per symbol-second: \(result.binanceLiquidationsDropped) not sent), \
                cascades \(result.cascades)\(truth.map { "; truth in \($0)" } ?? "")

                """)
        }
    }
}
