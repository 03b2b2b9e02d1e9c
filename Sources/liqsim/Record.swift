import ArgumentParser
import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimLive

extension Liqsim {
    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the exchanges' WebSocket frames and REST responses into rotating captures.",
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

        @Option(help: "Comma-separated exchanges: binance, bybit, okx (or stream ids).")
        var exchanges: String = "binance,bybit,okx"

        @Option(help: "Comma-separated unified symbols (linear USDT/USDC perpetuals).")
        var symbols: String = "BTCUSDT,ETHUSDT"

        @Option(help: "Directory for the captures (created if missing).")
        var out: String = "captures/live"

        @Option(help: "Start a new file this often (e.g. 1h, 10m) or 'off'.")
        var rotate: String = "1h"

        @Option(help: "Stop after this long (e.g. 10m); default: until SIGINT/SIGTERM.")
        var duration: String?

        @Option(name: .customLong("endpoint"), help: "STREAM=URL override, repeatable: binance-usdm=ws://…, bybit-linear-rest=http://… (see `liqsim serve`).")
        var endpoints: [String] = []

        @Option(help: "REST poll interval (e.g. 60s) or 'off'.")
        var restInterval: String = "60s"

        @Option(help: "With --live: fill this SQLite snapshot store at every sentiment snapshot.")
        var db: String?

        @Flag(help: "Run the analysis pipeline on arriving frames and print what `replay --format log` prints.")
        var live = false

        @Option(help: "Reconnect when no frame arrived for this long.")
        var staleAfter: String = "30s"

        @Option(help: "First reconnect delay (doubles per failure, with jitter).")
        var backoffBase: String = "500ms"

        @Option(help: "Longest reconnect delay.")
        var backoffMax: String = "30s"

        @Option(help: "Consecutive failed connects that open an endpoint's circuit breaker.")
        var breakerAfter: Int = 6

        @Option(help: "How long an open circuit breaker refuses to dial.")
        var breakerCooldown: String = "2m"

        @Option(help: "A connect not upgraded within this long counts as failed.")
        var connectTimeout: String = "10s"

        @Option(help: "Also trust the certificates in this PEM file (a TLS-intercepting proxy).")
        var caFile: String?

        @Option(help: "Seed of the reconnect jitter, to replay a run (default: drawn at random).")
        var seed: UInt64?

        func run() async throws {
            var options = RecordOptions(exchanges: try parseExchanges(), symbols: try parseSymbols(), directory: out)
            options.rotateEvery = rotate == "off" ? nil : try seconds(rotate, "--rotate")
            options.duration = try duration.map { try seconds($0, "--duration") }
            options.restInterval = restInterval == "off" ? nil : try seconds(restInterval, "--rest-interval")
            if let interval = options.restInterval, interval < .seconds(1) { throw CLIFailure.input("--rest-interval \(restInterval) is below 1s: exchanges rate-limit REST") }
            options.endpoints = try parseEndpoints()
            if db != nil && !live { throw CLIFailure.input("--db needs --live (the snapshot store is filled by the pipeline)") }
            options.database = db
            options.live = live
            options.statusLine = isatty(STDERR_FILENO) == 1
            var r = ResilienceSettings()
            r.staleAfter = try seconds(staleAfter, "--stale-after")
            r.backoffBase = try seconds(backoffBase, "--backoff-base")
            r.backoffMax = try seconds(backoffMax, "--backoff-max")
            guard r.backoffMax >= r.backoffBase else { throw CLIFailure.input("--backoff-max must be at least --backoff-base") }
            guard breakerAfter >= 1 else { throw CLIFailure.input("--breaker-after must be at least 1") }
            r.breakerThreshold = breakerAfter
            r.breakerCooldown = try seconds(breakerCooldown, "--breaker-cooldown")
            r.connectTimeout = try seconds(connectTimeout, "--connect-timeout")
            r.healthyAfter = max(r.staleAfter, .seconds(60))
            options.resilience = r
            options.seed = seed
            if let caFile {
                guard FileManager.default.isReadableFile(atPath: caFile) else { throw CLIFailure.input("--ca-file \(caFile): cannot read the file") }
                options.caFile = caFile
            }

            let recorder = LiveRecorder(options: options)
            let signals = SignalWatch { name in recorder.stop("interrupted by \(name)") }
            defer { signals.cancel() }
            let summary: RecordSummary
            do {
                summary = try await recorder.run()
            } catch let error as CaptureError {
                throw CLIFailure.runtime(error.description)
            } catch {
                throw CLIFailure.runtime("\(error)")
            }
            printError(Record.describe(summary))
            if let failure = summary.failure {
                let files = summary.files.last.map { " (check it with `liqsim capture check \($0)`)" } ?? ""
                throw CLIFailure.runtime("\(failure); the recorder stopped, and everything written before the failure is readable\(files)")
            }
        }

