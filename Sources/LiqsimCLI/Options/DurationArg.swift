import ArgumentParser
import LiqsimCore

/// A positive span on the command line: `250ms`, `1s`, `1.5s`, `5m`, `1h`, `1d`.
package struct DurationArg: TypedArgument, Equatable {
    package var duration: Duration
    /// As typed: help shows defaults this way and messages quote it.
    package var text: String

    package init?(argument: String) {
        guard let ns = DurationArgument.parse(argument) else { return nil }
        duration = .nanoseconds(ns.rawValue)
        text = argument
    }

    /// Whole nanoseconds (the library's spans; DurationArgument never yields fractions of one).
    package var nanoseconds: Int64 { DurationArg.nanoseconds(of: duration) }

    package static func nanoseconds(of span: Duration) -> Int64 {
        let (seconds, attoseconds) = span.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    package var seconds: Double { Double(nanoseconds) / 1e9 }

    /// True when the span is a whole multiple of `unit` (bars in whole seconds, sentiment in minutes).
    package func isWhole(_ unit: Duration) -> Bool {
        let step = DurationArg.nanoseconds(of: unit)
        return nanoseconds >= step && nanoseconds % step == 0
    }
}

/// A span or `off` (`--rotate`, `--rest-interval`).
package struct DurationOrOff: TypedArgument, Equatable {
    /// As typed (`off` or the span's text).
    package var text: String { span?.text ?? "off" }
    /// nil for `off`.
    package var span: DurationArg?

    package init?(argument: String) {
        if argument == "off" { span = nil; return }
        guard let span = DurationArg(argument: argument) else { return nil }
        self.span = span
    }
}
