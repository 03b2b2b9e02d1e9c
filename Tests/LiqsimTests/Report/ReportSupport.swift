import Foundation
import LiqsimBacktest
import LiqsimReport
import LiqsimResultFiles

/// One backtest of the generated 2-hour market (12 runs) written once per test process,
/// with report.html, for the report tests that need a real result directory.
enum ReportFixture {
    struct Written: Sendable {
        var directory: String
        var scenarioFile: String
    }

    static let written: Written = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("liqsim-report-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let file = root + "/gen.yaml"
        try! BacktestMarkets.generatedScenario().write(toFile: file, atomically: true, encoding: .utf8)
        let scenario = try! Scenario.load(path: file)
        let tape = try! MarketTape.build(scenario, levelMaps: true)
        let shared = SharedPass(scenario: scenario, tape: tape)
        let results = SweepEngine.run(shared, points: Array(0..<scenario.grid.count), jobs: 2)
        let out = try! ResultsWriter(root: root + "/results").write(shared: shared, results: results, shard: .whole, jobs: 2)
        // As `liqsim backtest` does: the page after the files, from what was written (`liqsim report` reads the files: the same bytes).
        try! ReportPage.write(out.report, directory: out.directory, levelMaps: tape.levelMaps)
        return Written(directory: out.directory, scenarioFile: file)
    }()

    static func csv(_ name: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOfFile: written.directory + "/" + name, encoding: .utf8)
        let lines = try CSVFields.parse(text)
        return (lines[0], Array(lines.dropFirst()))
    }

    /// The page's embedded JSON, parsed, with each run's packed equity and trades expanded
    /// as the page's script expands them (`unpack` in report.js) into the plain arrays.
    static func pageData(_ html: String) throws -> [String: Any] {
        let start = html.range(of: "<script type=\"application/json\" id=\"report-data\">")!.upperBound
        let end = html.range(of: "</script>", range: start..<html.endIndex)!.lowerBound
        var page = try JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as! [String: Any]
        let reasons = page["reasons"] as? [String] ?? []
        page["runs"] = (page["runs"] as? [[String: Any]])?.map { run in
            var run = run
            if var eq = run["eq"] as? [String: Any], let z = eq["z"] as? String, let a = ReportPacking.unpack(z) {
                let n = a.count / 3
                func sums(_ s: ArraySlice<Int64>) -> [Int64] { var v: Int64 = 0; return s.map { v += $0; return v } }
                eq["i"] = sums(a[0..<n]).map { Int($0) }
                eq["e"] = sums(a[n..<2 * n]).map { Double($0) / 100 }
                eq["d"] = sums(a[2 * n..<3 * n]).map { Double($0) / 10_000 }
                run["eq"] = eq
            }
            if let tz = run["tz"] as? String, let t = ReportPacking.unpack(tz), let px = run["px"] as? Int {
                let unit = pow(10, Double(px))
                var entry: Int64 = 0, price: Int64 = 0, trades: [[Any]] = []
                for k in stride(from: 0, to: t.count - 6, by: 7) {
                    entry += t[k + 2]
                    let pe = price + t[k + 4]
                    price = pe + t[k + 5]
                    trades.append([t[k] % 2 == 1 ? 1 : -1, entry, Double(pe) / unit, entry + t[k + 3], Double(price) / unit, Double(t[k + 6]) / 100,
                                   t[k] >= 2 ? 1 : 0, reasons[Int(t[k + 1])]])
                }
                run["tr"] = trades
            }
            return run
        }
        return page
    }
}