        static func describe(_ s: RecordSummary) -> String {
            var text = "liqsim record: \(s.stopReason); \(s.records) records in \(s.files.count) file\(s.files.count == 1 ? "" : "s")\n"
            for f in s.files { text += "  \(f)\n" }
            text += "  frames: " + s.framesByStream.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
            text += "; reconnects: \(s.reconnects)\n"
            return text
        }

        private func parseExchanges() throws -> [StreamID] {
            var result: [StreamID] = []
            for name in exchanges.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let id = StreamID(argument: name) else {
                    throw CLIFailure.input("bad --exchanges entry '\(name)': use binance, bybit, okx or \(StreamID.validList)")
                }
                if !result.contains(id) { result.append(id) }
            }
            guard !result.isEmpty else { throw CLIFailure.input("--exchanges is empty") }
            return result
        }

        private func parseSymbols() throws -> [String] {
            let list = symbols.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            for s in list where s.isEmpty || !s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                throw CLIFailure.input("bad --symbols entry '\(s)': use unified symbols such as BTCUSDT")
            }
            guard !list.isEmpty else { throw CLIFailure.input("--symbols is empty") }
            return list
        }

        private func parseEndpoints() throws -> [String: String] {
            var map: [String: String] = [:]
            for entry in endpoints {
                guard let eq = entry.firstIndex(of: "=") else {
                    throw CLIFailure.input("bad --endpoint '\(entry)': use STREAM=URL, e.g. binance-usdm=ws://127.0.0.1:9001/binance-usdm")
                }
                var key = String(entry[..<eq]), url = String(entry[entry.index(after: eq)...])
                let rest = key.hasSuffix("-rest")
                if rest { key.removeLast(5) }
                guard let stream = StreamID(argument: key) else {
                    throw CLIFailure.input("bad --endpoint key '\(entry[..<eq])': use one of \(RecordOptions.endpointKeys.joined(separator: ", "))")
                }
                key = stream.rawValue + (rest ? "-rest" : "")
                let schemes = rest ? ["http://", "https://"] : ["ws://", "wss://"]
                guard schemes.contains(where: { url.hasPrefix($0) }), URL(string: url)?.host != nil else {
                    throw CLIFailure.input("bad --endpoint URL '\(url)' for \(key): it must start with \(schemes.joined(separator: " or ")) and name a host")
                }
                while url.hasSuffix("/") { url.removeLast() }
                map[key] = url
            }
            return map
        }

        private func seconds(_ text: String, _ flag: String) throws -> Duration {
            guard let d = DurationArgument.parse(text) else { throw CLIFailure.input("bad \(flag) '\(text)': use a duration such as 500ms, 30s, 10m, 1h") }
            return .nanoseconds(d.rawValue)
        }
    }
}

/// SIGINT/SIGTERM delivered to a handler on a background queue instead of killing the
/// process, so the command can close its files cleanly.
final class SignalWatch: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []

    init(_ handler: @escaping @Sendable (String) -> Void) {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(name) }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for s in sources { s.cancel() }
    }
}
