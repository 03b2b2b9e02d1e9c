import ArgumentParser
import Foundation
import LiqsimBacktest
import LiqsimCLI
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
                runs, cascades, liquidation levels; open it in a browser). Every Sharpe ratio
                comes with its bars, days, standard error, PSR and DSR (a warning under 30
                days); positions are liquidated at recorded mark prices (account.margin,
                margin.tiers). A scenario's validation section adds walk-forward folds and PBO
                (folds.csv, oos_equity.csv, validation.csv; whole grids only). docs/scenarios.md,
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
        @Option(help: "Worker threads for the sweep, 1 to 1024 (default: the number of cores).") var jobs: Int?
        @Option(help: "Run every N-th grid point starting at I (0-based), written as I/N with 0 ≤ I < N.") var shard: SweepEngine.Shard?
        @Flag(help: "Print only the result directory.") var quiet = false
        @Option(help: "Directory of cached shared-pass tapes, keyed by the captures' SHA-256 and the tape's settings (default: <out>/.tapes).") var tapeCache: String?
        @Flag(help: "Replay the captures even when a cached tape exists, and store none.") var noTapeCache = false

        func validate() throws {
            if let jobs, !(1...1024).contains(jobs) { throw ValidationError("bad --jobs \(jobs): use 1 to 1024") }
        }

        func run() async throws {
            let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
            let part = shard ?? .whole
            let loaded: Scenario
            do { loaded = try Scenario.load(path: scenario) } catch let error as ScenarioError { throw CLIFailure.input(error.description) }

            let bar = ProgressBar(label: "backtest \(loaded.name)")
            var progress: (@Sendable (Int, Int) -> Void)?
            if let bar { progress = { done, total in bar.update(Double(done) / Double(total)) } }
            let found: BacktestRun?
            do throws(BacktestRunError) {
                let cache = noTapeCache ? nil : TapeCache(directory: tapeCache ?? (out as NSString).appendingPathComponent(".tapes"))
                // report.html: drawn from what was just written (as `liqsim report` reads it back) while results.sqlite
                // finishes; never part of the digest.
                found = try BacktestRun.run(scenario: loaded, out: out, jobs: jobs, shard: part, tapeCache: cache, warning: { printError("liqsim: warning: \($0)\n") },
                                            progress: progress) { report, directory, levelMaps in
                    try ReportPage.write(report, directory: directory, levelMaps: levelMaps)
                }
            } catch {
                throw error.stage == .input ? CLIFailure.input(error.description) : CLIFailure.runtime(error.description)
            }
            bar?.finish()
            guard let run = found else {
                // More shards than runs (an Indexed Job with spare completions): nothing to do is success.
                printError("liqsim: shard \(part) holds no grid point (the grid has \(loaded.grid.count) runs); nothing written\n")
                return
            }
            if quiet { print(run.written.directory); return }
            print(Self.describe(run))
        }

        static func describe(_ run: BacktestRun) -> String {
            let (tape, shared, written) = (run.tape, run.shared, run.written)
            let sweepSeconds = Self.seconds(of: run.sweepTime)
            let bars = tape.symbols.map { "\($0.symbol) \($0.count) bars" }.joined(separator: ", ")
            var text = """
                \(run.scenario.name): \(run.results.count) runs\(run.shard.count > 1 ? " (shard \(run.shard) of \(run.scenario.grid.count))" : "") over \(bars)
                shared pass: \(Self.seconds(tape.seconds)) \(run.tapeLookup?.hit == true ? "cached tape" : "replay") (\(tape.records) records), \(Self.seconds(shared.regimeSeconds)) regimes, \
                \(Self.seconds(shared.signalSeconds)) rule signals
                sweep: \(Self.seconds(sweepSeconds)) on \(run.threads) threads, \
                \(Self.rate(Double(run.barRuns) / max(sweepSeconds, 1e-9))) bar·runs/s
                writing: \(Self.seconds(Self.seconds(of: run.writeTime))) (result files and report.html, after the sweep; \
                results.sqlite's rows took \(Self.seconds(Self.seconds(of: written.databaseTime))) on a second thread beside them)
                total: \(Self.seconds(Self.seconds(of: run.totalTime)))
                results: \(written.directory)
                report: \(run.page ?? "")
                digest: \(written.digest)
                """
            if let best = run.bestBySharpe {
                let parameters = run.scenario.grid.shownAxes.map { "\($0.name)=\(best.point[$0.name]!)" }.joined(separator: " ")
                let m = best.metrics
                text += "\nbest by \(RunColumns.rankingLabel): run \(best.point.index) (\(parameters)): return \(String(format: "%.2f", m.totalReturnPct))%, "
                    + "sharpe \(String(format: "%.2f", m.sharpe)) ± \(String(format: "%.2f", m.sharpeSE)), psr \(String(format: "%.3f", m.psr)), "
                    + "dsr \(String(format: "%.3f", m.dsr)), max drawdown \(String(format: "%.2f", m.maxDrawdownPct))%, \(m.trades) trades, \(m.liquidations) liquidations"
            }
            if let w = run.validation.walkForward {
                let m = w.outOfSample
                text += "\nwalk-forward: \(w.folds.count) folds by \(w.settings.metric); stitched out of sample: return \(String(format: "%.2f", m.totalReturnPct))%, "
                    + "sharpe \(String(format: "%.2f", m.sharpe)) ± \(String(format: "%.2f", m.sharpeSE)), psr \(String(format: "%.3f", m.psr))"
            }
            if let p = run.validation.pbo {
                text += "\nprobability of backtest overfitting: \(String(format: "%.3f", p.pbo)) (CSCV, \(p.splits) blocks, \(p.combinations) combinations)"
            }
            return text
        }

        static func seconds(of span: Duration) -> Double {
            Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18
        }

        static func seconds(_ s: Double) -> String { s < 1 ? String(format: "%.0f ms", s * 1000) : String(format: "%.2f s", s) }
        static func rate(_ r: Double) -> String {
            r >= 1e9 ? String(format: "%.2fG", r / 1e9) : r >= 1e6 ? String(format: "%.1fM", r / 1e6) : String(format: "%.0fk", r / 1e3)
        }
    }
}
