import LiqsimCore
import LiqsimPipeline
import LiqsimReplay

/// The shared pass of a scenario: one replay of its captures through the pipeline, kept
/// as one `SymbolTape` per traded symbol.
public struct MarketTape: Sendable {
    public var symbols: [SymbolTape]
    public var records: Int
    public var events: Int
    public var seconds: Double

    /// Replays the scenario's captures. Throws `CaptureError` for unreadable inputs; a run
    /// that damage cut short is an error too (a backtest on silently partial data is worse
    /// than none).
    public static func build(_ scenario: Scenario) throws -> MarketTape {
        var options = ReplayOptions()
        options.format = .summary
        options.from = scenario.from
        options.to = scenario.to
        options.symbols = Set(scenario.symbols)
        var config = PipelineConfig()
        config.barIntervals = [scenario.bar]
        config.sentimentInterval = scenario.pipeline.sentimentInterval
        config.riskWindow = scenario.pipeline.riskWindow
        options.pipeline = config
        let recorder = TapeRecorder(symbols: scenario.symbols, interval: scenario.bar)
        let session = ReplaySession(paths: scenario.captureFiles, options: options, output: -1, observer: recorder)
        let summary = try session.run()
        if let reason = summary.incompleteReason { throw MarketTapeError.incomplete(reason) }
        let tapes = recorder.finish()
        for tape in tapes where tape.count == 0 {
            throw MarketTapeError.noBars(tape.symbol.description, available: session.pipeline?.symbols.map(\.description) ?? [])
        }
        return MarketTape(symbols: tapes, records: summary.records, events: summary.eventsEmitted, seconds: summary.wallSeconds)
    }
}

public enum MarketTapeError: Error, CustomStringConvertible {
    case incomplete(String)
    case noBars(String, available: [String])

    public var description: String {
        switch self {
        case .incomplete(let reason): return "the captures could not be read to the end: \(reason); run `liqsim capture check` on them"
        case .noBars(let symbol, let available):
            return "no trades of \(symbol) in the captures (within data.from/to); symbols there: "
                + (available.isEmpty ? "none" : available.sorted().joined(separator: ", "))
        }
    }
}
