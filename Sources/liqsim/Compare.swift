import ArgumentParser
import LiqsimCLI
import LiqsimReport
import LiqsimResultFiles

extension Liqsim {
    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set backtest results side by side: one table across runs, best first.",
            discussion: """
                Reads result directories (a run directory, a scenario directory such as
                results/cascade, or results/). Per scenario the newest grid is shown; shards of
                one grid merge, and a re-run replaces older rows of the same run. Parameters come
                first, then the metrics (with liquidations and the significance columns: bars,
                days, skew, kurtosis, sharpe_se, psr, dsr — dsr deflated again over the merged
                runs); the best value of each metric column is marked (* in a table, bold in
                Markdown; the json format lists the best runs). Below the table: what the rows
                are sorted by (sharpe is not adjusted for the trials: dsr is), spans under 30
                days, and each directory's walk-forward folds in and out of sample with PBO.

                Example:
                  liqsim compare results/cascade --sort total_return_pct --top 10
                  liqsim compare results/cascade results/trend --format md
                """
        )

        @Argument(help: "Result directories.") var directories: [String]
        @Option(help: "Metric to rank by: sharpe, sortino, total_return_pct, max_drawdown_pct, win_rate_pct, profit_factor, dsr, psr, liquidations, …")
        var sort: String = "sharpe"
        @Option(help: "Show only the best N runs.") var top: Int?
        @Option(help: "table, md, csv or json.") var format: OutputFormat = .table
        @Flag(help: "Include older grids of a scenario (its file changed since), side by side.") var all = false

        func validate() throws {
            if let top, top < 1 { throw ValidationError("bad --top \(top): give a positive number of runs") }
        }

        func run() async throws {
            do {
                let found = try directories.flatMap { try ResultDirectory.find($0) }
                let table = try CompareTable(found, sort: sort, top: top, allGrids: all)
                print(table.render(CompareTable.Format(rawValue: format.rawValue)!), terminator: "")
            } catch let error as CompareError {
                throw CLIFailure.input(error.description)
            } catch let error as ResultFileError {
                throw CLIFailure.input(error.description)
            }
        }
    }
}
