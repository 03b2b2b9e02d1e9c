import Foundation
import Testing
import LiqsimCore
import LiqsimHeatmap
import LiqsimReplay
import LiqsimSession
import LiqsimSynth

/// The demo market's shape in 8 hours of BTCUSDT (small enough for debug builds): a quiet
/// range, an up-trend that crowds longs, a sell shock with a volatility burst, a down-trend.
let heatmapTruthSpec = """
    name: heatmap-truth
    seed: 20260101
    start: 2026-01-01T00:00:00Z
    duration: 8h
    symbols:
      - {symbol: BTCUSDT, price: 87000, volatility: 0.45, tick: "0.1", lot: "0.001", okx_ct_val: "0.01"}
    traders: {trade_rate: 3, open_rate: 0.4, median_notional_usd: 25000, size_sigma: 1.3, median_trade_usd: 4000, holding_mean: 6h, initial_positions: 4000}
    impact_bps_per_million: 2.5
    regimes:
      - {at: 00:00, duration: 3h, kind: range, strength: 0.6}
      - {at: 03:00, duration: 3h, kind: trend_up, strength: 0.004}
      - {at: 06:00, duration: 1h, kind: volatility_burst, volatility: 2.5}
      - {at: 06:00, duration: 2h, kind: trend_down, strength: 0.003}
    shocks:
      - {at: "06:00", symbol: BTCUSDT, direction: down, size_usd: 400000000, duration: 90s}
    """

@Suite("Heatmap vs ground truth")
struct HeatmapTruthTests {
    /// The check: the heatmap's peak levels are within one price bucket of the
    /// generator's true liquidation clusters. At every hourly truth snapshot and for each
    /// side, a true cluster is a bucket holding at least half the side's largest true bucket
    /// (HeatmapTruthCheck). On the 24 h demo the same check gives 47/48 (BTCUSDT) and 45/48
    /// (ETHUSDT) for the strongest level (docs/heatmap.md).
    @Test func peaksSitOnTheGeneratorsTrueClusters() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let spec = try SynthSpec.parse(heatmapTruthSpec)
        let capture = tmp.path("h.lqc.zst"), truth = tmp.path("h-truth.jsonl")
        _ = try SynthGenerator(spec: spec).run(out: capture, truthPath: truth)
        let model = HeatmapModel(parameters: HeatmapParameters(symbol: Symbol("BTCUSDT")!))
        // As `liqsim heatmap` feeds it: the engine's events, no pipeline.
        _ = try ReplayEngine(paths: [capture], options: ReplayOptions()).run(into: ObserverSink(model.apply))
        let grid = model.finish()
        #expect(grid.bucket == FixedDecimal("200")!)
        let snapshots = try HeatmapTruthCheck.load(path: truth, symbol: Symbol("BTCUSDT")!)
        #expect(snapshots.count == 8)
        let comparisons = HeatmapTruthCheck.compare(grid, with: snapshots)
        #expect(comparisons.count == 16, "every hourly snapshot meets a column end, both sides")
        let score = HeatmapTruthCheck.Score(comparisons)
        let report = HeatmapTruthCheck.report(comparisons, grid: grid)
        #expect(score.strongest >= 15, "strongest level per side and hour near a true cluster\n\(report)")
        #expect(score.top * 10 >= score.topCount * 8, "top-3 levels near a true cluster\n\(report)")
        #expect(score.largest * 10 >= score.comparisons * 7, "largest true bucket near a top-3 level\n\(report)")
    }
}
