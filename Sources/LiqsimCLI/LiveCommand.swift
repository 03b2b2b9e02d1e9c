/// The commands built into their own executable, `liqsim-live`, because they need the NIO +
/// TLS stack (about 60% of a clean release build): `liqsim` lists them in its help
/// and hands their command lines to `liqsim-live` unchanged (docs/architecture.md).
package enum LiveCommand: String, CaseIterable, Sendable {
    case record, serve, fetch

    /// The sibling executable's file name.
    package static let executable = "liqsim-live"

    /// The one-line abstract both binaries' help shows.
    package var abstract: String {
        switch self {
        case .record: "Record the exchanges' WebSocket frames and REST responses into rotating captures."
        case .serve: "Re-broadcast captures as the exchanges' own WebSocket protocols (and their REST responses)."
        case .fetch: "Download public history over HTTPS and import it as captures."
        }
    }

    /// The live command a `liqsim` command line (without the program name) runs, directly
    /// (`record …`) or as its help (`help record …`); nil for every other command line.
    package static func named(in arguments: [String]) -> LiveCommand? {
        guard let first = arguments.first else { return nil }
        if first == "help", arguments.count > 1 { return LiveCommand(rawValue: arguments[1]) }
        return LiveCommand(rawValue: first)
    }

    /// The one line `liqsim` prints (exit 2) when `liqsim-live` is not beside it in
    /// `directory`; a build directory named `debug` gets the debug build's commands.
    package func missingExecutableMessage(directory: String) -> String {
        let debug = directory.hasSuffix("/debug")
        let build = debug ? "make build, or swift build --product \(Self.executable)" : "make release, or swift build -c release --product \(Self.executable)"
        return "liqsim \(rawValue) runs \(directory)/\(Self.executable), which is not built; build it with: \(build)"
    }
}
