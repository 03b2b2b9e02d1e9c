import Foundation
import Testing
import LiqsimCore

/// The command-line finish: every command's --help carries an example of that command,
/// --version prints the version, and nothing colored or redrawn reaches a pipe.
@Suite("CLI help, version and piped output")
struct CLIHelpTests {
    static let commands: [[String]] = [[], ["replay"], ["backtest"], ["compare"], ["report"], ["capture"], ["capture", "info"], ["capture", "check"],
                                       ["capture", "cat"], ["capture", "import"], ["synth"], ["stats"], ["validate"], ["db"], ["db", "stats"],
                                       ["db", "cleanup"], ["heatmap"],
                                       // liqsim-live's, through liqsim (LiveExecutableTests).
                                       ["record"], ["serve"], ["fetch", "binance-vision"]]

    @Test(arguments: commands)
    func helpShowsAnExampleOfTheCommand(_ path: [String]) throws {
        let r = try CLI.run(path + ["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: liqsim" + path.map { " " + $0 }.joined()), "\(path)")
        let example = try #require(r.stdout.range(of: "Example"), "no example in `liqsim \(path.joined(separator: " ")) --help`")
        let after = r.stdout[example.upperBound...]
        #expect(after.contains("  liqsim " + path.map { $0 + " " }.joined()), "the example runs `liqsim \(path.joined(separator: " "))`")
    }

    @Test func versionPrintsTheVersion() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == LiqsimVersion.current + "\n")
    }

    @Test func pipedOutputHasNoColorsAndNoProgressBar() throws {
        let capture = BacktestMarkets.generated
        let dashboard = try CLI.run(["replay", capture, "--format", "dashboard"])
        #expect(dashboard.status == 0, "\(dashboard.stderr)")
        #expect(!dashboard.stdout.isEmpty && !dashboard.stdout.contains("\u{1B}["), "the dashboard is drawn once, plain, into a pipe")
        let summary = try CLI.run(["replay", capture, "--format", "summary"])
        #expect(summary.status == 0)
        #expect(!summary.stderr.contains("\r") && !summary.stderr.contains("\u{1B}["), "no progress bar on a piped stderr")
    }
}
