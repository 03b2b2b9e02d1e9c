import ArgumentParser
import Foundation
import LiqsimCLI
import LiqsimCapture
import LiqsimCore
import LiqsimPipeline
import LiqsimReplay
import LiqsimSession
import LiqsimStore

extension Liqsim {
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay captures through normalization, paced or as fast as possible.",
            discussion: """
                PATH may be a capture file, a directory (all *.lqc.zst inside, by name) or a glob.
                Records of all files are merged by (receive time, file order, record sequence).
                Every run ends with a summary on stderr whose last line is
                `digest: <sha256>`: the SHA-256 of the JSON lines of all emitted events
                (what --format jsonl prints), independent of --speed and --format.
                A replay with --format summary or jsonl shows a progress bar on stderr when
                stderr is a terminal.

                Example:
                  liqsim replay captures/demo --speed 50x
                  liqsim replay captures/demo --symbols BTCUSDT --format jsonl | head
                """
        )

        @OptionGroup var selection: CaptureSelection

        @Option(help: "Pacing: a factor from 0.001x to 1000000x (capture time per wall time, e.g. 50x, 1x, 0.5x) or max.")
        var speed: ReplaySpeed = .max

        @Option(help: "Output: dashboard (default on a terminal), log (default when piped: liquidations, cascades, spikes, sentiment), jsonl (one JSON object per event and signal) or summary.")
        var format: ReplayFormat?

        @Option(help: "Paced replays only: shorten idle stretches of capture time longer than this (e.g. 1s, 500ms, 5m).")
        var maxGap: DurationArg?

        @Option(help: "Bar (window) intervals in whole seconds, comma-separated, e.g. 1m,5m,15m,1h,4h,1d.")
        var bars: CommaList<DurationArg> = "1m"

        @Option(help: "Sentiment snapshot interval (and lookback), in whole minutes, e.g. 5m, 15m, 1h.")
        var sentimentInterval: DurationArg = "1h"

        @Flag(help: "Normalize only: no bars, views, sentiment or cascade signals.")
        var noPipeline = false

        @Option(help: "Fill this SQLite snapshot store at every sentiment snapshot (see `liqsim db`).")
        var db: String?

        /// `--format`, or its default: the dashboard on a terminal, the log when piped.
        var resolvedFormat: ReplayFormat { format ?? (isatty(STDOUT_FILENO) == 1 ? .dashboard : .log) }

        func validate() throws {
            if !noPipeline {
                guard bars.elements.allSatisfy({ $0.isWhole(.seconds(1)) }) else {
                    throw ValidationError("bad --bars '\(bars.text)': use whole-second intervals, e.g. 1m,5m,15m,1h,4h,1d")
                }
                guard sentimentInterval.isWhole(.seconds(60)) else {
                    throw ValidationError("bad --sentiment-interval '\(sentimentInterval.text)': use whole minutes, e.g. 5m, 15m, 1h")
                }
            }
            if db != nil && noPipeline { throw ValidationError("--db needs the pipeline (drop --no-pipeline)") }
            if resolvedFormat == .dashboard && noPipeline { throw ValidationError("--format dashboard needs the pipeline (drop --no-pipeline)") }
        }

        /// What to replay and how fast, from the flags.
        func options() -> ReplayOptions {
            var options = ReplayOptions()
            selection.apply(to: &options)
            options.speed = speed
            options.maxGap = maxGap?.duration
            return options
        }

        /// The pipeline the flags ask for (nil with --no-pipeline).
        func pipeline() -> PipelineConfig? {
            guard !noPipeline else { return nil }
            var config = PipelineConfig()
            config.barIntervals = Array(Set(bars.elements.map(\.nanoseconds))).sorted()
            config.sentimentInterval = sentimentInterval.nanoseconds
            return config
        }

        func run() async throws {
            let options = options()
            let files = try selection.files()
            let summary: ReplaySummary
            do {
                // A bar only where it cannot garble the output: the summary format, or JSON lines sent to a pipe or file.
                let format = resolvedFormat
                let quietStdout = format == .summary || (format == .jsonl && isatty(STDOUT_FILENO) == 0)
                let progress = quietStdout ? ReplayProgress(files: files, from: options.from, to: options.to) : nil
                summary = try ReplayRun(paths: files, options: options, format: format, pipeline: pipeline(), database: db,
                                        extraSinks: progress.map { [$0] } ?? []).run()
                progress?.finish()
            } catch let error as CaptureError {
                throw CLIFailure.input(error.description)
            } catch let error as SnapshotStoreError {
                throw CLIFailure.input("--db: \(error.description)")   // not a liqsim store, or damaged: refused untouched
            }
            printError(summary.render())
            if let reason = summary.incompleteReason {
                throw summary.stoppedByOutput ? CLIFailure.runtime("replay stopped early: \(reason)") : CLIFailure.input("replay stopped early: \(reason)")
            }
            if let error = summary.databaseError {
                throw CLIFailure.runtime("--db: the snapshot store could not be written (\(error)); \(summary.databaseBatches) snapshots were stored")
            }
        }
    }
}
