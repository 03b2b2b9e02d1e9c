import ArgumentParser
import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimPipeline
import LiqsimReplay
import LiqsimSession

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

        @Argument(help: "Capture files, directories or globs.")
        var paths: [String]

        @Option(help: "Pacing: 50x, 1x, 0.5x (capture time per wall time) or max.")
        var speed: String = "max"

        @Option(help: "Start at this receive time (2026-01-01T00:00:00Z or ns since epoch).")
        var from: String?

        @Option(help: "Stop after this receive time.")
        var to: String?

        @Option(help: "Comma-separated symbols to keep (unified BTCUSDT or raw BTC-USDT-SWAP).")
        var symbols: String?

        @Option(help: "Output: dashboard (default on a terminal), log (default when piped: liquidations, cascades, spikes, sentiment), jsonl (one JSON object per event and signal) or summary.")
        var format: String?

        @Flag(help: "Continue past corrupt data frames; skipped records are counted in the summary.")
        var skipCorrupt = false

        @Option(help: "Paced replays only: shorten idle stretches of capture time longer than this (e.g. 1s, 500ms, 5m).")
        var maxGap: String?

        @Option(help: "Bar (window) intervals in whole seconds, comma-separated, e.g. 1m,5m,15m,1h,4h,1d.")
        var bars: String = "1m"

        @Option(help: "Sentiment snapshot interval (and lookback).")
        var sentimentInterval: String = "1h"

        @Flag(help: "Normalize only: no bars, views, sentiment or cascade signals.")
        var noPipeline = false

        @Option(help: "Fill this SQLite snapshot store at every sentiment snapshot (see `liqsim db`).")
        var db: String?

        func run() async throws {
            var options = ReplayOptions()
            guard let speed = ReplaySpeed(argument: speed) else {
                throw CLIFailure.input("bad --speed '\(self.speed)': use a factor from 0.001x to 1000000x (e.g. 50x, 1x, 0.5x) or max")
            }
            options.speed = speed
            let formatName = format ?? (isatty(STDOUT_FILENO) == 1 ? "dashboard" : "log")
            guard let format = ReplayFormat(rawValue: formatName) else {
                throw CLIFailure.input("bad --format '\(formatName)': use one of \(ReplayFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            options.from = try from.map { try parseTime($0, flag: "--from") }
            options.to = try to.map { try parseTime($0, flag: "--to") }
            if let symbols {
                let list = symbols.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                let parsed = list.compactMap { Symbol($0.uppercased()) }
                guard parsed.count == list.count, !parsed.isEmpty else { throw CLIFailure.input("bad --symbols '\(symbols)': use comma-separated symbols, unified (BTCUSDT,ETHUSDT) or raw (BTC-USDT-SWAP)") }
                options.symbols = Set(parsed)
            }
            options.skipCorrupt = skipCorrupt
            let pipeline = noPipeline ? nil : try pipelineConfig()
            if db != nil && noPipeline { throw CLIFailure.input("--db needs the pipeline (drop --no-pipeline)") }
            if format == .dashboard && noPipeline { throw CLIFailure.input("--format dashboard needs the pipeline (drop --no-pipeline)") }
            if let maxGap {
                guard let d = DurationArgument.parse(maxGap) else { throw CLIFailure.input("bad --max-gap '\(maxGap)': use e.g. 500ms, 1s, 5m, 1h") }
                options.maxGap = d
            }
            let files: [String]
            let summary: ReplaySummary
            do {
                files = try CaptureInputs.resolve(paths)
                // A bar only where it cannot garble the output: the summary format, or JSON lines sent to a pipe or file.
                let quietStdout = format == .summary || (format == .jsonl && isatty(STDOUT_FILENO) == 0)
                let progress = quietStdout ? ReplayProgress(files: files, from: options.from, to: options.to) : nil
                summary = try ReplayRun(paths: files, options: options, format: format, pipeline: pipeline, database: db,
                                        extraSinks: progress.map { [$0] } ?? []).run()
                progress?.finish()
            } catch let error as CaptureError {
                throw CLIFailure.input(error.description)
            }
            printError(summary.render())
            if let reason = summary.incompleteReason {
                throw summary.stoppedByOutput ? CLIFailure.runtime("replay stopped early: \(reason)") : CLIFailure.input("replay stopped early: \(reason)")
            }
        }
    }
}

extension Liqsim.Replay {
    func pipelineConfig() throws -> PipelineConfig {
        var config = PipelineConfig()
        let intervals = bars.split(separator: ",").map { DurationArgument.parse(String($0).trimmingCharacters(in: .whitespaces))?.rawValue }
        guard !intervals.isEmpty, intervals.allSatisfy({ ($0 ?? 0) >= 1_000_000_000 && ($0 ?? 0) % 1_000_000_000 == 0 }) else {
            throw CLIFailure.input("bad --bars '\(bars)': use whole-second intervals, e.g. 1m,5m,15m,1h,4h,1d")
        }
        config.barIntervals = Array(Set(intervals.map { $0! })).sorted()
        guard let sentiment = DurationArgument.parse(sentimentInterval), sentiment.rawValue >= 60_000_000_000,
              sentiment.rawValue % 60_000_000_000 == 0 else {
            throw CLIFailure.input("bad --sentiment-interval '\(sentimentInterval)': use whole minutes, e.g. 5m, 15m, 1h")
        }
        config.sentimentInterval = sentiment.rawValue
        return config
    }
}

func parseTime(_ text: String, flag: String) throws -> UnixNanos {
    guard let t = TimeArgument.parse(text) else {
        throw CLIFailure.input("bad \(flag) '\(text)': use 2026-01-01T00:00:00Z, 2026-01-01 or nanoseconds since the epoch")
    }
    return t
}
