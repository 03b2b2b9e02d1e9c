import ArgumentParser
import LiqsimSession

/// A positive percentage: `10%`, `12.5%` or `10` (meaning 10%).
struct PercentArg: ExpressibleByArgument, ExpressibleByStringLiteral, Equatable {
    var percent: Double
    var text: String

    init?(argument: String) {
        guard let percent = PercentArgument.parse(argument) else { return nil }
        self.percent = percent
        text = argument
    }

    init(stringLiteral value: String) {
        guard let parsed = PercentArg(argument: value) else { preconditionFailure("bad percentage literal '\(value)'") }
        self = parsed
    }

    var defaultValueDescription: String { text }
}
