import Foundation
import Testing
import LiqsimCore
@testable import LiqsimReport
import LiqsimResultFiles

/// report.html's packed series (docs/report.md, "Size"): whole numbers survive the trip,
/// equity points keep equity.csv's exact text values, and the packed page is a fraction of
/// the plain one.
@Suite("report.html packing")
struct ReportPackingTests {
    @Test func wholeNumbersRoundTrip() {
        var rng = SystemRandomNumberGenerator()
        var values: [Int64] = [0, 1, -1, 63, -64, 64, 127, 128, -129, 1 << 49, -(1 << 49), Int64.max, Int64.min]
        for _ in 0..<2_000 { values.append(Int64.random(in: -(1 << 52)...(1 << 52), using: &rng) >> Int64.random(in: 0...52, using: &rng)) }
        #expect(ReportPacking.unpack(ReportPacking.pack(values)) == values)
        #expect(ReportPacking.unpack(ReportPacking.pack([])) == [])
        #expect(ReportPacking.pack([0, -1, 1, 300]) == Data([0, 1, 2, 0xD8, 0x04]).base64EncodedString(), "zigzag, 7 bits a byte")
        #expect(ReportPacking.unpack("gA==") == nil, "a number cut off")
        #expect(ReportPacking.unpack("not base64!") == nil)
    }

    /// The integers are the digits `NumberText.fixed` prints (its rounding, half away from zero).
    @Test func unitsAreTheFixedTextsDigits() {
        var rng = SystemRandomNumberGenerator()
        var values = [0.125, -0.125, 1.005, 2.675, -0.004, 0.005, 99_999.995, -0.0]
        for _ in 0..<5_000 { values.append(Double.random(in: -200_000...200_000, using: &rng).rounded(toPlaces: Int.random(in: 0...6, using: &rng))) }
        for v in values {
            for places in [2, 4] {
                let text = NumberText.fixed(v, places)!
                let units = ReportPacking.units(v, places)!
                #expect(Double(units) / pow(10, Double(places)) == Double(text)!, "\(v) at \(places): \(units) vs \(text)")
            }
        }
        #expect(ReportPacking.units(.nan, 2) == nil && ReportPacking.units(.infinity, 2) == nil && ReportPacking.units(1e20, 2) == nil)
    }

    @Test func aRunWhoseValuesDoNotPackIsWrittenPlain() throws {
        var d = ReportRendererTests.data(name: "BTCUSDT")
        var e = ReportData.Equity()
        e.timeMs = [60_000]; e.equityUSD = [.nan]; e.drawdownPct = [0]; e.rows = 1
        d.equity[0] = e
        let runs = try #require(try ReportFixture.pageData(ReportPage.render(d))["runs"] as? [[String: Any]])
        let eq = try #require(runs.first { $0["id"] as? Int == 0 }?["eq"] as? [String: Any])
        #expect(eq["z"] == nil && eq["e"] is [Any], "NaN equity: plain arrays (null)")
    }

    /// 200 runs of a day of 1m bars with 60 trades each: packed equity and trades against the
    /// plain arrays the page held before, and every value back as the page's script reads it.
    @Test func thePackedPageIsAFractionOfThePlainOne() throws {
        var data = ReportRendererTests.data(name: "BTCUSDT")
        data.runs = RunsTable(parameterNames: ["symbol", "trend.weight"], metricNames: data.runs.metricNames,
                              rows: (0..<200).map { RunRow(run: $0, parameters: ["BTCUSDT", String($0)], metrics: [1, 2, 3, 4, 5]) })
        let bars = (0..<1_440).map { Int64($0 + 1) * 60_000 }
        var b = ReportData.Bars(symbol: "BTCUSDT")
        for (i, t) in bars.enumerated() {
            b.closeMs.append(t); b.open.append(87_000 + Double(i)); b.high.append(87_010 + Double(i)); b.low.append(86_990 + Double(i))
            b.close.append(87_001 + Double(i)); b.volumeUSD.append(1e6); b.longLiquidationUSD.append(0); b.shortLiquidationUSD.append(0)
            b.trend.append("STABLE"); b.volatility.append("NORMAL")
        }
        data.bars = [b]
        var plainBytes = 0
        for run in data.runs.rows {
            var e = ReportData.Equity(), equity = 100_000.0, peak = equity
            for (i, t) in bars.enumerated() {
                equity += sin(Double(i * (run.run + 1)) / 53) * 30
                peak = max(peak, equity)
                e.timeMs.append(t); e.equityUSD.append(equity); e.drawdownPct.append((peak - equity) / peak * 100); e.rows += 1
            }
            data.equity[run.run] = e
            data.trades[run.run] = (0..<60).map { (k: Int) -> ReportData.Trade in
                let entry: Int64 = bars[k * 20] + 344, exit: Int64 = bars[k * 20 + 10] + 291
                let x = Double(k)
                return ReportData.Trade(side: k % 2 == 0 ? "long" : "short", reason: "trend", entryMs: entry, exitMs: exit,
                                        entryPrice: 87_000.1234 + 37 * x, exitPrice: 87_010.5 + 41 * x, pnlUSD: x - 30.57, openAtEnd: false)
            }
            plainBytes += e.timeMs.count * 22 + 60 * 72   // the plain arrays' bytes per point and per trade (measured on the grid)
        }
        let page = ReportPage.render(data)
        let json = try #require(page.range(of: "id=\"report-data\">").map { page[$0.upperBound...] })
        #expect(json.utf8.count * 3 < plainBytes, "\(json.utf8.count) bytes against \(plainBytes)")
        let runs = try #require(try ReportFixture.pageData(page)["runs"] as? [[String: Any]])
        for run in runs {
            let id = run["id"] as! Int
            let eq = run["eq"] as! [String: Any]
            let e = data.equity[id]!
            #expect((eq["e"] as! [Double]) == e.equityUSD.map { Double(NumberText.fixed($0, 2)!)! })
            #expect((eq["d"] as! [Double]) == e.drawdownPct.map { Double(NumberText.fixed($0, 4)!)! })
            #expect((eq["i"] as! [Int]) == Array(0..<1_440))
            let tr = run["tr"] as! [[Any]], trades = data.trades[id]!
            #expect(tr.count == trades.count)
            for (row, t) in zip(tr, trades) {
                #expect(row[0] as? Int == (t.side == "long" ? 1 : -1) && row[1] as? Int64 == t.entryMs && row[3] as? Int64 == t.exitMs)
                #expect(abs((row[2] as! Double) - t.entryPrice) < 0.001 && abs((row[4] as! Double) - t.exitPrice) < 0.001, "8 significant digits")
                #expect(row[5] as? Double == Double(NumberText.fixed(t.pnlUSD, 2)!)! && row[7] as? String == "trend")
            }
        }
    }
}

private extension Double {
    func rounded(toPlaces places: Int) -> Double { (self * pow(10, Double(places))).rounded() / pow(10, Double(places)) }
}
