import ArgumentParser
import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimPipeline
import LiqsimReplay
import LiqsimSession

extension Liqsim {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The accumulated liquidation view: totals since the capture began.",
            discussion: """
                Events, base quantity, USD, LONG vs SHORT with shares, per-exchange totals with
                shares, the largest liquidation, events of at least $100,000 (institutional),
                first/last time, duration, hourly rates and the latest liquidations, overall and
                per symbol. Binance counts are lower bounds (one liquidation per symbol per second).
                A progress bar shows on stderr while it reads, when stderr is a terminal.

                Example:
                  liqsim stats captures/demo --symbols BTCUSDT
                """
        )

        @Argument(help: "Capture files, directories or globs.") var paths: [String]
        @Option(help: "table, md or json.") var format: String = "table"
        @Option(help: "Comma-separated symbols to keep.") var symbols: String?
        @Flag(help: "Continue past corrupt data frames.") var skipCorrupt = false

        func run() async throws {
            guard let format = LiquidationViewReport.Format(rawValue: format) else {
                throw CLIFailure.input("bad --format '\(self.format)': use one of table, md, json")
            }
            var options = ReplayOptions()
            options.skipCorrupt = skipCorrupt
            if let symbols {
                let list = symbols.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces).uppercased() }
                let parsed = list.compactMap { Symbol($0) }
                guard !parsed.isEmpty, parsed.count == list.count else { throw CLIFailure.input("bad --symbols '\(symbols)': use comma-separated symbols, unified (BTCUSDT,ETHUSDT) or raw (BTC-USDT-SWAP)") }
                options.symbols = Set(parsed)
            }
            let session: ReplayRun
            let summary: ReplaySummary
            do {
                let files = try CaptureInputs.resolve(paths)
                let progress = ReplayProgress(files: files, from: nil, to: nil)
                session = ReplayRun(paths: files, options: options, extraSinks: progress.map { [$0] } ?? [])
                summary = try session.run()
                progress?.finish()
            } catch let error as CaptureError { throw CLIFailure.input(error.description) }
            if let reason = summary.incompleteReason { throw CLIFailure.input("stats stopped early: \(reason)") }
            let views = session.pipeline!.views
            print(LiquidationViewReport.render(title: "accumulated liquidations", overall: views.accumulated, bySymbol: views.accumulatedBySymbol,
                                               latest: views.latest, format: format), terminator: "")
        }
    }
}
