import ArgumentParser
import Foundation
import LiqsimCLI
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

        @OptionGroup var selection: CaptureSelection
        @Option(help: "table, md or json.") var format: OutputFormat = .table

        func validate() throws { try format.check(offered: [.table, .markdown, .json]) }

        func run() async throws {
            var options = ReplayOptions()
            selection.apply(to: &options)
            let session: ReplayRun
            let summary: ReplaySummary
            do {
                let files = try selection.files()
                let progress = ReplayProgress(files: files, from: options.from, to: options.to)
                session = ReplayRun(paths: files, options: options, extraSinks: progress.map { [$0] } ?? [])
                summary = try session.run()
                progress?.finish()
            } catch let error as CaptureError { throw CLIFailure.input(error.description) }
            if let reason = summary.incompleteReason { throw CLIFailure.input("stats stopped early: \(reason)") }
            let views = session.pipeline!.views
            print(LiquidationViewReport.render(title: "accumulated liquidations", overall: views.accumulated, bySymbol: views.accumulatedBySymbol,
                                               latest: views.latest, format: LiquidationViewReport.Format(rawValue: format.rawValue)!), terminator: "")
        }
    }
}
