import ArgumentParser
import LiqsimCLI
import LiqsimSession

/// A positive percentage: `10%`, `12.5%` or `10` (meaning 10%).
struct PercentArg: TypedArgument, Equatable {
    var percent: Double
    var text: String

    init?(argument: String) {
        guard let percent = PercentArgument.parse(argument) else { return nil }
        self.percent = percent
        text = argument
    }
}
