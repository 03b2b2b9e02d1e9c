import ArgumentParser
import LiqsimCLI
import LiqsimCapture
import LiqsimCore
import LiqsimReplay

/// Which records a replay-driven command reads (`replay`, `stats`): the captures, a
/// receive-time window, the symbols, and whether damage is skipped.
struct CaptureSelection: ParsableArguments {
    @Argument(help: "Capture files, directories or globs.")
    var paths: [String]

    @Option(help: "Start at this receive time: 2026-01-01T00:00:00Z, 2026-01-01 or nanoseconds since the epoch.")
    var from: TimeArg?

    @Option(help: "Stop after this receive time (the same forms as --from).")
    var to: TimeArg?

    @Option(help: "Comma-separated symbols to keep, unified (BTCUSDT,ETHUSDT) or raw (BTC-USDT-SWAP).")
    var symbols: SymbolList?

    @Flag(help: "Continue past corrupt data frames; skipped records are counted in the summary.")
    var skipCorrupt = false

    /// The capture files, in merge order; a missing or empty input is an input error (exit 2).
    func files() throws -> [String] { try resolveCaptures(paths) }

    /// The selection as replay options.
    func apply(to options: inout ReplayOptions) {
        options.from = from?.time
        options.to = to?.time
        options.symbols = symbols.map { Set($0.elements) }
        options.skipCorrupt = skipCorrupt
    }
}
