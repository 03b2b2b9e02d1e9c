import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges
import LiqsimImport
import Testing

@Suite struct BinanceVisionImportTests {
    static let um = "data/futures/um"

    /// A small Binance Vision tree: aggTrades with and without a header row (one repeated and
    /// one out-of-order row; 2024-01-03 missing), mark-price klines, metrics and a monthly
    /// funding file.
    static func tree(_ dir: TempDir) throws -> String {
        let root = dir.path("bv")
        let agg = "\(root)/\(um)/daily/aggTrades/BTCUSDT/BTCUSDT-aggTrades-"
        try ArchiveFiles.zip(agg + "2024-01-01.zip", csv: """
            agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker
            100,42283.50,0.010,200,201,1704067200100,true
            101,42284.10,0.250,202,202,1704067200200,false
            101,42284.10,0.250,202,202,1704067200200,false
            103,42280.00,0.004,205,205,1704067200400,true
            102,42281.00,0.020,203,204,1704067200300,false

            """)
        try ArchiveFiles.zip(agg + "2024-01-02.zip", csv: "104,42300.0,1.5,206,206,1704153600000,False\n")
        try ArchiveFiles.zip(agg + "2024-01-04.zip", csv: "105,42400.0,0.1,207,207,1704326400000,True\n")
        try ArchiveFiles.zip("\(root)/\(um)/daily/markPriceKlines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip", csv: """
            1704067200000,42290.1,42300.0,42280.0,42295.5,0,1704067259999,0,60,0,0,0
            1704096000000,42010.0,42050.0,41990.0,42000.0,0,1704096059999,0,60,0,0,0

            """)
        try ArchiveFiles.zip("\(root)/\(um)/daily/metrics/BTCUSDT/BTCUSDT-metrics-2024-01-01.zip", csv: """
            create_time,symbol,sum_open_interest,sum_open_interest_value,count_toptrader_long_short_ratio,sum_toptrader_long_short_ratio,count_long_short_ratio,sum_taker_long_short_vol_ratio
            2024-01-01 00:05:00,BTCUSDT,70123.456,2965432100.12345678,1.5,1.4,1.9607,0.97

            """)
        try ArchiveFiles.zip("\(root)/\(um)/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-01.zip", csv: """
            calc_time,funding_interval_hours,last_funding_rate
            1704067200000,8,0.00012345
            1704096000000,8,-0.00005000

            """)
        return root
    }

    static func ms(_ v: Int64) -> UnixNanos { UnixNanos(millis: v) }
    static let btc = sym("BTCUSDT")

    static func trade(_ t: Int64, _ side: TakerSide, _ p: String, _ q: String) -> MarketEvent {
        .trade(Trade(recv: ms(t), ts: ms(t), stream: .binanceUSDM, symbol: btc, rawSymbol: btc, side: side, price: d(p), qty: d(q)))
    }

    static func mark(_ t: Int64, _ p: String, _ r: String, _ next: Int64) -> MarketEvent {
        .mark(MarkFunding(recv: ms(t), ts: ms(t), stream: .binanceUSDM, symbol: btc, rawSymbol: btc, mark: d(p), fundingRate: d(r), nextFunding: ms(next)))
    }

