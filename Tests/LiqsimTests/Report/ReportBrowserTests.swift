import Foundation
import Testing

/// report.html in a real browser: headless Chromium (Debian package `chromium`, installed
/// by `make deps` and CI) loads the page, runs its script and dumps the DOM, and takes
/// screenshots at laptop and phone widths. Missing Chromium fails the test: a report that
/// was never opened is not tested. `make check-report` runs this suite and keeps the PNGs.
@Suite("Report in Chromium", .serialized)
struct ReportBrowserTests {
    static var chromium: String? {
        if let path = ProcessInfo.processInfo.environment["CHROMIUM"] { return path }
        return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs Chromium headless on the fixture's report.html; returns stdout and stderr.
    static func browse(_ extra: [String], page: String = ReportFixture.written.directory + "/report.html", fragment: String = "") throws -> (out: String, err: String) {
        let browser = try #require(chromium, "headless Chromium is needed to test report.html: run `make deps` (apt-get install chromium)")
        let profile = try TempDir()
        let arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                         "--user-data-dir=" + profile.url.path, "--virtual-time-budget=10000"] + extra + ["file://" + page + fragment]
        let result = try CLI.run(URL(fileURLWithPath: browser), arguments)
        #expect(result.status == 0, "chromium exit status")
        return (result.stdout, result.stderr)
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            (1..<m.numberOfRanges).map { String(text[Range(m.range(at: $0), in: text)!]) }
        }
    }

    @Test func pageLoadsWithoutConsoleMessagesAndDrawsEveryChart() throws {
        let (dom, log) = try Self.browse(["--window-size=1280,2400", "--dump-dom"])
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
        let page = try ReportFixture.pageData(try String(contentsOfFile: ReportFixture.written.directory + "/report.html", encoding: .utf8))
        let best = page["best"] as! Int
        let runs = page["runs"] as! [[String: Any]]

        // Market panel: candles, volume, liquidations both ways, regime bands, the best run's trades.
        #expect(Self.matches("class=\"candle\"", in: dom).count > 20)
        #expect(Self.matches("class=\"liq-long\"", in: dom).count > 0 && Self.matches("class=\"liq-short\"", in: dom).count > 0)
        #expect(Self.matches("class=\"vol-band\"", in: dom).count > 0)
        let (_, trades) = try ReportFixture.csv("trades.csv")
        #expect(Self.matches("class=\"entry-mark\"", in: dom).count == trades.filter { Int($0[0]) == best }.count)

        // Equity: the best run's curve has one point per equity.csv row.
        let (_, equity) = try ReportFixture.csv("equity.csv")
        let lines = Self.matches("class=\"eq-line\" data-run=\"(\\d+)\" data-points=\"(\\d+)\" points=\"([^\"]*)\"", in: dom)
        #expect(lines.count == 1 && lines.first?[0] == String(best), "the chosen run is the best: one curve")
        #expect(lines.first.map { Int($0[1]) } == equity.filter { Int($0[0]) == best }.count)
        #expect(lines.first.map { $0[2].split(separator: " ").count } == equity.filter { Int($0[0]) == best }.count)

        // Metric grid: trend.weight (3) × range.weight (2) at the best run's cascade.weight; each cell is runs.csv's sharpe.
        let (header, rows) = try ReportFixture.csv("runs.csv")
        let sharpe = header.firstIndex(of: "sharpe")!, cascade = header.firstIndex(of: "cascade.weight")!
        let bestRow = rows.first { Int($0[0]) == best }!
        let cells = Self.matches("class=\"grid-cell\"[^>]*data-run=\"(\\d+)\" data-value=\"([^\"]*)\"", in: dom)
        #expect(cells.count == 6)
        for cell in cells {
            let row = try #require(rows.first { $0[0] == cell[0] })
            #expect(cell[1] == row[sharpe] && row[cascade] == bestRow[cascade], "run \(cell[0])")
        }
        #expect(Self.matches("<tr data-run=\"\\d+\"", in: dom).count == runs.count)
        #expect(dom.contains("estimated liquidation levels"))
    }

    /// `#run=N&sort=K` goes through the page's own selection and sorting code.
    @Test func aLinkChoosesARunAndSortsTheTable() throws {
        let (header, rows) = try ReportFixture.csv("runs.csv")
        let (_, trades) = try ReportFixture.csv("trades.csv"), (_, equity) = try ReportFixture.csv("equity.csv")
        let page = try ReportFixture.pageData(try String(contentsOfFile: ReportFixture.written.directory + "/report.html", encoding: .utf8))
        let best = page["best"] as! Int
        let run = try #require(rows.map { Int($0[0])! }.filter { id in id != best && trades.contains { Int($0[0]) == id } }.last)
        let column = header.firstIndex(of: "trades")!
        let (dom, log) = try Self.browse(["--window-size=1280,2400", "--dump-dom"], fragment: "#run=\(run)&sort=\(column)")
        #expect(!log.contains(":CONSOLE"), "\(log)")
        let lines = Self.matches("class=\"eq-line\" data-run=\"(\\d+)\" data-points=\"(\\d+)\"", in: dom)
        #expect(lines.map { $0[0] } == [String(best), String(run)], "best and chosen curves")
        #expect(lines.last.map { Int($0[1]) } == equity.filter { Int($0[0]) == run }.count)
        #expect(Self.matches("class=\"entry-mark\"", in: dom).count == trades.filter { Int($0[0]) == run }.count)
        #expect(Self.matches("<tr data-run=\"(\\d+)\" class=\"[^\"]*chosen", in: dom).map { $0[0] } == [String(run)])
        let order = Self.matches("<tr data-run=\"(\\d+)\"", in: dom).map { Int($0[0])! }
        let expected = rows.sorted { (Int($0[column])!, -Int($0[0])!) > (Int($1[column])!, -Int($1[0])!) }.map { Int($0[0])! }
        #expect(order == expected, "sorted by trades, most first, ties by run id")
    }

    /// The smallest result: one run, a few trades, no cascade, no open interest (so no
    /// liquidation levels). Every panel must cope without a console error.
    @Test func aOneRunReportLoadsCleanly() throws {
        let tmp = try TempDir()
        let file = tmp.path("hand.yaml")
        try BacktestMarkets.handScenario(capture: BacktestMarkets.hand).write(toFile: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["backtest", file, "--out", tmp.path("results"), "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let directory = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let (dom, log) = try Self.browse(["--window-size=390,3000", "--dump-dom"], page: directory + "/report.html")
        #expect(!log.contains(":CONSOLE"), "\(log)")
        #expect(dom.contains("The grid has one point: nothing to map."))
        #expect(dom.contains("The pipeline found no cascade in these captures."))
        #expect(dom.contains("BTCUSDT: the captures hold 42 trades and 0 open-interest readings; the heatmap needs both"))
        #expect(Self.matches("class=\"candle\"", in: dom).count == 6 && Self.matches("class=\"eq-line\"", in: dom).count == 1)
    }

    @Test func screenshotsAtLaptopAndPhoneWidths() throws {
        let keep = ProcessInfo.processInfo.environment["LIQSIM_REPORT_PNG_DIR"]
        let tmp = try TempDir()
        for (name, width, height) in [("laptop", 1280, 3200), ("phone", 390, 5200)] {
            let png = (keep ?? tmp.url.path) + "/report-\(name).png"
            let (_, log) = try Self.browse(["--window-size=\(width),\(height)", "--screenshot=" + png])
            #expect(!log.contains(":CONSOLE"), "\(name): \(log)")
            let bytes = try #require(FileManager.default.contents(atPath: png))
            #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name): a PNG")
            let pngWidth = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
            #expect(pngWidth == width, "\(name): the page is laid out at \(width) px")
        }
    }
}
