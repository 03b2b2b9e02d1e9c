import Foundation
import Testing
import LiqsimBacktest
import LiqsimCore
import LiqsimReport
import LiqsimResultFiles

/// report.html of a real backtest: its data are the result files' data, `liqsim report`
/// draws the same page again, and the digest does not cover it.
@Suite("Report of a result directory")
struct ReportDirectoryTests {
    var html: String { get throws { try String(contentsOfFile: ReportFixture.written.directory + "/report.html", encoding: .utf8) } }

    @Test func runsAndMetricGridValuesAreRunsCSV() throws {
        let page = try ReportFixture.pageData(try html)
        let (header, rows) = try ReportFixture.csv("runs.csv")
        let first = try #require(header.firstIndex(of: "total_return_pct"))
        #expect(page["params"] as? [String] == Array(header[1..<first]))
        #expect(page["metrics"] as? [String] == Array(header[first...]))
        let runs = try #require(page["runs"] as? [[String: Any]])
        #expect(runs.count == 12 && rows.count == 12)
        for (run, row) in zip(runs, rows) {
            #expect(run["id"] as? Int == Int(row[0]))
            #expect(run["p"] as? [String] == Array(row[1..<first]))
            #expect(run["m"] as? [String] == Array(row[first...]), "the metric heatmap colours and labels these texts")
        }
        let sharpe = header.firstIndex(of: "sharpe")!
        let best = rows.max { (Double($0[sharpe])!, -Int($0[0])!) < (Double($1[sharpe])!, -Int($1[0])!) }!
        #expect(page["best"] as? Int == Int(best[0]) && page["chosen"] as? Int == Int(best[0]))
    }

    @Test func equityPointsAreEquityCSVRows() throws {
        let page = try ReportFixture.pageData(try html)
        let (_, rows) = try ReportFixture.csv("equity.csv")
        let runs = try #require(page["runs"] as? [[String: Any]])
        let symbol = try #require((page["symbols"] as? [[String: Any]])?.first)
        let closes = (symbol["ct"] ?? symbol["t"]) as! [Int64]
        for run in runs {
            let id = run["id"] as! Int
            let eq = try #require(run["eq"] as? [String: Any])
            let expected = rows.filter { Int($0[0]) == id }
            let e = eq["e"] as! [Double], d = eq["d"] as! [Double], t = (eq["i"] as! [Int]).map { closes[$0] }
            #expect(eq["rows"] as? Int == expected.count && e.count == expected.count, "12 runs: no thinning")
            for (k, row) in expected.enumerated() {
                #expect(e[k] == Double(row[2]) && d[k] == Double(row[3]), "run \(id) row \(k)")
                #expect(t[k] == TimeArgument.parse(row[1])!.rawValue / 1_000_000)
            }
        }
    }

    @Test func tradesCascadesAndLevelsAreOnThePage() throws {
        let html = try html
        let page = try ReportFixture.pageData(html)
        let (_, trades) = try ReportFixture.csv("trades.csv")
        for run in page["runs"] as! [[String: Any]] {
            let id = run["id"] as! Int
            #expect((run["tr"] as! [[Any]]).count == trades.filter { Int($0[0]) == id }.count, "run \(id)")
        }
        let cascades = try String(contentsOfFile: ReportFixture.written.directory + "/summary.md", encoding: .utf8)
        let count = Int(cascades.components(separatedBy: " cascades,")[0].split(separator: " ").last!)!
        #expect(count > 0)
        #expect(html.contains("<h2>Cascades <span class=\"count\">\(count)</span></h2>"))
        #expect(html.components(separatedBy: "<tr><td>2026-").count - 1 == count)
        #expect(html.contains("<div class=\"scroll heatmap\">\n<svg"), "the liquidation-level heatmap is drawn")
        #expect(html.contains("BTCUSDT estimated liquidation levels"))
    }

    @Test func reportCommandRedrawsTheSamePageAndTheDigestIgnoresIt() throws {
        let dir = ReportFixture.written.directory
        let tmp = try TempDir()
        let out = tmp.path("again.html")
        let result = try CLI.run(["report", dir, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == out + "\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == (try html), "the captures are unchanged: the same page")
        let chosen = try CLI.run(["report", dir, "--run", "3", "--out", out])
        #expect(chosen.status == 0)
        let page = try ReportFixture.pageData(try String(contentsOfFile: out, encoding: .utf8))
        #expect(page["chosen"] as? Int == 3)
        let manifest = try String(contentsOfFile: dir + "/manifest.json", encoding: .utf8)
        #expect(!manifest.contains("report.html"))
    }

    @Test func reportCommandErrorsSayWhatToDo() throws {
        let tmp = try TempDir()
        let missing = try CLI.run(["report", tmp.path("nope")])
        #expect(missing.status == 2)
        #expect(missing.stderr == "liqsim: error: \(tmp.path("nope")): no such directory; give a result directory such as results/cascade/<run-stamp>\n")
        let empty = try CLI.run(["report", tmp.url.path])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("manifest.json: missing or not a liqsim manifest; give a result directory"))
        let badRun = try CLI.run(["report", ReportFixture.written.directory, "--run", "99"])
        #expect(badRun.status == 2)
        #expect(badRun.stderr.contains("--run 99: no such run in") && badRun.stderr.contains("(runs 0…11); pick one from `liqsim compare"))
    }

    @Test func levelsPanelSaysWhyWhenTheCapturesAreGone() throws {
        var data = try ReportData.load(directory: ReportFixture.written.directory)
        data.manifest.inputs[0].path += ".moved"
        let maps = ReportLevelMaps.compute(data)
        guard case .failure(let gap) = try #require(maps.first) else { Issue.record("expected a note"); return }
        let reason = gap.reason
        #expect(gap.symbol == "BTCUSDT" && reason.hasPrefix("not drawn: the input capture ") && reason.contains(".moved is no longer there"))
        data.manifest.inputs[0].path.removeLast(6)
        data.manifest.inputs[0].sha256 = String(repeating: "0", count: 64)
        guard case .failure(let changed) = ReportLevelMaps.compute(data).first! else { Issue.record("expected a note"); return }
        #expect(changed.reason.contains("changed since the backtest"))
    }
}