    @Test func everyColumnBecomesTheExpectedEvents() throws {
        let dir = try TempDir()
        let report = try BinanceVisionImport.run([try Self.tree(dir)], out: dir.path("out"))
        #expect(report.days.map(\.date) == ["2024-01-01", "2024-01-02", "2024-01-04"])
        let day1 = try ArchiveFiles.events([report.days[0].path]).events
        let oi = OpenInterest(recv: Self.ms(1704067500000), ts: Self.ms(1704067500000), stream: .binanceUSDM, symbol: Self.btc, rawSymbol: Self.btc,
                              oi: d("70123.456"), oiUSDCents: 296_543_210_012)
        let ls = LongShortRatio(recv: Self.ms(1704067500000), ts: Self.ms(1704067500000), stream: .binanceUSDM, symbol: Self.btc,
                                longPct: d("66.22"), ratio: d("1.9607"))
        #expect(day1 == [
            Self.trade(1704067200100, .sell, "42283.50", "0.010"),
            Self.trade(1704067200200, .buy, "42284.10", "0.250"),
            Self.trade(1704067200300, .buy, "42281.00", "0.020"),
            Self.trade(1704067200400, .sell, "42280.00", "0.004"),
            // The funding settled at 00:00 with the next at 08:00; at 08:00 the next settles.
            Self.mark(1704067259999, "42295.5", "0.00012345", 1704096000000),
            .openInterest(oi),
            .longShortRatio(ls),
            Self.mark(1704096059999, "42000.0", "-0.00005000", 1704124800000),
        ])
        // No header row, `False` capitalized: the documented column order.
        #expect(try ArchiveFiles.events([report.days[1].path]).events == [Self.trade(1704153600000, .buy, "42300.0", "1.5")])
        #expect(report.inputs.allSatisfy { $0.checksumVerified })
    }

    @Test func repeatedOutOfOrderAndMissingDaysAreReportedWithFileAndLine() throws {
        let dir = try TempDir()
        let report = try BinanceVisionImport.run([try Self.tree(dir)], out: dir.path("out"))
        let lines = report.findings.map { report.describe($0) }
        #expect(lines.contains { $0.hasSuffix("BTCUSDT-aggTrades-2024-01-01.zip:4: duplicate: repeats BTCUSDT-aggTrades-2024-01-01.zip:3 (key 101): dropped") })
        #expect(lines.contains { $0.hasSuffix("BTCUSDT-aggTrades-2024-01-01.zip:6: out of order: aggTrades key 102 after 103: sorted into place") })
        #expect(lines.contains { $0.hasSuffix("BTCUSDT-aggTrades-2024-01-04.zip: missing day: no BTCUSDT aggTrades file for 2024-01-03 (between the files of 2024-01-02 and 2024-01-04)") })
        #expect(report.findings.count == 3)
        // The header names the archive, the inputs with SHA-256 and that receive times are exchange times.
        let header = try CaptureReader(path: report.days[0].path).header
        #expect(header.source == "import")
        #expect(header.notes.contains("receive times are exchange times: archive rows carry no receive time"))
        #expect(header.notes.contains { $0.hasPrefix("input BTCUSDT-fundingRate-2024-01.zip sha256 ") && $0.hasSuffix("(.CHECKSUM verified)") })
        #expect(header.notes.contains("findings: duplicate 1, out of order 1"))
    }

    @Test func checksumMismatchStopsTheImport() throws {
        let dir = try TempDir()
        let path = dir.path("BTCUSDT-aggTrades-2024-01-01.zip")
        try ArchiveFiles.zip(path, csv: "1,42000.0,1,1,1,1704067200000,true\n")
        try "0000000000000000000000000000000000000000000000000000000000000000  BTCUSDT-aggTrades-2024-01-01.zip\n".write(toFile: path + ".CHECKSUM", atomically: true, encoding: .utf8)
        #expect { try BinanceVisionImport.run([path], out: dir.path("out")) } throws: { e in
            (e as? ImportError)?.code == .checksum && (e as? ImportError)?.location == path
        }
    }

    @Test func truncatedZipIsRefused() throws {
        let dir = try TempDir()
        let path = dir.path("BTCUSDT-aggTrades-2024-01-01.zip")
        try ArchiveFiles.zip(path, csv: String(repeating: "1,42000.0,1,1,1,1704067200000,true\n", count: 50), checksum: false)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        #expect { try BinanceVisionImport.run([path], out: dir.path("out")) } throws: { e in (e as? ImportError)?.code == .badZip }
    }

    @Test func microsecondTimesAreReadAsMicroseconds() throws {
        let dir = try TempDir()
        let path = dir.path("BTCUSDT-aggTrades-2025-02-01.zip")
        try ArchiveFiles.zip(path, csv: "1,97000.5,0.002,1,1,1738368000123000,false\n", checksum: false)
        let report = try BinanceVisionImport.run([path], out: dir.path("out"))
        #expect(try ArchiveFiles.events([report.days[0].path]).events == [Self.trade(1738368000123, .buy, "97000.5", "0.002")])
        #expect(report.findings.map(\.kind) == [.unit])
    }

    @Test func klinesGiveBarCloseTradesOnlyWithoutTradeFiles() throws {
        let dir = try TempDir()
        let path = dir.path("bv/klines/ETHUSDT/1m/ETHUSDT-1m-2024-01-01.zip")
        try ArchiveFiles.zip(path, csv: "1704067200000,2280.1,2285.0,2279.0,2282.40,12.500,1704067259999,0,40,7.250,0,0\n", checksum: false)
        let report = try BinanceVisionImport.run([dir.path("bv")], out: dir.path("out"))
        let eth = sym("ETHUSDT"), t = Self.ms(1704067259999)
        #expect(try ArchiveFiles.events([report.days[0].path]).events == [
            .trade(Trade(recv: t, ts: t, stream: .binanceUSDM, symbol: eth, rawSymbol: eth, side: .buy, price: d("2282.40"), qty: d("7.250"))),
            .trade(Trade(recv: t, ts: t, stream: .binanceUSDM, symbol: eth, rawSymbol: eth, side: .sell, price: d("2282.40"), qty: d("5.250"))),
        ])
    }

    @Test func theCommandPrintsDaysAndFindingsAndValidateReadsTheCaptures() throws {
        let dir = try TempDir()
        let root = try Self.tree(dir)
        let r = try CLI.run(["import", "binance-vision", root, "--out", dir.path("out")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("binance-vision-2024-01-01.lqc.zst: 8 records"))
        #expect(r.stdout.contains("3 days from 6 files (6 checksums verified); findings: duplicate 1, missing day 1, out of order 1"))
        #expect(r.stderr.contains("missing day"))
        let v = try CLI.run(["validate", dir.path("out")])
        #expect(v.status != 2, "\(v.stderr)")
        #expect(v.stdout.contains("binance-usdm"))
    }
}
