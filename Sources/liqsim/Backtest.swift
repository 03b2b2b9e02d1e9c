import ArgumentParser
import Foundation
import LiqsimBacktest
import LiqsimCapture
import LiqsimCore
import LiqsimReport
import LiqsimResultFiles

extension Liqsim {
    struct Backtest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Backtest a scenario's strategies over its grid of weights and parameters.",
            discussion: """
                Decoding, the pipeline, regimes and rule signals run once per scenario; each
                grid point (any list in the scenario is an axis) then combines the signals and
                simulates execution, in parallel. Results go to <out>/<scenario>/<run-stamp>/:
                runs.csv, trades.csv, equity.csv, summary.md, results.sqlite, manifest.json
                (its digest does not depend on --jobs, paths or time) and report.html (charts,
                runs, cascades, liquidation levels; open it in a browser). docs/scenarios.md,
                docs/strategies.md, docs/metrics.md and docs/report.md describe the formats.

                Example:
                  liqsim backtest scenarios/cascade.yaml
                  liqsim compare results/cascade
                Spread one grid over machines (each writes its own directory; compare merges):
                  liqsim backtest scenarios/cascade.yaml --shard 0/4   # … through 3/4
                """
        )

        @Argument(help: "Scenario YAML file.") var scenario: String
        @Option(help: "Directory that receives <scenario>/<run-stamp>/.") var out: String = "results"
        @Option(help: "Worker threads for the sweep (default: the number of cores).") var jobs: Int?
        @Option(help: "Run every N-th grid point starting at I (0-based), written as I/N.") var shard: String?
        @Flag(help: "Print only the result directory.") var quiet = false

        func run() async throws {
            let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
            guard jobs >= 1, jobs <= 1024 else { throw CLIFailure.input("bad --jobs \(jobs): use 1 to 1024") }
            var part = SweepEngine.Shard.whole
            if let shard {
                guard let parsed = SweepEngine.Shard(argument: shard) else {
                    throw CLIFailure.input("bad --shard '\(shard)': write I/N with 0 ≤ I < N, e.g. 0/4")
                }
                part = parsed
            }
            let loaded: Scenario
            do { loaded = try Scenario.load(path: scenario) } catch let error as ScenarioError { throw CLIFailure.input(error.description) }

            let points = part.points(of: loaded.grid.count)
            guard !points.isEmpty else {
                // More shards than runs (an Indexed Job with spare completions): nothing to do is success.
                printError("liqsim: shard \(part) holds no grid point (the grid has \(loaded.grid.count) runs); nothing written\n")
                return
            }
            let writer = ResultsWriter(root: out)   // its stamp is the start time
            do { try writer.checkRoot() } catch let error as ResultsWriterError { throw CLIFailure.input(error.description) }
            let started = Date()
            let tape: MarketTape
            do { tape = try MarketTape.build(loaded, levelMaps: true) } catch let error as CaptureError {
                throw CLIFailure.input(error.description)
            } catch let error as MarketTapeError { throw CLIFailure.input(error.description) }
            let shared = SharedPass(scenario: loaded, tape: tape, points: points)
            for warning in shared.warnings { printError("liqsim: warning: \(warning)\n") }

            let bar = ProgressBar(label: "backtest \(loaded.name)")
            var progress: (@Sendable (Int, Int) -> Void)?
            if let bar { progress = { done, total in bar.update(Double(done) / Double(total)) } }
            let sweepStart = Date()
            let results = SweepEngine.run(shared, points: points, jobs: jobs, progress: progress)
            let sweepSeconds = Date().timeIntervalSince(sweepStart)
            bar?.finish()

            let written: ResultsWriter.Written
            do {
                written = try writer.write(shared: shared, results: results, shard: part, jobs: jobs)
            } catch let error as ResultsWriterError { throw CLIFailure.runtime(error.description) }
            // report.html: drawn from the files just written, never part of their digest.
            let report: String
            do { report = try ReportPage.write(directory: written.directory, levelMaps: tape.levelMaps) } catch let error as ResultFileError {
                throw CLIFailure.runtime(error.description)
            }
            if quiet { print(written.directory); return }
            let barRuns = results.reduce(0) { total, r in total + (tape.symbols.first { $0.symbol.description == r.point.text("symbol") }?.count ?? 0) }
            let bars = tape.symbols.map { "\($0.symbol) \($0.count) bars" }.joined(separator: ", ")
            print("""
                \(loaded.name): \(results.count) runs\(part.count > 1 ? " (shard \(part) of \(loaded.grid.count))" : "") over \(bars)
                shared pass: \(Self.seconds(tape.seconds)) replay (\(tape.records) records), \(Self.seconds(shared.regimeSeconds)) regimes, \
                \(Self.seconds(shared.signalSeconds)) rule signals
                sweep: \(Self.seconds(sweepSeconds)) on \(min(jobs, points.count)) threads, \
                \(Self.rate(Double(barRuns) / max(sweepSeconds, 1e-9))) bar·runs/s
                total: \(Self.seconds(Date().timeIntervalSince(started)))
                results: \(written.directory)
                report: \(report)
                digest: \(written.digest)
                """)
            if let best = results.max(by: { ($0.metrics.sharpe, -$0.point.index) < ($1.metrics.sharpe, -$1.point.index) }) {
                let parameters = loaded.grid.shownAxes.map { "\($0.name)=\(best.point[$0.name]!)" }.joined(separator: " ")
                print("best by sharpe: run \(best.point.index) (\(parameters)): return \(String(format: "%.2f", best.metrics.totalReturnPct))%, "
                      + "sharpe \(String(format: "%.2f", best.metrics.sharpe)), max drawdown \(String(format: "%.2f", best.metrics.maxDrawdownPct))%, "
                      + "\(best.metrics.trades) trades")
            }
        }

        static func seconds(_ s: Double) -> String { s < 1 ? String(format: "%.0f ms", s * 1000) : String(format: "%.2f s", s) }
        static func rate(_ r: Double) -> String {
            r >= 1e9 ? String(format: "%.2fG", r / 1e9) : r >= 1e6 ? String(format: "%.1fM", r / 1e6) : String(format: "%.0fk", r / 1e3)
        }
    }
}
