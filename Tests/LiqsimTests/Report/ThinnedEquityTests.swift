import Foundation
import Testing
import LiqsimBacktest
import LiqsimReport
import LiqsimResultFiles

/// A grid past `SweepEngine.curveRowBudget` keeps every k-th bar of each run's equity
/// (`curveStride` > 1), and the page then thins those rows again to its own budget. The
/// backtest draws its page from the runs in memory (`ReportData.written` and
/// `ResultTables.reportEquity`); `liqsim report` draws it from results.sqlite
/// (`ReportData.load`). On the generated 2-hour market at 1-second bars (~6,800 bars, 12
/// runs) with a row budget that forces a stride of 2, both must give the same page, and
/// every row must be the bar the stride names, ending at the last bar.
@Suite("Thinned equity curves (curve stride > 1)")
struct ThinnedEquityTests {
    struct Written: Sendable {
        var directory: String
        var stride: Int
        var bars: Int
        var runs: Int
        /// Every bar's close as the result files write it (`ResultText.time`).
        var closes: [String]
    }

    static let written: Written = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("liqsim-thinned-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let file = root + "/gen-1s.yaml"
        let text = BacktestMarkets.generatedScenario().replacingOccurrences(of: "bar: 1m", with: "bar: 1s")
        try! text.write(toFile: file, atomically: true, encoding: .utf8)
        let scenario = try! Scenario.load(path: file)
        let tape = try! MarketTape.build(scenario, levelMaps: true)
        let shared = SharedPass(scenario: scenario, tape: tape)
        let runs = scenario.grid.count, bars = tape.symbols[0].count
        // Half the rows a full curve would take: every second bar.
        let results = SweepEngine.run(shared, points: Array(0..<runs), jobs: 2, rowBudget: runs * bars / 2)
        let out = try! ResultsWriter(root: root + "/results").write(shared: shared, results: results, shard: .whole, jobs: 2)
        try! ReportPage.write(out.report, directory: out.directory, levelMaps: tape.levelMaps)
        return Written(directory: out.directory, stride: results[0].curveStride, bars: bars, runs: runs,
                       closes: tape.symbols[0].closeTime.map(ResultText.time))
    }()

    @Test func theStrideKeepsEveryKthBarEndingAtTheLast() throws {
        let w = Self.written
        #expect(w.stride == 2 && w.bars > 6_000, "the budget forces a stride: \(w.stride) over \(w.bars) bars")
        let text = try String(contentsOfFile: w.directory + "/equity.csv", encoding: .utf8)
        let lines = try CSVFields.parse(text)
        #expect(lines[0] == EquityRow.header)
        let rows = lines.dropFirst()
        let perRun = (w.bars + w.stride - 1) / w.stride
        #expect(rows.count == w.runs * perRun)
        // Each run's times are the closes of bars firstBar, firstBar + stride, …, the last bar.
        let firstBar = (w.bars - 1) % w.stride
        let kept = Array(Swift.stride(from: firstBar, to: w.bars, by: w.stride).map { w.closes[$0] })
        #expect(kept.last == w.closes.last)
        for run in 0..<w.runs {
            #expect(rows.filter { $0[0] == String(run) }.map { $0[1] } == kept, "run \(run)'s rows are the strided bars")
        }
    }

    /// The page `liqsim report` draws from results.sqlite is the backtest's own, byte for byte,
    /// and its equity is a subset of equity.csv's rows at the page's budget.
    @Test func reportRedrawsTheSamePageFromTheStoredRows() throws {
        let w = Self.written
        let tmp = try TempDir()
        let out = tmp.path("again.html")
        let result = try CLI.run(["report", w.directory, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: w.directory + "/report.html", encoding: .utf8)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == html, "the same page from results.sqlite")

        let page = try ReportFixture.pageData(html)
        let runs = try #require(page["runs"] as? [[String: Any]])
        #expect(runs.count == w.runs)
        let perRun = (w.bars + w.stride - 1) / w.stride
        let budget = ReportData.Equity.budget(runs: w.runs)
        #expect(perRun > budget, "the page thins the strided rows again: \(perRun) rows, budget \(budget)")
        let firstBar = (w.bars - 1) % w.stride
        for run in runs {
            let eq = try #require(run["eq"] as? [String: Any])
            #expect(eq["rows"] as? Int == perRun)
            let bars = try #require(eq["i"] as? [Int])
            #expect(bars.count <= budget && bars.count >= 6)
            #expect(bars.first == firstBar && bars.last == w.bars - 1, "the first and last kept rows stay")
            #expect(bars.allSatisfy { ($0 - firstBar) % w.stride == 0 }, "every point is a stored row's bar")
            #expect(bars == bars.sorted() && Set(bars).count == bars.count)
        }
    }
}
