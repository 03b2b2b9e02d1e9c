import Foundation
import Testing
import LiqsimResultFiles
import LiqsimSQLite

/// Binance publishes at most one liquidation per symbol per second: its totals are lower
/// bounds, and every output that shows them says so (issue 12). The bars table names the
/// trend window the rules used.
@Suite("Lower bounds and windows in the result files")
struct LowerBoundTests {
    @Test func resultFilesSayWhatIsALowerBound() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let scenario = tmp.path("gen.yaml")
        try BacktestMarkets.generatedScenario().write(toFile: scenario, atomically: true, encoding: .utf8)
        let r = try CLI.run(["backtest", scenario, "--out", tmp.path("out")])
        #expect(r.status == 0, "\(r.stderr)")
        let dir = String(try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("results: ") }).dropFirst(9))

        // manifest.json: BTCUSDT's Binance totals. The generator sends Binance's snapshot
        // rule exactly (one per second), so every published liquidation is its own capped second.
        let manifest = try Manifest.load(directory: dir)
        let bound = try #require(manifest.lowerBounds.first)
        #expect(manifest.lowerBounds.count == 1 && bound.symbol == "BTCUSDT" && bound.exchange == "binance-usdm")
        #expect(bound.liquidations > 0 && bound.cappedSeconds == bound.liquidations && bound.usd > 0)

        let summary = try String(contentsOfFile: dir + "/summary.md", encoding: .utf8)
        #expect(summary.contains("  - " + bound.sentence + "\n"), "\(summary)")

        // results.sqlite: cascades with Binance in them are flagged; bars name their trend window (the trend rule's 30).
        let db = try SQLiteDatabase(path: dir + "/results.sqlite", create: false)
        let cascades = try db.query("SELECT exchanges, lower_bound FROM cascades")
        #expect(!cascades.isEmpty)
        for row in cascades { #expect((row[1].int64 == 1) == (row[0].text ?? "").contains("binance-usdm"), "\(row)") }
        #expect(try db.query("SELECT DISTINCT trend_window FROM bars").map { $0[0].int64 } == [30])

        // report.html: the note and the ≥ marks; compare: the note under the table.
        let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        #expect(html.contains("<p class=\"note\" id=\"lower-bounds\">Lower bounds"))
        #expect(html.contains("at its one-per-second maximum in \(bound.cappedSeconds) s"))
        #expect(cascades.contains { $0[1].int64 == 1 } == html.contains("<span class=\"lower-bound\""))
        #expect(html.contains("trend over 30 bars"))
        let compare = try CLI.run(["compare", dir])
        #expect(compare.stdout.contains("gen: liquidation counts and USD from binance-usdm are lower bounds (at most one liquidation per symbol per second "
                                        + "is published): binance-usdm BTCUSDT \(bound.liquidations) liquidations, \(bound.cappedSeconds) s at the maximum"),
                "\(compare.stdout)")
    }
}
