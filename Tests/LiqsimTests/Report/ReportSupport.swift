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
        // As `liqsim backtest` does: the page after the files.
        try! ReportPage.write(directory: out.directory, levelMaps: tape.levelMaps)
        return Written(directory: out.directory, scenarioFile: file)
    }()

    static func csv(_ name: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOfFile: written.directory + "/" + name, encoding: .utf8)
        let lines = try CSVFields.parse(text)
        return (lines[0], Array(lines.dropFirst()))
    }

    /// The page's embedded JSON, parsed.
    static func pageData(_ html: String) throws -> [String: Any] {
        let start = html.range(of: "<script type=\"application/json\" id=\"report-data\">")!.upperBound
        let end = html.range(of: "</script>", range: start..<html.endIndex)!.lowerBound
        return try JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as! [String: Any]
    }
}
