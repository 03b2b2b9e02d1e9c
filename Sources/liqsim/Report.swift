import ArgumentParser
import Foundation
import LiqsimBacktest
import LiqsimCLI
import LiqsimReport
import LiqsimResultFiles

extension Liqsim {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the HTML report of one backtest result directory.",
            discussion: """
                `liqsim backtest` already writes report.html into every result directory; this
                command draws it again, e.g. with another run chosen. One self-contained file
                (no network): market chart with liquidations, regimes and the chosen run's
                trades; equity and drawdown; a metric heatmap over two weights; the sortable
                runs table; cascades; estimated liquidation levels (recomputed from the input
                captures when they are still there unchanged); the manifest (docs/report.md).

                Example:
                  liqsim report results/cascade/20260101T000000Z
                  liqsim report results/cascade/20260101T000000Z --run 7 --out /tmp/run7.html
                """
        )

        @Argument(help: "A result directory written by `liqsim backtest` (holds manifest.json).") var directory: String
        @Option(help: "Run to preselect for the market and equity panels (default: the best by Sharpe).") var run: Int?
        @Option(help: "Output file (default: report.html in the result directory).") var out: String?

        func run() async throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIFailure.input("\(directory): no such directory; give a result directory such as results/cascade/<run-stamp>")
            }
            let data: ReportData
            do { data = try ReportData.load(directory: directory) } catch let error as ResultFileError { throw CLIFailure.input(error.description) }
            if let run, !data.runs.rows.contains(where: { $0.run == run }) {
                let ids = data.runs.rows.map(\.run)
                throw CLIFailure.input("--run \(run): no such run in \(directory)/runs.csv"
                                       + (ids.isEmpty ? " (it holds none)" : " (runs \(ids.min()!)…\(ids.max()!))") + "; pick one from `liqsim compare \(directory)`")
            }
            let levelMaps = ReportLevelMaps.compute(data)
            let path = out ?? directory + "/report.html"
            guard FileManager.default.createFile(atPath: path, contents: Data(ReportPage.render(data, levelMaps: levelMaps, chosen: run).utf8)) else {
                throw CLIFailure.runtime("cannot write \(path); check that its directory exists and is writable, or pass --out FILE")
            }
            print(path)
        }
    }
}
