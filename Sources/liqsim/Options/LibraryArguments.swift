import ArgumentParser
import LiqsimBacktest
import LiqsimSession

// Library value types read from the command line. Each already parses its own text
// (a raw value or a failable init), so the conformance only adopts it. The ones `liqsim-live`
// reads too (ReplaySpeed, StreamID, Symbol) are in LiqsimCLI.

extension ReplayFormat: ExpressibleByArgument {}

extension SweepEngine.Shard: ExpressibleByArgument {}
