import Foundation
import Testing
@testable import LiqsimBacktest
import LiqsimReport
import LiqsimResultFiles

/// Walk-forward on a market that rises for 20 minutes and falls for 20, with the test-only
/// constant rule long (weight 1, run 1) or short (weight −1, run 0): the best weights change
/// halfway, and the folds must follow.
@Suite("Backtest walk-forward")
struct WalkForwardTests {
    static let prices: [Double] = (0..<20).map { 100 + Double($0) } + (0..<20).map { 118 - Double($0) }

    static func scenario(_ capture: String, validation: String = "{walk_forward: {train: 5m, test: 5m}, pbo: {splits: 4}}") throws -> Scenario {
        try Scenario.parse("""
            name: wf
            data: {captures: [\(capture)], symbols: [BTCUSDT]}
            bar: 1m
            account: {equity_usd: 10000, max_leverage: 1}
            execution: {fee_bps: 0, slippage_bps: 0, latency_ms: 0, funding: false, rebalance: 0.5}
            strategies:
              constant: {weight: [-1, 1], level: 1}
            validation: \(validation)
            """, file: "wf.yaml", rules: FourRuleSweepTests.rules)
    }

    static func shared(_ tmp: TempDir, validation: String? = nil) throws -> SharedPass {
        let capture = tmp.path("turn.lqc.zst")
        if !FileManager.default.fileExists(atPath: capture) { try ScriptedMarket.write(capture, prices: prices) }
        let s = try validation.map { try scenario(capture, validation: $0) } ?? scenario(capture)
        return SharedPass(scenario: s, tape: try MarketTape.build(s))
    }

