import Foundation
import LiqsimCore
import LiqsimHeatmap
import LiqsimReplay
import LiqsimResultFiles

/// The liquidation-level heatmaps of an existing result directory, for `liqsim report`:
/// recomputed from the manifest's input captures when they are still there unchanged
/// (same SHA-256), otherwise a note saying why the panel is empty.
public enum ReportLevelMaps {
    public static func compute(_ data: ReportData) -> [Result<HeatmapGrid, HeatmapUnavailable>] {
        let symbols = data.bars.map(\.symbol)
        func missing(_ reason: String) -> [Result<HeatmapGrid, HeatmapUnavailable>] { symbols.map { .failure(HeatmapUnavailable(symbol: $0, reason: reason)) } }
        let inputs = data.manifest.inputs
        guard !inputs.isEmpty else { return missing("the manifest lists no input capture to compute it from") }
        for input in inputs {
            guard FileManager.default.fileExists(atPath: input.path) else {
                return missing("not drawn: the input capture \(input.path) is no longer there (run `liqsim report` where the backtest ran, or re-run it)")
            }
            guard FileDigest.sha256(file: input.path) == input.sha256 else {
                return missing("not drawn: the input capture \(input.path) changed since the backtest (its SHA-256 differs); re-run the backtest")
            }
        }
        // The scenario's own time window, as in the backtest's replay.
        let scenario = data.manifest.scenario.text.flatMap { try? Scenario.parse($0, file: data.manifest.scenario.file) }
        var options = ReplayOptions()
        options.from = scenario?.from
        options.to = scenario?.to
        let models = symbols.compactMap { Symbol($0) }.map { HeatmapModel(parameters: HeatmapParameters(symbol: $0)) }
        do {
            let summary = try ReplayEngine(paths: inputs.map(\.path), options: options).run(into: ObserverSink { event in for m in models { m.apply(event) } })
            if let reason = summary.incompleteReason { return missing("not drawn: the captures could not be read to the end (\(reason))") }
        } catch {
            return missing("not drawn: the captures could not be read (\(error))")
        }
        return models.map(MarketTape.levelMap)
    }
}
