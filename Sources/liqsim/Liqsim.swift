import ArgumentParser
import Foundation
import LiqsimCore

/// The `liqsim` command. Thin: parses arguments and calls library code.
struct Liqsim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liqsim",
        abstract: "Record, serve, replay, generate, analyse and backtest crypto-futures liquidation data.",
        discussion: """
            Exit codes: 0 success, 1 runtime failure, 2 usage or input error.
            Streams: binance-usdm, bybit-linear, okx-swap. Progress bars appear on a terminal
            only; colors are off when output is piped or NO_COLOR is set.

            Examples (`make demo` does the first three):
              liqsim synth scenarios/synth/demo.yaml --out captures/demo/demo.lqc.zst
              liqsim backtest scenarios/cascade.yaml
              liqsim compare results/cascade
              liqsim replay captures/demo --speed 50x
              liqsim report results/cascade/<run-stamp>
            `liqsim help COMMAND` shows a command's options and an example.
            """,
        version: LiqsimVersion.current,
        subcommands: [Replay.self, Backtest.self, Compare.self, Report.self, Record.self, Serve.self, Capture.self, Synth.self, Stats.self, Validate.self, DB.self, Heatmap.self, Import.self, Fetch.self]
    )
}

/// Entry point: maps argument-parser usage errors to exit code 2 (SPEC §1).
@main
enum Main {
    static func main() async {
        // A closed pipe (`liqsim replay … | head`) is an EPIPE write error the commands
        // handle (summary on stderr, clear exit code), not a silent kill.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try Liqsim.parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
            if standardOutputFailed() { exit(1) }
        } catch {
            if standardOutputFailed() { exit(1) }
            guard let failure = Liqsim.failure(for: error) else { Liqsim.exit(withError: error) }   // --help, --version
            if !failure.stderr.isEmpty { FileHandle.standardError.write(Data(failure.stderr.utf8)) }
            exit(failure.code)
        }
    }
}

extension Liqsim {
    /// What the process writes to stderr and exits with after `error` from parsing or a
    /// command; nil for the clean exits (--help, --version) the parser prints itself.
    /// Usage errors (a bad value, a combination `validate()` refuses) exit 2, not 64.
    static func failure(for error: any Error) -> (stderr: String, code: Int32)? {
        switch error {
        case let failure as CLIFailure:
            return ("liqsim: error: " + failure.message + "\n", failure.code)
        case let exit as ExitCode:
            return ("", exit.rawValue)   // the command already reported why
        default:
            let code = exitCode(for: error)
            if code == .success { return nil }
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst(7) }
            return ("liqsim: error: " + message + "\n", code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// An error the CLI reports with a chosen exit code.
struct CLIFailure: Error {
    var message: String
    var code: Int32

    static func input(_ message: String) -> CLIFailure { CLIFailure(message: message, code: 2) }
    static func runtime(_ message: String) -> CLIFailure { CLIFailure(message: message, code: 1) }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
