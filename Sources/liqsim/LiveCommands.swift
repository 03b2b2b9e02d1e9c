import ArgumentParser
import Foundation
import LiqsimCLI

// `record`, `serve` and `fetch` are built into `liqsim-live` (LiveCommand): these entries list
// them in `liqsim --help` only. Main hands their command lines, and `help record` …, to
// liqsim-live before parsing, so their options, help and messages are liqsim-live's own.
extension Liqsim {
    struct Record: ParsableCommand { static let configuration = LiveCommand.record.listing }
    struct Serve: ParsableCommand { static let configuration = LiveCommand.serve.listing }
    struct Fetch: ParsableCommand { static let configuration = LiveCommand.fetch.listing }
}

extension LiveCommand {
    var listing: CommandConfiguration { CommandConfiguration(commandName: rawValue, abstract: abstract) }
}

/// Runs a live command as `liqsim-live`, the executable beside this one.
enum LiveForwarding {
    /// For a live command line: replaces this process with `liqsim-live` and the same
    /// arguments (`execv`: the pid, stdin/stdout/stderr and signal delivery stay, so SIGINT
    /// stops `record` as before; the exit code is liqsim-live's), or exits 2 with one line
    /// naming the missing binary and how to build it. Returns for every other command line.
    static func forward(_ argv: [String]) {
        guard let command = LiveCommand.named(in: Array(argv.dropFirst())) else { return }
        let directory = executableDirectory(argv0: argv.first ?? "liqsim")
        let path = directory + "/" + LiveCommand.executable
        guard FileManager.default.isExecutableFile(atPath: path) else {
            printError("liqsim: error: " + command.missingExecutableMessage(directory: directory) + "\n")
            exit(2)
        }
        let failure = execute(path, argv)   // returns only when execv failed
        printError("liqsim: error: cannot run \(path): \(String(cString: strerror(failure)))\n")
        exit(1)
    }

    /// The directory of the running executable with symbolic links resolved, so a `liqsim`
    /// linked into PATH finds the `liqsim-live` built beside the real one.
    static func executableDirectory(argv0: String) -> String {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: argv0)
        return executable.resolvingSymlinksInPath().deletingLastPathComponent().path
    }
}
