import LiqsimCore
import LiqsimHeatmap
import LiqsimPipeline
import LiqsimReplay
import LiqsimSession

/// The shared pass of a scenario: one replay of its captures through the pipeline, kept
/// as one `SymbolTape` per traded symbol.
public struct MarketTape: Sendable {
    public var symbols: [SymbolTape]
    public var records: Int
    public var events: Int
    public var seconds: Double
    /// Per traded symbol, the estimated liquidation-level heatmap for report.html or why
    /// there is none (empty unless `build(_:levelMaps:)` was asked for them).
    public var levelMaps: [Result<HeatmapGrid, HeatmapUnavailable>] = []

    /// Replays the scenario's captures. Throws `CaptureError` for unreadable inputs; a run
    /// that damage cut short is an error too (a backtest on silently partial data is worse
    /// than none). With `levelMaps` the same replay also feeds one `HeatmapModel` per symbol
    /// (docs/heatmap.md) for the report: no second pass over the captures.
    /// `threaded: false` runs the pipeline on the calling thread (the same tape; tests compare).
    public static func build(_ scenario: Scenario, levelMaps: Bool = false, threaded: Bool = true) throws -> MarketTape {
        let options = replayOptions(scenario)
        let config = pipelineConfig(scenario)
        let recorder = TapeRecorder(symbols: scenario.symbols, interval: scenario.bar, cascadeWindow: config.cascadeWindow,
                                    heatmaps: levelMaps ? scenario.symbols.map { HeatmapModel(parameters: HeatmapParameters(symbol: $0)) } : [])
        // Engine + pipeline + tape only: no JSON lines, no digest (the backtest's digest is its result files').
        let loop = AnalysisLoop(config: config, sinks: [recorder])
        // Decoding here, the pipeline and the tape on the feed's thread.
        let feed = TapeFeed(loop: loop, symbols: scenario.symbols, threaded: threaded)
        let sink: any ReplaySink = scenario.liquidationFiles.isEmpty ? feed : LiquidationSourceSink(feed, firstLiquidationFile: scenario.captureFiles.count)
        let summary: ReplaySummary
        do { summary = try ReplayEngine(paths: scenario.captureFiles + scenario.liquidationFiles, options: options).run(into: sink) } catch {
            feed.finish()
            throw error
        }
        feed.finish()
        if let reason = summary.incompleteReason { throw MarketTapeError.incomplete(reason) }
        let tapes = recorder.finish()
        for tape in tapes where tape.count == 0 {
            let position = scenario.symbolPositions[tape.symbol]
            if tape.tradeTime.isEmpty {
                throw MarketTapeError.noTrades(tape.symbol.description, file: scenario.file, at: position, available: (recorder.symbolsSeen.union(feed.otherSymbols).map(\.description) + tapes.filter { !$0.tradeTime.isEmpty }.map(\.symbol.description)).sorted())
            }
            throw MarketTapeError.noCompleteBar(tape.symbol.description, file: scenario.file, at: position, trades: tape.tradeTime.count)
        }
        var tape = MarketTape(symbols: tapes, records: summary.records, events: summary.eventsEmitted, seconds: summary.wallSeconds)
        tape.levelMaps = recorder.heatmaps.map(Self.levelMap)
        return tape
    }

    /// The scenario's time range. No symbol filter: the tape keeps its symbols itself, and an
    /// error can name the others.
    static func replayOptions(_ scenario: Scenario) -> ReplayOptions {
        var options = ReplayOptions()
        options.from = scenario.from
        options.to = scenario.to
        return options
    }

    /// The pipeline settings that shape the tape: the scenario's bar, sentiment interval and
    /// risk window.
    static func pipelineConfig(_ scenario: Scenario) -> PipelineConfig {
        var config = PipelineConfig()
        config.barIntervals = [scenario.bar]
        config.sentimentInterval = scenario.pipeline.sentimentInterval
        config.riskWindow = scenario.pipeline.riskWindow
        return config
    }

    /// The model's grid, or why there is none (the model needs trades and open interest).
    static func levelMap(_ model: HeatmapModel) -> Result<HeatmapGrid, HeatmapUnavailable> {
        let symbol = model.parameters.symbol.description
        guard model.trades > 0, model.openInterestReadings > 0 else {
            return .failure(HeatmapUnavailable(symbol: symbol, reason: "the captures hold \(model.trades) trades and \(model.openInterestReadings) open-interest readings; "
                            + "the heatmap needs both (record the open-interest stream too)"))
        }
        return .success(model.finish())
    }
}

public enum MarketTapeError: Error, CustomStringConvertible {
    case incomplete(String)
    case noTrades(String, file: String, at: SourcePosition?, available: [String])
    case noCompleteBar(String, file: String, at: SourcePosition?, trades: Int)

    public var description: String {
        switch self {
        case .incomplete(let reason): return "the captures could not be read to the end: \(reason); run `liqsim capture check` on them"
        case .noTrades(let symbol, let file, let at, let available):
            return ScenarioError(file: file, line: at?.line, column: at?.column, field: "data.symbols",
                                 message: "no trades of \(symbol) in the captures (within data.from/to); "
                                     + "symbols there: " + (available.isEmpty ? "none" : available.joined(separator: ", "))).description
        case .noCompleteBar(let symbol, let file, let at, let trades):
            return ScenarioError(file: file, line: at?.line, column: at?.column, field: "data.symbols",
                                 message: "\(symbol) has \(trades) trades but no complete bar; use a longer span of data or a shorter bar").description
        }
    }
}
