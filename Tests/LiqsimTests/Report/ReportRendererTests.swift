import Foundation
import Testing
import LiqsimHeatmap
import LiqsimReport
import LiqsimResultFiles

/// report.html's renderer on hand-made data: escaping of every text from data,
/// determinism, the sortable runs table, and the series thinning that keeps big grids fast.
@Suite("Report renderer")
struct ReportRendererTests {
    static let hostile = "<script>alert(\"x\")</script>&'<img src=x onerror=alert(1)>"

    /// Two runs over three bars, with a hostile string in every field that comes from data.
    static func data(name: String = hostile) -> ReportData {
        var d = ReportData()
        d.manifest = Manifest(liqsimVersion: "0.0-" + name, scenario: .init(name: name, file: "scenarios/" + name + ".yaml", sha256: "ab" + name, text: nil),
                              inputs: [.init(path: "captures/" + name + ".lqc.zst", bytes: 1_234_567, sha256: "ef" + name)],
                              grid: .init(points: 2, axes: []), shard: "0/1", runs: 2, jobs: 1, created: "20260101T000000Z", digest: "cd" + name)
        d.runs = RunsTable(parameterNames: ["symbol", "trend.weight"], metricNames: ["total_return_pct", "sharpe", "max_drawdown_pct", "trades", "profit_factor"],
                           rows: [.init(run: 0, parameters: [name, "0"], metrics: [-1.5, -0.25, 2, 3, 0.5]),
                                  .init(run: 1, parameters: [name, "1"], metrics: [2.25, 1.75, 1, 4, .infinity])])
        var bars = ReportData.Bars(symbol: name)
        bars.closeMs = [1_767_225_660_000, 1_767_225_720_000, 1_767_225_780_000]
        bars.open = [100, 101, 99]; bars.high = [102, 103, 100]; bars.low = [99, 98, 97]; bars.close = [101, 99, 98]
        bars.volumeUSD = [1000, 2000, 1500]; bars.longLiquidationUSD = [0, 500, 0]; bars.shortLiquidationUSD = [300, 0, 0]
        bars.trend = ["STABLE", "STRENGTHENING", "WEAKENING"]; bars.volatility = ["NORMAL", "ELEVATED", "COMPRESSED"]
        d.bars = [bars]
        d.trades = [1: [.init(side: "long", reason: name, entryMs: 1_767_225_660_100, exitMs: 1_767_225_780_100, entryPrice: 101, exitPrice: 98, pnlUSD: -30, openAtEnd: false)]]
        var e = ReportData.Equity()
        e.timeMs = bars.closeMs; e.equityUSD = [10000, 10010.5, 9990.25]; e.drawdownPct = [0, 0, 0.1968]; e.rows = 3
        d.equity = [0: e, 1: e]
        d.cascades = [.init(symbol: name, time: "2026-01-01T00:02:00.000Z", liquidations: 7, longUSD: 600_000, shortUSD: 200_000,
                            exchanges: "binance-usdm:4 " + name + ":3")]
        return d
    }

    static func levels(_ name: String = hostile) -> [Result<HeatmapGrid, HeatmapUnavailable>] {
        [.failure(HeatmapUnavailable(symbol: name, reason: "because " + name))]
    }

    @Test func everyTextFromDataIsEscaped() {
        let html = ReportPage.render(Self.data(), levelMaps: Self.levels())
        // The hostile markup never appears as markup: only the page's own two script elements exist.
        #expect(!html.contains("<img"))
        #expect(!html.contains("<script>alert"))
        #expect(html.components(separatedBy: "<script").count - 1 == 2)
        #expect(html.components(separatedBy: "</script>").count - 1 == 2)
        // It appears escaped: as entities in HTML, as \u escapes in the page's JSON.
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&lt;img src=x onerror=alert(1)&gt;"
        #expect(html.contains("<title>liqsim · \(escaped) · backtest report</title>"))
        #expect(html.contains("<td>\(escaped)</td>"), "symbol column of the runs table")
        #expect(html.contains("<code>captures/\(escaped).lqc.zst</code><span class=\"num\">1,234,567 bytes</span>"), "input path and size")
        #expect(html.contains("\(escaped): because \(escaped)"), "heatmap note")
        #expect(html.contains("\"symbol\":\"\\u003cscript\\u003ealert(\\\"x\\\")\\u003c/script\\u003e\\u0026'\\u003cimg src=x onerror=alert(1)\\u003e\""))
    }

    @Test func escapingFunctions() {
        #expect(HTMLText.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(HTMLText.jsonString("</script>\u{2028}\n\u{1}") == "\"\\u003c/script\\u003e\\u2028\\n\\u0001\"")
        #expect(HTMLText.number(-0.004, 2) == "0.00" && HTMLText.number(1.125, 2) == "1.13" && HTMLText.number(-2.5, 0) == "-3")
        #expect(HTMLText.number(.nan, 2) == "null" && HTMLText.number(.infinity, 2) == "null")
        #expect(HTMLText.price(87_123.456789123) == "87123.4568" && HTMLText.price(0.012345678912) == "0.01234568" && HTMLText.price(100) == "100")
    }

    @Test func theSameDataGivesTheSameBytes() {
        let a = ReportPage.render(Self.data()), b = ReportPage.render(Self.data())
        #expect(a == b)
        #expect(ReportPage.render(Self.data(), chosen: 0) != a, "the chosen run is part of the page")
        #expect(ReportPage.render(Self.data(), chosen: 99) == a, "an unknown run falls back to the best")
    }

