import ArgumentParser
import LiqsimCore

/// An instant on the command line (`--from`, `--to`, `--at`): `2026-01-01T00:00:00Z`,
/// `2026-01-01T00:00:00.250Z`, `2026-01-01` or integer nanoseconds since the epoch.
package struct TimeArg: TypedArgument, Equatable {
    package var time: UnixNanos
    /// As typed, for messages that quote it.
    package var text: String

    package init?(argument: String) {
        guard let time = TimeArgument.parse(argument) else { return nil }
        self.time = time
        text = argument
    }
}
