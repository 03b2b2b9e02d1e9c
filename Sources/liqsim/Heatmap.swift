import ArgumentParser
import Foundation
import LiqsimCLI
import LiqsimCapture
import LiqsimCore
import LiqsimHeatmap
import LiqsimReplay

extension Liqsim {
    struct Heatmap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Estimated liquidation price levels from trades and open-interest increases.",
            discussion: """
                When open interest rises, the added positions are assumed opened at that exchange's
                trade prices since its last reading (buy takers long, sell takers short), spread
                over leverage tiers, and placed at their liquidation prices; a trade through a level
                removes it, and falling open interest shrinks the rest (docs/heatmap.md).
                Default output: the strongest levels at the end (or --at) as a table; --format csv
                or json prints the whole time × price grid; --svg draws it.

                Example:
                  liqsim heatmap captures/demo --symbol BTCUSDT --bucket 100 --top 10 --svg btc-heatmap.svg
                """
        )

        @Argument(help: "Capture files, directories or globs.") var paths: [String]
        @Option(help: "Unified symbol, e.g. BTCUSDT.") var symbol: Symbol
        @Option(help: "Start at this receive time: 2026-01-01T00:00:00Z, 2026-01-01 or nanoseconds since the epoch.") var from: TimeArg?
        @Option(help: "Stop after this receive time (the same forms as --from).") var to: TimeArg?
        @Option(help: "Price bucket width in USD (e.g. 50, 0.5) or auto (≈0.2% of the first price on a 1-2-5 step).") var bucket = BucketWidth.auto
        @Option(help: "Time bucket (grid column) width in whole seconds, e.g. 1m, 5m, 1h.") var interval: DurationArg = "5m"
        @Option(help: "How many levels the table and the JSON `top` list.") var top = 10
        @Option(help: "Table: the levels standing at this time instead of at the end.") var at: TimeArg?
        @Option(help: "table (strongest levels), csv or json (the whole grid).") var format = OutputFormat.table
        @Option(help: "Also write the heatmap as a standalone SVG picture to this file.") var svg: String?
        @Option(help: "Table: also compare with a `liqsim synth --truth` file (its hourly liquidation_levels snapshots).") var truth: String?
        @Option(help: "Leverage tiers as leverage:weight pairs (leverage above 1, positive weights).") var tiers: LeverageTiers = "5:0.30,10:0.30,25:0.20,50:0.12,100:0.08"
        @Option(help: "Maintenance margin rate in the liquidation price (0 to 0.2).") var mmr = 0.004
        @Flag(help: "Keep levels when open interest falls (they then disappear only when the price crosses them).") var keepOnOpenInterestFall = false
        @Flag(help: "Continue past corrupt data frames.") var skipCorrupt = false

        func validate() throws {
            guard interval.isWhole(.seconds(1)) else { throw ValidationError("bad --interval '\(interval.text)': use whole seconds such as 1m, 5m or 1h") }
            guard mmr >= 0, mmr < 0.2 else { throw ValidationError("bad --mmr \(mmr): use a rate from 0 to 0.2, e.g. 0.004") }
            try format.check(offered: [.table, .csv, .json])
            guard top > 0 else { throw ValidationError("bad --top \(top): use a positive number of levels") }
            if truth != nil && format != .table { throw ValidationError("--truth prints a comparison table; drop --format \(format.rawValue) or --truth") }
        }

        /// The model's parameters from the flags.
        var parameters: HeatmapParameters {
            var p = HeatmapParameters(symbol: symbol)
            p.bucket = bucket.width
            p.interval = interval.nanoseconds
            p.tiers = tiers.tiers
            p.maintenanceMargin = mmr
            p.closeOnOpenInterestFall = !keepOnOpenInterestFall
            return p
        }

        func run() async throws {
            let parameters = self.parameters
            var options = ReplayOptions()
            options.skipCorrupt = skipCorrupt
            options.from = from?.time
            options.to = to?.time
            let snapshots: [HeatmapTruthCheck.Snapshot]?
            do { snapshots = try truth.map { try HeatmapTruthCheck.load(path: $0, symbol: parameters.symbol) } } catch let e as TruthFileError {
                throw CLIFailure.input(e.description)
            }

            let model = HeatmapModel(parameters: parameters)
            let summary: ReplaySummary
            do {
                summary = try ReplayEngine(paths: try resolveCaptures(paths), options: options).run(into: ObserverSink(model.apply))
            } catch let error as CaptureError { throw CLIFailure.input(error.description) }
            if let reason = summary.incompleteReason { throw CLIFailure.input("heatmap stopped early: \(reason)") }
            guard model.symbolsSeen.contains(parameters.symbol) else {
                let seen = model.symbolsSeen.sorted().map(\.description).joined(separator: ", ")
                throw CLIFailure.input("\(parameters.symbol) is not in the capture" + (seen.isEmpty ? " (it holds no trades or open interest)" : " (symbols: \(seen))")
                                       + "; pass one of its symbols with --symbol")
            }
            guard model.openInterestReadings > 0, model.trades > 0 else {
                throw CLIFailure.input("the capture has \(model.trades) trades and \(model.openInterestReadings) open-interest readings for \(parameters.symbol); "
                                       + "the heatmap needs both, so record the trade and open-interest streams too")
            }
            let grid = model.finish()
            guard let column = grid.columnIndex(at: at?.time) else {
                throw CLIFailure.input("--at \(at?.text ?? ""): the capture's first heatmap column ends at \(grid.columns[0].end); pass a later time")
            }
            if let svg {
                let picture = HeatmapSVG.render(grid, width: 1200, height: 700)
                guard FileManager.default.createFile(atPath: svg, contents: Data(picture.utf8)) else {
                    throw CLIFailure.input("cannot write --svg \(svg); check that its directory exists and is writable")
                }
            }
            switch format {
            case .csv: print(grid.csv(), terminator: "")
            case .json: print(grid.json(top: top), terminator: "")
            case .table, .markdown:
                print(grid.table(top: top, column: column), terminator: "")
                if let snapshots, let truth {
                    let comparisons = HeatmapTruthCheck.compare(grid, with: snapshots)
                    guard !comparisons.isEmpty else {
                        throw CLIFailure.input("\(truth) has no liquidation_levels snapshot of \(parameters.symbol) at a column end; use an --interval that divides 1h")
                    }
                    print("\n" + HeatmapTruthCheck.report(comparisons, grid: grid), terminator: "")
                }
            }
        }
    }
}
