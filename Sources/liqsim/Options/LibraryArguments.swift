import ArgumentParser
import LiqsimBacktest
import LiqsimCore
import LiqsimReplay
import LiqsimSession

// Library value types read from the command line. Each already parses its own text
// (`init?(argument:)`, a raw value or a failable init), so the conformance only adopts it.

extension ReplaySpeed: ExpressibleByArgument {}

extension ReplayFormat: ExpressibleByArgument {}

extension StreamID: ExpressibleByArgument {}

extension SweepEngine.Shard: ExpressibleByArgument {}

extension Symbol: ExpressibleByArgument {
    /// Upper-cased: `btcusdt` names BTCUSDT.
    public init?(argument: String) { self.init(argument.uppercased()) }
}
