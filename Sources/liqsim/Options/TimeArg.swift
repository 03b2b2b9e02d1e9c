import ArgumentParser
import LiqsimCore

/// An instant on the command line (`--from`, `--to`, `--at`): `2026-01-01T00:00:00Z`,
/// `2026-01-01T00:00:00.250Z`, `2026-01-01` or integer nanoseconds since the epoch.
struct TimeArg: TypedArgument, Equatable {
    var time: UnixNanos
    /// As typed, for messages that quote it.
    var text: String

    init?(argument: String) {
        guard let time = TimeArgument.parse(argument) else { return nil }
        self.time = time
        text = argument
    }
}
