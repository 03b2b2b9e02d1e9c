import Foundation
import Testing
import LiqsimBacktest
import LiqsimCore
import LiqsimHeatmap
@testable import liqsim

/// The other commands' flags, parsed in-process.
@Suite("command arguments")
struct CommandArgumentTests {
    /// Refused in `validate()`: the message is the old one-line sentence, then the usage.
    @Test func refusedValuesAndCombinations() {
        let cases: [([String], String)] = [
            (["validate", "c.lqc.zst", "--format", "csv"], "bad --format 'csv': use one of table, json"),
            (["stats", "c.lqc.zst", "--format", "csv"], "bad --format 'csv': use one of table, md, json"),
            (["heatmap", "c.lqc.zst", "--symbol", "BTCUSDT", "--format", "md"], "bad --format 'md': use one of table, csv, json"),
            (["heatmap", "c.lqc.zst", "--symbol", "BTCUSDT", "--interval", "90ms"], "bad --interval '90ms': use whole seconds such as 1m, 5m or 1h"),
            (["heatmap", "c.lqc.zst", "--symbol", "BTCUSDT", "--top", "0"], "bad --top 0: use a positive number of levels"),
            (["heatmap", "c.lqc.zst", "--symbol", "BTCUSDT", "--mmr", "0.5"], "bad --mmr 0.5: use a rate from 0 to 0.2, e.g. 0.004"),
            (["heatmap", "c.lqc.zst", "--symbol", "BTCUSDT", "--truth", "t.jsonl", "--format", "csv"], "--truth prints a comparison table; drop --format csv or --truth"),
            (["compare", "results", "--top", "0"], "bad --top 0: give a positive number of runs"),
            (["backtest", "s.yaml", "--jobs", "0"], "bad --jobs 0: use 1 to 1024"),
            (["db", "cleanup", "s.sqlite", "--keep-days=-1"], "bad --keep-days -1: keep 0 or more days"),
            (["capture", "import", "a.jsonl", "--out", "x.zst"], "--out x.zst: captures are named *.lqc.zst; give a file name ending in .lqc.zst"),
            (["synth", "s.yaml", "--out", "x.zst"], "--out x.zst: captures are named *.lqc.zst; give a file name ending in .lqc.zst"),
        ]
        for (args, message) in cases {
            let failure = Parse.failure(args)
            #expect(failure?.code == 2, "\(args)")
            #expect(failure?.stderr.hasPrefix("liqsim: error: \(message)\nUsage: liqsim \(args[0]) ") == true, "\(args): \(failure?.stderr ?? "parsed")")
        }
    }

    /// Refused while parsing: the parser names the value and the flag, the help line the forms.
    @Test(arguments: [
        (["validate", "c", "--gap", "5x"], "--gap"), (["validate", "c", "--stale", "0s"], "--stale"), (["validate", "c", "--outlier=-5%"], "--outlier"),
        (["validate", "c", "--outlier", "ten"], "--outlier"), (["validate", "c", "--format", "xml"], "--format"),
        (["stats", "c", "--symbols", "BTC USDT"], "--symbols"), (["stats", "c", "--from", "yesterday"], "--from"),
        (["heatmap", "c", "--symbol", "BTCUSDT", "--bucket=-5"], "--bucket"), (["heatmap", "c", "--symbol", "BTCUSDT", "--bucket", "0.000000001"], "--bucket"),
        (["heatmap", "c", "--symbol", "BTCUSDT", "--tiers", "1:1"], "--tiers"), (["heatmap", "c", "--symbol", "BTCUSDT", "--at", "noon"], "--at"),
        (["heatmap", "c", "--symbol", ""], "--symbol"), (["compare", "r", "--format", "xml"], "--format"),
        (["backtest", "s.yaml", "--shard", "3/3"], "--shard"), (["backtest", "s.yaml", "--shard", "1"], "--shard"),
        (["db", "cleanup", "s.sqlite", "--keep-days", "many"], "--keep-days"),
    ])
    func badValues(_ args: [String], flag: String) {
        let failure = Parse.failure(args)
        #expect(failure?.code == 2, "\(args)")
        let line = failure.map { String($0.stderr.prefix { $0 != "\n" }) } ?? "parsed"
        #expect(line.hasPrefix("liqsim: error: The value '") && line.contains("' is invalid for '\(flag) <"), "\(args): \(line)")
        #expect(failure?.stderr.contains("\nHelp:  \(flag) <") == true, "\(args): the help line gives the forms")
    }

    @Test func missingRequiredFlags() {
        #expect(Parse.message(["db", "cleanup", "s.sqlite"]) == "liqsim: error: Missing expected argument '--keep-days <keep-days>'")
        #expect(Parse.message(["heatmap", "c"]) == "liqsim: error: Missing expected argument '--symbol <symbol>'")
        #expect(Parse.failure(["validate"])?.code == 2)
    }

    @Test func typedValues() throws {
        let validate = try Parse.command(["validate", "c", "--gap", "1.5s", "--stale", "2m", "--outlier", "11.5%", "--format", "json"], as: Liqsim.Validate.self)
        #expect(validate.gap.nanoseconds == 1_500_000_000 && validate.stale.nanoseconds == 120_000_000_000 && validate.outlier.percent == 11.5)
        #expect(validate.format == .json)
        let defaults = try Parse.command(["validate", "c"], as: Liqsim.Validate.self)
        #expect(defaults.gap.text == "30s" && defaults.stale.text == "5m" && defaults.outlier.percent == 10 && defaults.format == .table)

        let heatmap = try Parse.command(["heatmap", "c", "--symbol", "btcusdt", "--bucket", "0.5", "--interval", "1m", "--tiers", "10:0.5,25:0.5",
                                         "--mmr", "0.01", "--keep-on-open-interest-fall", "--at", "2026-03-01T00:10:00Z"], as: Liqsim.Heatmap.self)
        let p = heatmap.parameters
        #expect(p.symbol == Symbol("BTCUSDT")! && p.bucket == FixedDecimal("0.5") && p.interval == 60_000_000_000)
        #expect(p.tiers == [.init(leverage: 10, weight: 0.5), .init(leverage: 25, weight: 0.5)] && p.maintenanceMargin == 0.01 && !p.closeOnOpenInterestFall)
        #expect(heatmap.at?.time == UnixNanos(1_772_323_800_000_000_000))
        let auto = try Parse.command(["heatmap", "c", "--symbol", "ETHUSDT"], as: Liqsim.Heatmap.self).parameters
        #expect(auto.bucket == nil && auto.tiers == HeatmapParameters.defaultTiers && auto.interval == 300_000_000_000 && auto.closeOnOpenInterestFall)

        let stats = try Parse.command(["stats", "c", "--symbols", "ethusdt", "--from", "2026-01-01", "--format", "md"], as: Liqsim.Stats.self)
        #expect(stats.format == .markdown && stats.selection.symbols?.elements == [Symbol("ETHUSDT")!] && stats.selection.from?.time == UnixNanos(1_767_225_600_000_000_000))

        #expect(try Parse.command(["backtest", "s.yaml", "--shard", "2/4"], as: Liqsim.Backtest.self).shard == SweepEngine.Shard(index: 2, count: 4))
        #expect(try Parse.command(["compare", "r", "--format", "md"], as: Liqsim.Compare.self).format == .markdown)
    }
}
