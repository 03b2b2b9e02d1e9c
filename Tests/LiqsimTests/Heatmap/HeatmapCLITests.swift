import Foundation
import Testing
import LiqsimCore
import LiqsimSynth

/// 40 minutes of BTCUSDT and ETHUSDT from the generator: enough open-interest increases for levels.
private func smallCapture(_ tmp: TempDir) throws -> (capture: String, truth: String) {
    let spec = try SynthSpec.parse(synthTestSpec.replacingOccurrences(of: "duration: 2h", with: "duration: 40m"))
    let capture = tmp.path("small.lqc.zst"), truth = tmp.path("small-truth.jsonl")
    _ = try SynthGenerator(spec: spec).run(out: capture, truthPath: truth)
    return (capture, truth)
}

@Suite("liqsim heatmap")
struct HeatmapCLITests {
    /// Table by default; csv, json and svg are byte-identical across runs (determinism).
    @Test func outputsAreDeterministic() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (capture, _) = try smallCapture(tmp)
        let table = try CLI.run(["heatmap", capture, "--symbol", "BTCUSDT", "--bucket", "100", "--top", "4"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 6, "title, header and 4 levels:\n\(table.stdout)")
        #expect(lines[0].hasPrefix("BTCUSDT estimated liquidation levels at 2026-03-01T00:40:00.000Z"))
        #expect(lines[0].hasSuffix("bucket 100 USD"))
        for format in ["csv", "json"] {
            let a = try CLI.run(["heatmap", capture, "--symbol", "btcusdt", "--bucket", "100", "--interval", "1m", "--format", format, "--svg", tmp.path("a-\(format).svg")])
            let b = try CLI.run(["heatmap", capture, "--symbol", "BTCUSDT", "--bucket", "100", "--interval", "1m", "--format", format, "--svg", tmp.path("b-\(format).svg")])
            #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
            #expect(a.stdoutData == b.stdoutData)
            #expect(try Data(contentsOf: URL(fileURLWithPath: tmp.path("a-\(format).svg"))) == Data(contentsOf: URL(fileURLWithPath: tmp.path("b-\(format).svg"))))
        }
        let csv = try CLI.run(["heatmap", capture, "--symbol", "BTCUSDT", "--bucket", "100", "--interval", "10m", "--format", "csv"])
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows[0] == "time,price,long_usd,short_usd")
        let times = Set(rows.dropFirst().map { $0.split(separator: ",")[0] })
        #expect(times == ["2026-03-01T00:10:00.000Z", "2026-03-01T00:20:00.000Z", "2026-03-01T00:30:00.000Z", "2026-03-01T00:40:00.000Z"])
        let json = try CLI.run(["heatmap", capture, "--symbol", "BTCUSDT", "--bucket", "100", "--interval", "10m", "--format", "json", "--top", "3"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect(object["bucket"] as? String == "100")
        #expect(object["interval_s"] as? Int == 600)
        #expect((object["columns"] as? [Any])?.count == 4)
        #expect((object["top"] as? [Any])?.count == 3)
    }

    /// The picture: standalone SVG, both sides drawn in their colors, the price line on top.
    @Test func svgIsAStandalonePicture() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (capture, _) = try smallCapture(tmp)
        let r = try CLI.run(["heatmap", capture, "--symbol", "ETHUSDT", "--interval", "1m", "--svg", tmp.path("eth.svg")])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: tmp.path("eth.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"700\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("<g fill=\"#ff3b5c\">\n<rect"), "long levels drawn")
        #expect(svg.contains("<g fill=\"#2ee59d\">\n<rect"), "short levels drawn")
        #expect(svg.components(separatedBy: "<polyline").count == 2, "one price line")
        #expect(svg.contains("ETHUSDT estimated liquidation levels · bucket 5 USD · 1m columns"))
        #expect(svg.components(separatedBy: "http://").count == 2, "no external reference besides the namespace")
        // $1 buckets over BTC's ±20% of levels are ~32,000 rows for 626 pixel rows: drawn summed 100 at a time.
        let fine = try CLI.run(["heatmap", capture, "--symbol", "BTCUSDT", "--bucket", "1", "--svg", tmp.path("fine.svg")])
        #expect(fine.status == 0, "\(fine.stderr)")
        #expect(try String(contentsOfFile: tmp.path("fine.svg"), encoding: .utf8).contains("BTCUSDT estimated liquidation levels · bucket 100 USD"))
    }

    /// `--truth` prints the comparison with the generator's liquidation_levels snapshots.
    @Test func truthComparison() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (capture, truth) = try smallCapture(tmp)
        let r = try CLI.run(["heatmap", capture, "--symbol", "BTCUSDT", "--interval", "5m", "--truth", truth])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("vs ground truth: 2 snapshot sides"), "the 00:40 end snapshot, long and short:\n\(r.stdout)")
        let bad = try CLI.run(["heatmap", capture, "--symbol", "BTCUSDT", "--interval", "7m", "--truth", truth])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("no liquidation_levels snapshot of BTCUSDT at a column end"), "\(bad.stderr)")
    }

    /// Bad input found by the run: one sentence saying what is wrong and what to do, exit 2,
    /// nothing on stdout. Bad flag values are checked in-process (LiqsimCLITests).
    @Test func badInputExitsTwo() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (capture, _) = try smallCapture(tmp)
        let cases: [([String], String)] = [
            (["--symbol", "SOLUSDT"], "SOLUSDT is not in the capture (symbols: BTCUSDT, ETHUSDT); pass one of its symbols with --symbol"),
            (["--symbol", "BTCUSDT", "--at", "2020-01-01"], "--at 2020-01-01: the capture's first heatmap column ends at 2026-03-01T00:05:00.000Z; pass a later time"),
            (["--symbol", "BTCUSDT", "--truth", tmp.path("none.jsonl")], "none.jsonl: cannot read the truth file; pass a file written by `liqsim synth --truth`"),
            (["--symbol", "BTCUSDT", "--svg", tmp.path("no/such/dir/x.svg")], "cannot write --svg"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(["heatmap", capture] + args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.hasPrefix("liqsim: error: "), "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(args)")
        }
        let missing = try CLI.run(["heatmap", tmp.path("nope.lqc.zst"), "--symbol", "BTCUSDT"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.lqc.zst"))
    }

    @Test func helpHasAnExample() throws {
        let r = try CLI.run(["heatmap", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("liqsim heatmap captures/demo --symbol BTCUSDT"))
    }
}
