import ArgumentParser
import Foundation

/// The process around a root command (`liqsim`, `liqsim-live`): parse, run, and exit 0 on
/// success, 1 on a runtime failure, 2 on a usage or input error (SPEC §1).
package func runCommandLine(_ root: (some ParsableCommand).Type) async {
    // A closed pipe (`liqsim replay … | head`) is an EPIPE write error the commands
    // handle (summary on stderr, clear exit code), not a silent kill.
    signal(SIGPIPE, SIG_IGN)
    do {
        var command = try root.parseAsRoot()
        if var async = command as? AsyncParsableCommand {
            try await async.run()
        } else {
            try command.run()
        }
        if standardOutputFailed() { exit(1) }
    } catch {
        if standardOutputFailed() { exit(1) }
        guard let failure = root.failure(for: error) else { root.exit(withError: error) }   // --help, --version
        if !failure.stderr.isEmpty { printError(failure.stderr) }
        exit(failure.code)
    }
}

extension ParsableCommand {
    /// What the process writes to stderr and exits with after `error` from parsing or a
    /// command; nil for the clean exits (--help, --version) the parser prints itself.
    /// Usage errors (a bad value, a combination `validate()` refuses) exit 2, not 64.
    package static func failure(for error: any Error) -> (stderr: String, code: Int32)? {
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
package struct CLIFailure: Error {
    package var message: String
    package var code: Int32

    package init(message: String, code: Int32) {
        self.message = message
        self.code = code
    }

    package static func input(_ message: String) -> CLIFailure { CLIFailure(message: message, code: 2) }
    package static func runtime(_ message: String) -> CLIFailure { CLIFailure(message: message, code: 1) }
}

package func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
