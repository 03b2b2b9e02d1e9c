import ArgumentParser
import LiqsimCore
import LiqsimReplay

// Library value types read from the command line by both executables. Each already parses
// its own text (`init?(argument:)` or a failable init), so the conformance only adopts it.

extension ReplaySpeed: ExpressibleByArgument {}

extension StreamID: ExpressibleByArgument {}

extension Symbol: ExpressibleByArgument {
    /// Upper-cased: `btcusdt` names BTCUSDT.
    public init?(argument: String) { self.init(argument.uppercased()) }
}