    @Test func theRunsTableIsSortableByEveryColumn() throws {
        let html = ReportPage.render(Self.data(name: "BTCUSDT"))
        let table = try #require(html.range(of: "<table class=\"sortable\" id=\"runs-table\">").map { String(html[$0.lowerBound...]) })
        let head = String(table[..<table.range(of: "</thead>")!.lowerBound])
        let columns = ["run", "symbol", "trend.weight", "total_return_pct", "sharpe", "max_drawdown_pct", "trades", "profit_factor"]
        for (i, name) in columns.enumerated() {
            let type = name == "symbol" ? "text" : "num"
            let sort = name == "sharpe" ? "descending" : "none"
            #expect(head.contains("<th data-col=\"\(i)\" data-type=\"\(type)\" aria-sort=\"\(sort)\" tabindex=\"0\">\(name)</th>"), "\(name)")
        }
        // Best Sharpe first; number cells sort by their text (inf included), the run cell by its data-v (no ★).
        #expect(table.contains("<tr data-run=\"1\" class=\"best chosen\"><td data-v=\"1\">1 ★</td><td>BTCUSDT</td><td>1</td>"
                               + "<td>2.2500</td><td>1.7500</td><td>1.0000</td><td>4</td>"
                               + "<td>inf</td></tr>\n<tr data-run=\"0\">"))
    }

    @Test func bestRunIsTheHighestSharpeWithTheLowerIdOnTies() {
        var d = Self.data()
        #expect(d.bestRun == 1)
        d.runs.rows[0].metrics[1] = 1.75
        #expect(d.bestRun == 0)
    }

    @Test func thinningKeepsRowsAndExtremes() {
        var full = ReportData.Equity()
        for i in 0..<10_000 {
            full.timeMs.append(Int64(i) * 60_000)
            full.equityUSD.append(100_000 + 500 * sin(Double(i) / 300) + (i == 6_543 ? -2_000 : 0))
            full.drawdownPct.append(i == 6_543 ? 2.5 : 0.1)
        }
        full.rows = 10_000
        let thin = full.thinned(to: 300)
        #expect(thin.timeMs.count <= 300 && thin.timeMs.count > 200)
        #expect(thin.rows == 10_000)
        #expect(thin.timeMs.first == 0 && thin.timeMs.last == 9_999 * 60_000)
        #expect(thin.timeMs.contains(6_543 * 60_000), "the deepest drawdown survives")
        for (k, t) in thin.timeMs.enumerated() {
            let i = Int(t / 60_000)
            #expect(thin.equityUSD[k] == full.equityUSD[i] && thin.drawdownPct[k] == full.drawdownPct[i])
        }
        #expect(full.thinned(to: 20_000).timeMs == full.timeMs)
        #expect(ReportData.Equity.budget(runs: 12) == 3_000 && ReportData.Equity.budget(runs: 10_000) == 240)
    }

    /// Merged candles keep every bar close in `ct`, so thinned equity points still name their exact bar.
    @Test func mergedBarsKeepEveryCloseForTheEquityPoints() throws {
        var d = Self.data(name: "BTCUSDT")
        var bars = ReportData.Bars(symbol: "BTCUSDT"), e = ReportData.Equity()
        for i in 0..<3_001 {
            bars.closeMs.append(1_767_225_660_000 + Int64(i) * 60_000); bars.open.append(100); bars.high.append(101); bars.low.append(99)
            bars.close.append(100); bars.volumeUSD.append(1); bars.longLiquidationUSD.append(0); bars.shortLiquidationUSD.append(0)
            bars.trend.append("STABLE"); bars.volatility.append("NORMAL")
            e.timeMs.append(bars.closeMs[i]); e.equityUSD.append(10_000 + Double(i)); e.drawdownPct.append(0)
        }
        e.rows = 3_001
        d.bars = [bars]
        d.equity = [0: e.thinned(to: 300), 1: e]
        let page = try ReportFixture.pageData(ReportPage.render(d))
        let symbol = try #require((page["symbols"] as? [[String: Any]])?.first)
        #expect((symbol["t"] as? [Int64])?.count == 1_001 && (symbol["ct"] as? [Int64]) == bars.closeMs && symbol["merged"] as? Int == 3)
        let runs = try #require(page["runs"] as? [[String: Any]])
        let thinned = try #require((runs.first { $0["id"] as? Int == 0 })?["eq"] as? [String: Any])
        let kept = e.thinned(to: 300)
        #expect((thinned["i"] as? [Int])?.map { bars.closeMs[$0] } == kept.timeMs)
        #expect(thinned["rows"] as? Int == 3_001 && (thinned["e"] as? [Double]) == kept.equityUSD)
    }

    @Test func longBarSeriesMergeIntoCandles() {
        var bars = ReportData.Bars(symbol: "BTCUSDT")
        for i in 0..<3_001 {
            bars.closeMs.append(Int64(i) * 60_000); bars.open.append(Double(i)); bars.high.append(Double(i) + 2); bars.low.append(Double(i) - 1)
            bars.close.append(Double(i) + 1); bars.volumeUSD.append(10); bars.longLiquidationUSD.append(1); bars.shortLiquidationUSD.append(2)
            bars.trend.append(i % 2 == 0 ? "STABLE" : "WEAKENING"); bars.volatility.append("NORMAL")
        }
        let (merged, factor) = ReportSeries.candles(bars)
        #expect(factor == 3 && merged.count == 1_001)
        #expect(merged.open[1] == 3 && merged.high[1] == 7 && merged.low[1] == 2 && merged.close[1] == 6 && merged.closeMs[1] == 5 * 60_000)
        #expect(merged.volumeUSD[1] == 30 && merged.longLiquidationUSD[1] == 3 && merged.shortLiquidationUSD[1] == 6 && merged.trend[1] == "WEAKENING")
        #expect(merged.closeMs.last == 3_000 * 60_000 && merged.volumeUSD.last == 10, "a short last group")
    }
}