    @Test func foldsPickTheWeightsThatWonTheirTrainWindow() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let shared = try Self.shared(tmp)
        let settings = try #require(shared.scenario.validation.walkForward)
        #expect(settings == .init(train: 300_000_000_000, test: 300_000_000_000, step: 300_000_000_000, anchored: false, metric: "sharpe"))
        let result = try #require(WalkForward.run(shared, settings: settings, jobs: 2))
        let minute: Int64 = 60_000_000_000, t0 = ScriptedMarket.t0
        #expect(result.folds.map(\.run) == [1, 1, 1, 1, 0, 0, 0], "long while it rose, short once the train window fell")
        #expect(result.folds.map(\.testFrom) == (0..<7).map { t0 + (5 + 5 * Int64($0)) * minute })
        #expect(result.folds.map(\.trainFrom) == (0..<7).map { t0 + 5 * Int64($0) * minute })
        #expect(result.folds.allSatisfy { $0.inSample.sharpe > 0 && $0.time.count == 5 })
        #expect(result.folds[3].outOfSample.totalReturnPct < 0, "the fold trained on the last rise trades the first fall")
        #expect(result.folds[4].outOfSample.totalReturnPct > 0)
    }

    /// The stitched curve is the test windows simulated one by one, each from flat with the
    /// equity the last one ended with — and each segment's end is the hand formula
    /// E₀ + q × (last close − fill), q = ±E₀ ÷ the first close.
    @Test func theStitchedCurveEqualsIndependentlySimulatedSegments() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let shared = try Self.shared(tmp)
        let result = try #require(WalkForward.run(shared, settings: shared.scenario.validation.walkForward!, jobs: 1))
        let tape = shared.tape.symbols[0]
        let fills = LatencyFill(latencyNanos: 0).schedule(tape)
        var equity = 10_000.0, stitched: [Double] = []
        for fold in result.folds {
            let range = WalkForward.bars(tape, from: fold.testFrom, to: fold.testTo)
            let point = shared.scenario.grid.point(fold.run)
            var model = DefaultExecution(point: point, tiers: shared.scenario.marginTiers(for: "BTCUSDT"))
            model.equityUSD = equity
            let segment = shared.simulator(for: point).run(weights: shared.weights(of: point), model: model, record: true, bars: range)
            #expect(segment.equity == fold.equity && Array(tape.closeTime[range]) == fold.time)
            let side = fold.run == 1 ? 1.0 : -1.0
            let q = side * equity / tape.close[range.lowerBound]
            let end = equity + q * (tape.close[range.upperBound - 1] - fills.price[range.lowerBound])
            #expect(abs(segment.metrics.finalEquityUSD - end) < 1e-9)
            stitched += segment.equity
            equity = segment.metrics.finalEquityUSD
        }
        #expect(result.folds.flatMap(\.equity) == stitched)
        #expect(abs(result.outOfSample.finalEquityUSD - equity) < 1e-9)
        #expect(abs(result.outOfSample.totalReturnPct - (equity / 10_000 - 1) * 100) < 1e-9)
        #expect(result.outOfSample.bars == 35)
    }

    @Test func anchoredWindowsStartAtTheDataStart() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let shared = try Self.shared(tmp, validation: "{walk_forward: {train: 10m, test: 10m, step: 10m, mode: anchored}}")
        let result = try #require(WalkForward.run(shared, settings: shared.scenario.validation.walkForward!, jobs: 1))
        #expect(result.folds.count == 3 && result.folds.allSatisfy { $0.trainFrom == ScriptedMarket.t0 })
        #expect(result.folds.map(\.run) == [1, 1, 1], "anchored at the start, the rise outweighs the fall until 30m")
    }

    /// The backtest writes the folds, the stitched curve and PBO; compare and the report show
    /// in-sample and out-of-sample side by side.
    @Test func resultFilesCompareAndReportShowInAndOutOfSample() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("turn.lqc.zst")
        try ScriptedMarket.write(capture, prices: Self.prices)
        var warnings: [String] = []
        let run = try #require(try BacktestRun.run(scenario: try Self.scenario(capture), out: tmp.path("results"), jobs: 2, warning: { warnings.append($0) }))
        #expect(warnings.contains { $0.contains("under 30") })
        let directory = try ResultDirectory.load(run.written.directory)
        #expect(directory.folds.map(\.run) == [1, 1, 1, 1, 0, 0, 0])
        #expect(directory.folds[0].inSample[1] > 0 && directory.folds[0].chosenBy == "sharpe")
        let summary = try #require(directory.validation)
        #expect(summary["walk_forward_folds"] == "7" && summary["pbo_splits"] == "4" && summary["pbo_trials"] == "2")
        #expect(summary["oos_total_return_pct"] == RunColumns.text("total_return_pct", run.validation.walkForward!.outOfSample.totalReturnPct))
        let oos = try String(contentsOfFile: run.written.directory + "/oos_equity.csv", encoding: .utf8)
        #expect(oos.split(separator: "\n").count == 36 && oos.hasPrefix("time,fold,run,equity_usd\n"))
        let text = try CompareTable([directory]).render(.table)
        #expect(text.contains("IS sharpe") && text.contains("OOS sharpe") && text.contains("probability of backtest overfitting"))
        #expect(text.contains("rows sorted by sharpe (annualised, not adjusted"))
        let page = ReportPage.render(try ReportData.load(directory: run.written.directory))
        #expect(page.contains("id=\"validation\"") && page.contains("id=\"folds-table\"") && page.contains("id=\"oos-equity\""))
        #expect(page.contains("id=\"short-span\""))
        #expect(ReportPage.render(run.written.report) == page, "the backtest's own page (no second read) is the page of the files")
        let markdown = try String(contentsOfFile: run.written.directory + "/summary.md", encoding: .utf8)
        #expect(markdown.contains("## Walk-forward (out of sample)") && markdown.contains("## Probability of backtest overfitting"))
        #expect(markdown.contains("**warning**") && markdown.contains("by luck alone"))
        // The validation files are results: in the digest, which --jobs does not change.
        let again = try #require(try BacktestRun.run(scenario: try Self.scenario(capture), out: tmp.path("results"), jobs: 1))
        #expect(again.written.digest == run.written.digest && again.written.directory != run.written.directory)
        let plain = try #require(try BacktestRun.run(scenario: try Self.scenario(capture, validation: "{}"), out: tmp.path("plain"), jobs: 1))
        #expect(plain.written.digest != run.written.digest && !FileManager.default.fileExists(atPath: plain.written.directory + "/folds.csv"))
    }
}
