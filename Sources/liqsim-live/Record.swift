import ArgumentParser
import Foundation
import LiqsimCLI
import LiqsimCapture
import LiqsimCore
import LiqsimLive
import LiqsimStore

extension Live {
    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: LiveCommand.record.abstract,
            discussion: """
                One WebSocket session per exchange over TLS (liquidations, trades, mark price and
                funding, open interest), REST polls (open interest, long/short ratios) and
                instruments metadata, all written verbatim. Lost connections are redialled with
                backoff; every outage leaves disconnect/gap/connect records. SIGINT or SIGTERM
                closes the capture cleanly (exit 0).

                Example, recording from a replayed market on loopback:
                  liqsim serve captures/real --listen 127.0.0.1:9001      # prints STREAM=URL lines
                  liqsim record --exchanges binance,bybit,okx --symbols BTCUSDT,ETHUSDT --out captures/live \\
                    --endpoint binance-usdm=ws://127.0.0.1:9001/binance-usdm \\
                    --endpoint binance-usdm-rest=http://127.0.0.1:9001/binance-usdm --duration 10m

                See docs/live.md for endpoints, subscriptions and the resilience settings.
                """
        )

        @Option(help: "Comma-separated exchanges: binance, bybit, okx (or stream ids binance-usdm, bybit-linear, okx-swap).")
        var exchanges: StreamList = "binance,bybit,okx"

        @Option(help: "Comma-separated unified symbols (linear USDT/USDC perpetuals).")
        var symbols: String = "BTCUSDT,ETHUSDT"

        @Option(help: "Directory for the captures (created if missing).")
        var out: String = "captures/live"

        @Option(help: "Start a new file this often (e.g. 1h, 10m) or 'off'.")
        var rotate: DurationOrOff = "1h"

        @Option(help: "Stop after this long (e.g. 10m); default: until SIGINT/SIGTERM.")
        var duration: DurationArg?

        @Option(name: .customLong("endpoint"), help: "STREAM=URL override, repeatable: binance-usdm=ws://…, bybit-linear-rest=http://… (see `liqsim serve`).")
        var endpoints: [String] = []

        @Option(help: "REST poll interval, at least 1s (e.g. 60s), or 'off'.")
        var restInterval: DurationOrOff = "60s"

        @Option(help: "With --live: fill this SQLite snapshot store at every sentiment snapshot.")
        var db: String?

        @Flag(help: "Run the analysis pipeline on arriving frames and print what `replay --format log` prints.")
        var live = false

        @Option(help: "Reconnect when no frame arrived for this long.")
        var staleAfter: DurationArg = "30s"

        @Option(help: "First reconnect delay (doubles per failure, with jitter).")
        var backoffBase: DurationArg = "500ms"

        @Option(help: "Longest reconnect delay (at least --backoff-base).")
        var backoffMax: DurationArg = "30s"

        @Option(help: "Consecutive failed connects that open an endpoint's circuit breaker (1 or more).")
        var breakerAfter: Int = 6

        @Option(help: "How long an open circuit breaker refuses to dial.")
        var breakerCooldown: DurationArg = "2m"

        @Option(help: "A connect not upgraded within this long counts as failed.")
        var connectTimeout: DurationArg = "10s"

        @Option(help: "Also trust the certificates in this PEM file (a TLS-intercepting proxy).")
        var caFile: String?

        @Option(help: "Seed of the reconnect jitter, to replay a run (default: drawn at random).")
        var seed: UInt64?

        func validate() throws { _ = try options() }

        /// The recorder's settings from the flags; refuses unusable combinations.
        func options() throws -> RecordOptions {
            var options: RecordOptions
            do {
                options = RecordOptions(exchanges: exchanges.distinct, symbols: try RecordOptions.symbols(parsing: symbols), directory: out)
                options.endpoints = try RecordOptions.endpoints(parsing: endpoints)
            } catch { throw ValidationError("\(error)") }
            options.rotateEvery = rotate.span?.duration
            options.duration = duration?.duration
            options.restInterval = restInterval.span?.duration
            if let span = restInterval.span, span.duration < .seconds(1) { throw ValidationError("--rest-interval \(span.text) is below 1s: exchanges rate-limit REST") }
            if db != nil && !live { throw ValidationError("--db needs --live (the snapshot store is filled by the pipeline)") }
            options.database = db
            options.live = live
            options.statusLine = isatty(STDERR_FILENO) == 1
            var r = ResilienceSettings()
            r.staleAfter = staleAfter.duration
            r.backoffBase = backoffBase.duration
            r.backoffMax = backoffMax.duration
            guard r.backoffMax >= r.backoffBase else { throw ValidationError("--backoff-max must be at least --backoff-base") }
            guard breakerAfter >= 1 else { throw ValidationError("--breaker-after must be at least 1") }
            r.breakerThreshold = breakerAfter
            r.breakerCooldown = breakerCooldown.duration
            r.connectTimeout = connectTimeout.duration
            r.healthyAfter = max(r.staleAfter, .seconds(60))
            options.resilience = r
            options.seed = seed
            if let caFile {
                guard FileManager.default.isReadableFile(atPath: caFile) else { throw ValidationError("--ca-file \(caFile): cannot read the file") }
                options.caFile = caFile
            }
            return options
        }

        func run() async throws {
            let options = try options()
            let recorder = LiveRecorder(options: options)
            let signals = SignalWatch { name in recorder.stop("interrupted by \(name)") }
            defer { signals.cancel() }
            let summary: RecordSummary
            do {
                summary = try await recorder.run()
            } catch let error as CaptureError {
                throw CLIFailure.runtime(error.description)
            } catch let error as SnapshotStoreError {
                throw CLIFailure.input("--db: \(error.description)")   // not a liqsim store, or damaged: refused untouched (as replay --db)
            } catch {
                throw CLIFailure.runtime("\(error)")
            }
            printError(Record.describe(summary))
            if let failure = summary.failure {
                let files = summary.files.last.map { " (check it with `liqsim capture check \($0)`)" } ?? ""
                throw CLIFailure.runtime("\(failure); the recorder stopped, and everything written before the failure is readable\(files)")
            }
            if let error = summary.databaseError {
                throw CLIFailure.runtime("--db: the snapshot store could not be written (\(error)); the capture is complete")
            }
        }

        static func describe(_ s: RecordSummary) -> String {
            var text = "liqsim record: \(s.stopReason); \(s.records) records in \(s.files.count) file\(s.files.count == 1 ? "" : "s")\n"
            for f in s.files { text += "  \(f)\n" }
            text += "  frames: " + s.framesByStream.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
            text += "; reconnects: \(s.reconnects)\n"
            return text
        }
    }
}
