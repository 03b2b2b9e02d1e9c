import Foundation
import Testing
import LiqsimCore
@testable import LiqsimBacktest
import LiqsimReport
import LiqsimResultFiles

/// Whole backtests over the generated 2-hour market: determinism, no look-ahead,
/// result files, compare, shards, CLI errors.
@Suite("Backtest runs")
struct BacktestRunTests {
    static func shared(_ text: String) throws -> SharedPass {
        let scenario = try Scenario.parse(text, file: "gen.yaml")
        return SharedPass(scenario: scenario, tape: try MarketTape.build(scenario))
    }

    @Test func theGeneratedMarketExercisesEveryRule() throws {
        let shared = try Self.shared(BacktestMarkets.generatedScenario())
        let tape = shared.tape.symbols[0]
        #expect(tape.count >= 110, "2 h of 1m bars")
        #expect(!tape.cascades.isEmpty, "the 01:00 shock is a cascade")
        // Episodes, not threshold moments: the $300 M shock's cascade is the largest, many
        // millions, detected inside the shock's minute; episodes do not overlap.
        let largest = try #require(tape.cascades.max { $0.longUSD + $0.shortUSD < $1.longUSD + $1.shortUSD })
        let shock = TimeArgument.parse("2026-03-01T01:00:00Z")!.rawValue
        #expect(largest.longUSD + largest.shortUSD > 5_000_000 && largest.longUSD > largest.shortUSD, "\(largest)")
        #expect(largest.time >= shock && largest.time <= shock + 60_000_000_000)
        #expect(largest.endTime >= largest.time && largest.liquidations >= 5)
        for (a, b) in zip(tape.cascades, tape.cascades.dropFirst()) { #expect(a.endTime < b.time) }
        let point = shared.scenario.grid.point(shared.scenario.grid.count - 1)
        for rule in ["trend", "range", "cascade"] {
            let signal = try #require(shared.signal(rule, for: point))
            #expect(signal.activeBars > 0, "\(rule) never fired on the generated market")
        }
        let results = SweepEngine.run(shared, points: Array(0..<shared.scenario.grid.count), jobs: 2)
        #expect(results.count == 12)
        #expect(results.contains { $0.metrics.trades > 0 })
        #expect(results.map(\.point.index) == Array(0..<12))
    }

    /// A run on the capture cut at time t decides exactly as the full run before t.
    @Test func noLookAhead() throws {
        let full = try Self.shared(BacktestMarkets.generatedScenario())
        let cut = full.tape.symbols[0].closeTime[70]
        let truncatedText = BacktestMarkets.generatedScenario().replacingOccurrences(
            of: "symbols: [BTCUSDT]}", with: "symbols: [BTCUSDT], to: \(cut)}")
        let truncated = try Self.shared(truncatedText)
        let n = truncated.tape.symbols[0].count
        #expect(n > 60 && n < full.tape.symbols[0].count)
        #expect(Array(full.tape.symbols[0].closeTime.prefix(n)) == truncated.tape.symbols[0].closeTime)
        for k in 0..<full.scenario.grid.count {
            let p = full.scenario.grid.point(k)
            for rule in full.scenario.strategies {
                let a = try #require(full.signal(rule, for: p)), b = try #require(truncated.signal(rule, for: p))
                #expect(Array(a.signal.prefix(n)) == b.signal && Array(a.confidence.prefix(n)) == b.confidence, "\(rule) at run \(k)")
            }
        }
        let a = SweepEngine.run(full, points: Array(0..<12), jobs: 1), b = SweepEngine.run(truncated, points: Array(0..<12), jobs: 1)
        for (x, y) in zip(a, b) {
            #expect(Array(x.equity.prefix(n)) == y.equity, "run \(x.point.index): equity before the cut")
            #expect(Array(x.position.prefix(n)) == y.position)
            let before = x.trades.filter { !$0.openAtEnd && $0.exitTime <= cut }
            #expect(Array(y.trades.prefix(before.count)) == before, "run \(x.point.index): closed trades before the cut")
        }
    }

    @Test func resultsAreIdenticalForOneAndTwoJobsAndAcrossRuns() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let scenario = tmp.path("gen.yaml")
        try BacktestMarkets.generatedScenario().write(toFile: scenario, atomically: true, encoding: .utf8)
        var digests: [String] = [], files: [[Data]] = []
        for (jobs, out) in [(1, "a"), (2, "b"), (2, "c")] {
            let r = try CLI.run(["backtest", scenario, "--out", tmp.path(out), "--jobs", String(jobs)])
            #expect(r.status == 0, "\(r.stderr)")
            let digest = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("digest: ") })
            digests.append(String(digest.dropFirst(8)))
            let dir = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("results: ") }).dropFirst(9)
            files.append(try ["runs.csv", "trades.csv", "equity.csv", "summary.md"].map { try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\($0)")) })
            let manifest = try String(contentsOfFile: "\(dir)/manifest.json", encoding: .utf8)
            #expect(manifest.contains("\"digest\": \"\(digests.last!)\""))
            #expect(manifest.contains(BacktestMarkets.generated) && manifest.contains("\"sha256\""))
            for name in ["results.sqlite", "manifest.json"] { #expect(FileManager.default.fileExists(atPath: "\(dir)/\(name)")) }
        }
        #expect(Set(digests).count == 1, "digest independent of --jobs and of the output path")
        #expect(files[0] == files[1] && files[1] == files[2])
        let runs = String(decoding: files[0][0], as: UTF8.self).split(separator: "\n")
        #expect(runs.count == 13)
        #expect(runs[0] == "run,symbol,trend.weight,range.weight,cascade.weight,total_return_pct,sharpe,sortino,max_drawdown_pct,trades,win_rate_pct,profit_factor,exposure_pct,fees_usd,funding_usd,final_equity_usd,"
                + "liquidations,bars,days,skew,kurtosis,sharpe_se,psr,dsr")
    }

    @Test func shardsMergeInCompareToTheWholeGrid() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let scenario = tmp.path("gen.yaml")
        try BacktestMarkets.generatedScenario().write(toFile: scenario, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["backtest", scenario, "--out", tmp.path("whole"), "--quiet"]).status == 0)
        for i in 0..<3 {
            let r = try CLI.run(["backtest", scenario, "--out", tmp.path("shards"), "--shard", "\(i)/3", "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("-shard-\(i)-of-3"))
        }
        let whole = try CLI.run(["compare", tmp.path("whole/gen"), "--format", "csv"])
        let merged = try CLI.run(["compare", tmp.path("shards/gen"), "--format", "csv"])
        #expect(whole.status == 0 && merged.status == 0, "\(merged.stderr)")
        #expect(whole.stdout == merged.stdout)
        #expect(whole.stdout.split(separator: "\n").count == 13)
        let table = try CLI.run(["compare", tmp.path("shards"), "--sort", "total_return_pct", "--top", "3"])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 2 + 3 + 1 + 2, "header, rule, 3 rows, legend, the notes that Binance totals are lower bounds and that 2 hours is under 30 days")
        #expect(lines.contains { $0.hasPrefix("gen: liquidation counts and USD from binance-usdm are lower bounds") })
        #expect(lines.contains { $0.contains("under 30") })
        #expect(lines[2].contains("*"), "the best row carries the best value of the sort column")
        let json = try CLI.run(["compare", tmp.path("whole"), "--format", "json", "--top", "2"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rows = object?["rows"] as? [[String: Any]]
        #expect(rows?.count == 2)
        #expect(rows?.first?["run"] is NSNumber && rows?.first?["symbol"] is String)
        // A missing shard is said, not silently dropped.
        let shardDirs = try FileManager.default.contentsOfDirectory(atPath: tmp.path("shards/gen"))
        let one = try #require(shardDirs.first { $0.hasSuffix("-shard-1-of-3") })
        try FileManager.default.removeItem(atPath: tmp.path("shards/gen/" + one))
        let partial = try CLI.run(["compare", tmp.path("shards/gen")])
        #expect(partial.stdout.contains("shards 1 of 3 missing"), "\(partial.stdout)")
    }

    @Test func compareRanksBestFirstAndMarksEachColumnsBest() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let dir = tmp.path("r/x/20260101T000000Z")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
            {"scenario": {"name": "x", "sha256": "abc"}, "shard": "0/1", "created": "20260101T000000Z", "digest": "d"}
            """.write(toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
        let header = "run,symbol,trend.weight," + RunColumns.performance.joined(separator: ",")   // a file from before the significance columns
        try [header,
             "0,BTCUSDT,0,1.0000,0.5000,0.6000,5.0000,3,33.3333,1.2000,40.0000,12.00,-1.00,101000.00",
             "1,BTCUSDT,1,-2.0000,1.5000,0.1000,2.0000,4,50.0000,inf,10.0000,30.00,2.00,98000.00"]
            .joined(separator: "\n").write(toFile: dir + "/runs.csv", atomically: true, encoding: .utf8)
        let t = try CompareTable(try ResultDirectory.find(tmp.path("r")))
        #expect(t.rows.map { $0[0] } == ["1", "0"], "sharpe 1.5 first")
        let c = { (name: String) in t.columns.firstIndex(of: name)! }
        #expect(t.best[c("sharpe")] == [0] && t.best[c("total_return_pct")] == [1])
        #expect(t.best[c("max_drawdown_pct")] == [0], "smaller drawdown is better")
        #expect(t.best[c("fees_usd")] == [1] && t.best[c("profit_factor")] == [0])
        // Best values are found over all runs: with --top 1 the hidden row's bests are not marked.
        let top = try CompareTable(try ResultDirectory.find(tmp.path("r")), top: 1)
        #expect(top.best[c("sharpe")] == [0] && top.best[c("total_return_pct")] == [])
        let md = t.render(.md)
        #expect(md.contains("**1.5000**") && md.contains("**inf**"))
        #expect(throws: CompareError.self) { try CompareTable(try ResultDirectory.find(tmp.path("r")), sort: "sharp") }
    }

    /// A scenario with only the cascade rule (no trend window axis) writes complete results;
    /// a shard beyond the grid is not an error (spare batch-job indices).
    @Test func cascadeOnlyScenarioAndSpareShards() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let text = BacktestMarkets.generatedScenario().components(separatedBy: "strategies:")[0]
            + "strategies:\n  cascade: {weight: [1, 2], mode: follow, lookback: 3, min_conditions: 2}\n"
        try text.write(toFile: tmp.path("c.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["backtest", tmp.path("c.yaml"), "--out", tmp.path("o"), "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let dir = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for name in ["runs.csv", "trades.csv", "equity.csv", "summary.md", "results.sqlite", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + name), "\(name)")
        }
        let spare = try CLI.run(["backtest", tmp.path("c.yaml"), "--out", tmp.path("o"), "--shard", "5/8"])
        #expect(spare.status == 0 && spare.stderr.contains("holds no grid point"), "\(spare.stderr)")
    }

    @Test func badInputsExitWithTwo() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let bad = tmp.path("bad.yaml")
        try "name: x\ndata: {captures: [/nope], symbols: [BTCUSDT]}\nstrategies: {trend: {weight: 1}}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["backtest", bad])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.yaml:2") && r.stderr.contains("data.captures"))
        let absent = try CLI.run(["backtest", tmp.path("absent.yaml")])
        #expect(absent.status == 2 && absent.stderr.contains("absent.yaml"))
        let wrongSymbol = tmp.path("sym.yaml")
        try BacktestMarkets.generatedScenario().replacingOccurrences(of: "symbols: [BTCUSDT]", with: "symbols: [SOLUSDT]")
            .write(toFile: wrongSymbol, atomically: true, encoding: .utf8)
        let s = try CLI.run(["backtest", wrongSymbol, "--out", tmp.path("o")])
        #expect(s.status == 2 && s.stderr.contains("SOLUSDT"), "\(s.stderr)")
        #expect(try CLI.run(["compare", tmp.path("nothing")]).status == 2)
        try Data().write(to: URL(fileURLWithPath: tmp.path("file")))
        let out = try CLI.run(["backtest", wrongSymbol, "--out", tmp.path("file")])
        #expect(out.status == 2 && out.stderr.contains("exists and is not a directory"), "\(out.stderr)")
    }
}
