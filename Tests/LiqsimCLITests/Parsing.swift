import ArgumentParser
import LiqsimCLI
import Testing
@testable import liqsim

/// In-process command lines: what `liqsim ARGS` would parse to, or print and exit with,
/// without spawning the binary (the end-to-end spawns live in LiqsimTests/CLI). `root` is
/// `Live.self` for record, serve and fetch, which `liqsim` hands to `liqsim-live`.
enum Parse {
    /// The command `args` selects, parsed and validated, as `T`.
    static func command<T: ParsableCommand>(_ args: [String], as type: T.Type = T.self, root: any ParsableCommand.Type = Liqsim.self) throws -> T {
        let parsed = try root.parseAsRoot(args)
        return try #require(parsed as? T, "\(args) parsed as \(Swift.type(of: parsed))")
    }

    /// What the process would write to stderr and exit with when `args` fails to parse or
    /// validate; nil when it parses (or asks for help).
    static func failure(_ args: [String], root: any ParsableCommand.Type = Liqsim.self) -> (stderr: String, code: Int32)? {
        do {
            _ = try root.parseAsRoot(args)
            return nil
        } catch {
            return root.failure(for: error)
        }
    }

    /// The first line of the usage error `args` gives (the parser appends help and usage lines).
    static func message(_ args: [String], root: any ParsableCommand.Type = Liqsim.self) -> String? {
        failure(args, root: root).map { String($0.stderr.prefix { $0 != "\n" }) }
    }

    /// What a command's `run()` refuses with before doing anything: the stderr line and exit code.
    static func runFailure(_ command: some AsyncParsableCommand) async -> (stderr: String, code: Int32)? {
        var command = command
        do {
            try await command.run()
            return nil
        } catch {
            return Liqsim.failure(for: error)
        }
    }
}
