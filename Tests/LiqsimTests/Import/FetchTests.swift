import Foundation
import Testing

/// `fetch binance-vision` against a loopback HTTPS server with a certificate made for the
/// test, then `backtest` and `compare` on the imported days.
@Suite(.serialized) struct FetchTests {
    static let um = "data/futures/um"

    /// Two days of aggTrades (a trade every 10 s for two hours, a gentle trend) and mark
    /// klines, and a monthly funding file, as the archive serves them.
    static func archive(_ root: String) throws {
        for (day, start) in [("2024-01-01", Int64(1_704_067_200_000)), ("2024-01-02", Int64(1_704_153_600_000))] {
            var trades = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
            var marks = ""
            for i in 0..<720 {
                let t = start + Int64(i) * 10_000
                let price = 42_000.0 + Double(i) * 0.5 + (i % 7 == 0 ? -3 : 2)
                trades += "\(start / 1000 + Int64(i)),\(String(format: "%.1f", price)),0.0\(i % 9 + 1),1,1,\(t),\(i % 3 == 0)\n"
                if i % 6 == 5 { marks += "\(t - 50_000),0,0,0,\(String(format: "%.1f", price)),0,\(t + 9_999),0,0,0,0,0\n" }
            }
            try ArchiveFiles.zip("\(root)/\(um)/daily/aggTrades/BTCUSDT/BTCUSDT-aggTrades-\(day).zip", csv: trades)
            try ArchiveFiles.zip("\(root)/\(um)/daily/markPriceKlines/BTCUSDT/1m/BTCUSDT-1m-\(day).zip", csv: marks)
        }
        try ArchiveFiles.zip("\(root)/\(um)/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-01.zip",
                             csv: "calc_time,funding_interval_hours,last_funding_rate\n1704067200000,8,0.0001\n1704096000000,8,0.0002\n")
    }

    @Test func fetchResumesABrokenDownloadThenBacktestAndCompareRunOnTheImportedDays() throws {
        let dir = try TempDir()
        guard let pem = try RecordTLSTests.certificate(in: dir) else { Issue.record("openssl is needed for the HTTPS test"); return }
        try Self.archive(dir.path("mirror"))
        let broken = "/\(Self.um)/daily/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2024-01-02.zip"
        let server = try ArchiveServer(root: dir.path("mirror"), tls: pem, breakOnce: [broken])
        defer { server.shutdown() }
        let out = dir.path("bv")
        let args = ["fetch", "binance-vision", "--symbols", "BTCUSDT", "--from", "2024-01-01", "--to", "2024-01-03",
                    "--kinds", "aggTrades,markPriceKlines,fundingRate", "--base-url", "https://localhost:\(server.port)",
                    "--ca-file", pem.certificate, "--out", out]
        let r = try CLI.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        // 2024-01-03 is not in the archive: reported, not fatal. The broken transfer resumed with a Range request.
        #expect(r.stdout.contains("fetched 5 files"), "\(r.stdout)")
        #expect(r.stdout.contains("1 resumed"))
        #expect(r.stderr.contains("the archive has no data/futures/um/daily/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2024-01-03.zip"))
        let requests = server.requests.withLockedValue { $0 }
        #expect(requests.contains { $0.hasPrefix(broken + " bytes=") }, "\(requests)")
        #expect(r.stdout.contains("binance-vision-2024-01-02.lqc.zst"))
        #expect(r.stdout.contains("(5 checksums verified)"))

        // Again: everything is there and intact, nothing is downloaded.
        let again = try CLI.run(args + ["--force"])
        #expect(again.stdout.contains("fetched 0 files (0 bytes, 0 resumed), 5 already present"), "\(again.stdout)")

        let scenario = dir.path("bv.yaml")
        try """
            name: bv
            data:
              captures: [\(out)]
              symbols: [BTCUSDT]
            bar: 1m
            account: {equity_usd: 100000, max_leverage: 2}
            execution: {fee_bps: 4, slippage_bps: 1, latency_ms: 100, funding: true}
            strategies:
              trend: {weight: 1, window: [10, 20], entry: 0.1, t: 1}
              cascade: {weight: 1}
            pipeline: {sentiment_interval: 5m}
            regimes: {z_lookback: 1h, volatility_window: 5m}
            """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let bt = try CLI.run(["backtest", scenario, "--out", dir.path("results")])
        #expect(bt.status == 0, "\(bt.stderr)")
        // Binance Vision has no liquidations: the cascade rule is said to be silent.
        #expect(bt.stderr.contains("strategies.cascade: the captures hold no liquidation records for BTCUSDT"), "\(bt.stderr)")
        let table = try CLI.run(["compare", dir.path("results/bv"), "--format", "csv"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.split(separator: "\n").count == 3, "\(table.stdout)")
    }
}
