import ArgumentParser
import LiqsimCore

/// A positive span on the command line: `250ms`, `1s`, `1.5s`, `5m`, `1h`, `1d`.
struct DurationArg: TypedArgument, Equatable {
    var duration: Duration
    /// As typed: help shows defaults this way and messages quote it.
    var text: String

    init?(argument: String) {
        guard let ns = DurationArgument.parse(argument) else { return nil }
        duration = .nanoseconds(ns.rawValue)
        text = argument
    }

    /// Whole nanoseconds (the library's spans; DurationArgument never yields fractions of one).
    var nanoseconds: Int64 { DurationArg.nanoseconds(of: duration) }

    static func nanoseconds(of span: Duration) -> Int64 {
        let (seconds, attoseconds) = span.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    var seconds: Double { Double(nanoseconds) / 1e9 }

    /// True when the span is a whole multiple of `unit` (bars in whole seconds, sentiment in minutes).
    func isWhole(_ unit: Duration) -> Bool {
        let step = DurationArg.nanoseconds(of: unit)
        return nanoseconds >= step && nanoseconds % step == 0
    }
}

/// A span or `off` (`--rotate`, `--rest-interval`).
struct DurationOrOff: TypedArgument, Equatable {
    /// As typed (`off` or the span's text).
    var text: String { span?.text ?? "off" }
    /// nil for `off`.
    var span: DurationArg?

    init?(argument: String) {
        if argument == "off" { span = nil; return }
        guard let span = DurationArg(argument: argument) else { return nil }
        self.span = span
    }
}
