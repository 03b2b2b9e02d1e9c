import ArgumentParser
import LiqsimCLI
import LiqsimCore

/// `liqsim-live`: liqsim's network commands, built apart so that the rest of liqsim builds
/// without the NIO + TLS stack. Users run them as `liqsim record|serve|fetch …`, which execs
/// this binary with the same arguments; the usage lines say `liqsim` for that reason.
struct Live: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liqsim",
        abstract: "liqsim's network commands (record, serve, fetch), built as \(LiveCommand.executable) and run by `liqsim record|serve|fetch`.",
        discussion: """
            Exit codes: 0 success, 1 runtime failure, 2 usage or input error.
            `liqsim help COMMAND` shows a command's options and an example; docs/live.md has the details.
            """,
        version: LiqsimVersion.current,
        subcommands: [Record.self, Serve.self, Fetch.self]
    )
}

@main
enum Main {
    static func main() async {
        await runCommandLine(Live.self)
    }
}
