import ArgumentParser
import Foundation
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
        @Option(help: "Unified symbol, e.g. BTCUSDT.") var symbol: String
        @Option(help: "Start at this receive time (2026-01-01T00:00:00Z or ns since epoch).") var from: String?
        @Option(help: "Stop after this receive time.") var to: String?
        @Option(help: "Price bucket width in USD (e.g. 50, 0.5) or auto (≈0.2% of the first price on a 1-2-5 step).") var bucket = "auto"
        @Option(help: "Time bucket (grid column) width, e.g. 1m, 5m, 1h.") var interval = "5m"
        @Option(help: "How many levels the table and the JSON `top` list.") var top = 10
        @Option(help: "Table: the levels standing at this time instead of at the end.") var at: String?
        @Option(help: "table (strongest levels), csv or json (the whole grid).") var format = "table"
        @Option(help: "Also write the heatmap as a standalone SVG picture to this file.") var svg: String?
        @Option(help: "Table: also compare with a `liqsim synth --truth` file (its hourly liquidation_levels snapshots).") var truth: String?
        @Option(help: "Leverage tiers as leverage:weight pairs.") var tiers = "5:0.30,10:0.30,25:0.20,50:0.12,100:0.08"
        @Option(help: "Maintenance margin rate in the liquidation price.") var mmr = 0.004
        @Flag(help: "Keep levels when open interest falls (they then disappear only when the price crosses them).") var keepOnOpenInterestFall = false
        @Flag(help: "Continue past corrupt data frames.") var skipCorrupt = false

        func run() async throws {
            let parameters = try parameters()
            guard ["table", "csv", "json"].contains(format) else { throw CLIFailure.input("bad --format '\(format)': use one of table, csv, json") }
            guard top > 0 else { throw CLIFailure.input("bad --top \(top): use a positive number of levels") }
            var options = ReplayOptions()
            options.skipCorrupt = skipCorrupt
            options.from = try from.map { try parseTime($0, flag: "--from") }
            options.to = try to.map { try parseTime($0, flag: "--to") }
            let atTime = try at.map { try parseTime($0, flag: "--at") }
            if truth != nil && format != "table" { throw CLIFailure.input("--truth prints a comparison table; drop --format \(format) or --truth") }
            let snapshots: [HeatmapTruthCheck.Snapshot]?
            do { snapshots = try truth.map { try HeatmapTruthCheck.load(path: $0, symbol: parameters.symbol) } } catch let e as TruthFileError {
                throw CLIFailure.input(e.description)
            }

            let model = HeatmapModel(parameters: parameters)
            let summary: ReplaySummary
            do {
                summary = try ReplayEngine(paths: try CaptureInputs.resolve(paths), options: options).run(into: ObserverSink(model.apply))
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
            guard let column = grid.columnIndex(at: atTime) else {
                throw CLIFailure.input("--at \(at ?? ""): the capture's first heatmap column ends at \(grid.columns[0].end); pass a later time")
            }
            if let svg {
                let picture = HeatmapSVG.render(grid, width: 1200, height: 700)
                guard FileManager.default.createFile(atPath: svg, contents: Data(picture.utf8)) else {
                    throw CLIFailure.input("cannot write --svg \(svg); check that its directory exists and is writable")
                }
            }
            switch format {
            case "csv": print(grid.csv(), terminator: "")
            case "json": print(grid.json(top: top), terminator: "")
            default:
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

        private func parameters() throws -> HeatmapParameters {
            guard let symbol = Symbol(symbol.uppercased()) else { throw CLIFailure.input("bad --symbol '\(symbol)': use a unified symbol such as BTCUSDT") }
            var p = HeatmapParameters(symbol: symbol)
            if bucket != "auto" {
                guard let width = FixedDecimal(bucket), width.isPositive, width.scale <= 8 else {
                    throw CLIFailure.input("bad --bucket '\(bucket)': use a positive USD width such as 50 or 0.5, or auto")
                }
                p.bucket = width
            }
            guard let i = DurationArgument.parse(interval), i.rawValue >= 1_000_000_000, i.rawValue % 1_000_000_000 == 0 else {
                throw CLIFailure.input("bad --interval '\(interval)': use whole seconds such as 1m, 5m or 1h")
            }
            p.interval = i.rawValue
            guard let t = HeatmapParameters.parseTiers(tiers) else {
                throw CLIFailure.input("bad --tiers '\(tiers)': use leverage:weight pairs with leverage above 1 and positive weights, e.g. 10:0.5,25:0.5")
            }
            p.tiers = t
            guard mmr >= 0, mmr < 0.2 else { throw CLIFailure.input("bad --mmr \(mmr): use a rate from 0 to 0.2, e.g. 0.004") }
            p.maintenanceMargin = mmr
            p.closeOnOpenInterestFall = !keepOnOpenInterestFall
            return p
        }
    }
}
