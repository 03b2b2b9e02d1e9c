import Foundation
@testable import LiqsimBacktest
import LiqsimCore
import LiqsimHeatmap
import LiqsimPipeline
import LiqsimReplay
import LiqsimSession
import Testing

/// The shared pass's `TapeFeed` (pipeline and tape on a second thread, only the traded
/// symbols' events reaching them) must give exactly the tape of the plain path: every
/// event of every symbol through one `AnalysisLoop` on the engine's thread.
@Suite struct TapeFeedTests {
    /// The tape as `MarketTape.build` made it before the feed: the loop as the engine's sink.
    static func reference(_ scenario: Scenario) throws -> MarketTape {
        let options = MarketTape.replayOptions(scenario)
        let config = MarketTape.pipelineConfig(scenario)
        let recorder = TapeRecorder(symbols: scenario.symbols, interval: scenario.bar, cascadeWindow: config.cascadeWindow,
                                    heatmaps: scenario.symbols.map { HeatmapModel(parameters: HeatmapParameters(symbol: $0)) })
        let loop = AnalysisLoop(config: config, sinks: [recorder])
        let summary = try ReplayEngine(paths: scenario.captureFiles, options: options).run(into: loop)
        var tape = MarketTape(symbols: recorder.finish(), records: summary.records, events: summary.eventsEmitted, seconds: 0)
        tape.levelMaps = recorder.heatmaps.map(MarketTape.levelMap)
        return tape
    }

    @Test func threadedAndFilteredGiveTheTapeOfEveryEventThroughOneLoop() throws {
        let dir = try TempDir()
        let scenario = try TapeCacheTests.scenario(dir)
        let reference = try Self.reference(scenario).cachedBytes()
        let threaded = try MarketTape.build(scenario, levelMaps: true)
        let inline = try MarketTape.build(scenario, levelMaps: true, threaded: false)
        #expect(reference.count > 1000)
        #expect(try threaded.with(seconds: 0).cachedBytes() == reference, "threaded feed")
        #expect(try inline.with(seconds: 0).cachedBytes() == reference, "feed on the engine's thread")
        #expect(threaded.symbols.map(\.symbol.description) == ["BTCUSDT"] && threaded.symbols[0].count > 60)
    }

    @Test func aSymbolThatIsNotThereIsNamedWithTheOnesThatAre() throws {
        let dir = try TempDir()
        let text = BacktestMarkets.generatedScenario().replacingOccurrences(of: "symbols: [BTCUSDT]", with: "symbols: [SOLUSDT]")
        let scenario = try Scenario.parse(text, file: dir.path("sol.yaml"))
        do {
            _ = try MarketTape.build(scenario)
            Issue.record("a symbol without trades must be refused")
        } catch let error as MarketTapeError {
            #expect("\(error)".contains("no trades of SOLUSDT"))
            #expect("\(error)".contains("BTCUSDT, ETHUSDT"), "the symbols the feed kept away from the tape are named: \(error)")
        }
    }
}
