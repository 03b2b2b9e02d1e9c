import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimImport
import Testing

/// Bybit's trading archive in its published layouts: the 10-column header and the newer
/// one with `RPI`, parsed by header; every column mapped with exact values.
@Suite struct BybitArchiveTests {
    static let btc = sym("BTCUSDT")

    static func trade(_ nanos: Int64, _ side: TakerSide, _ p: String, _ q: String, symbol: Symbol = btc) -> MarketEvent {
        .trade(Trade(recv: UnixNanos(nanos), ts: UnixNanos(millis: nanos / 1_000_000), stream: .bybitLinear, symbol: symbol, rawSymbol: symbol,
                     side: side, price: d(p), qty: d(q)))
    }

    static func files(_ dir: TempDir) throws -> String {
        let root = dir.path("trading")
        // 2025-03-01: the older layout; one repeated trade (same trdMatchID) and one out of order.
        try ArchiveFiles.gzip("\(root)/BTCUSDT/BTCUSDT2025-03-01.csv.gz", text: """
            timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional
            1740787200.0974,BTCUSDT,Sell,0.010,84210.50,MinusTick,5e1c7a43-8f2a-5d55-9c4b-1b2f0c3d4e51,8.42105e+10,0.010,842.105
            1740787200.5000,BTCUSDT,Buy,0.250,84211.00,PlusTick,0a9b8c7d-6e5f-5a4b-8c3d-2e1f0a9b8c7d,2.1052750e+12,0.250,21052.75
            1740787200.5000,BTCUSDT,Buy,0.250,84211.00,PlusTick,0a9b8c7d-6e5f-5a4b-8c3d-2e1f0a9b8c7d,2.1052750e+12,0.250,21052.75
            1740787200.3,BTCUSDT,Sell,1,84209,MinusTick,11111111-2222-5333-8444-555555555555,8.4209e+12,1,84209

            """)
        // 2025-03-02: the newer layout with RPI, columns found by name.
        try ArchiveFiles.gzip("\(root)/ETHUSDT/ETHUSDT2025-03-02.csv.gz", text: """
            timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional,RPI
            1740873600.0001,ETHUSDT,Buy,1.25,2210.37,ZeroPlusTick,9f8e7d6c-5b4a-5392-8170-6f5e4d3c2b1a,2.7629625e+11,1.25,2762.9625,1

            """)
        return root
    }

    @Test func everyColumnBecomesTheExpectedTrades() throws {
        let dir = try TempDir()
        let report = try BybitArchiveImport.run([try Self.files(dir)], out: dir.path("out"))
        #expect(report.days.map(\.date) == ["2025-03-01", "2025-03-02"])
        #expect(report.days.map(\.records) == [3, 1])
        #expect(try ArchiveFiles.events([report.days[0].path]).events == [
            // Receive time: the archive's 100 µs time; exchange time: its whole milliseconds.
            Self.trade(1_740_787_200_097_400_000, .sell, "84210.50", "0.010"),
            Self.trade(1_740_787_200_300_000_000, .sell, "84209", "1"),
            Self.trade(1_740_787_200_500_000_000, .buy, "84211.00", "0.250"),
        ])
        let eth = sym("ETHUSDT")
        #expect(try ArchiveFiles.events([report.days[1].path]).events == [Self.trade(1_740_873_600_000_100_000, .buy, "2210.37", "1.25", symbol: eth)])
        let described = report.findings.map(report.describe)
        let file = dir.path("trading") + "/BTCUSDT/BTCUSDT2025-03-01.csv.gz"
        #expect(described.count == 2)
        #expect(described.first == "\(file):5: out of order: timestamp earlier than the row before: sorted into place")
        #expect(described.last?.hasPrefix("\(file):4: duplicate: repeats BTCUSDT2025-03-01.csv.gz:3 (key ") == true)
        #expect(described.last?.hasSuffix("): dropped") == true)
        let header = try CaptureReader(path: report.days[0].path).header
        #expect(header.streams.map(\.id) == ["bybit-linear"])
        #expect(header.notes.contains { $0.hasPrefix("input BTCUSDT2025-03-01.csv.gz sha256 ") })
        #expect(header.notes.contains("findings: duplicate 1, out of order 1"))
    }

    @Test func theCommandImportsAndValidateReadsTheCaptures() throws {
        let dir = try TempDir()
        let r = try CLI.run(["import", "bybit-archive", try Self.files(dir), "--out", dir.path("out")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("bybit-archive-2025-03-01.lqc.zst: 3 records"))
        #expect(r.stdout.contains("2 days from 2 files (0 checksums verified); findings: duplicate 1, out of order 1"))
        let v = try CLI.run(["validate", dir.path("out")])
        #expect(v.status != 2, "\(v.stderr)")
        #expect(v.stdout.contains("bybit-linear"))
    }

    @Test func aFileNameWithoutADayIsAClearError() throws {
        let dir = try TempDir()
        try ArchiveFiles.gzip(dir.path("trades.csv.gz"), text: "timestamp,symbol,side,size,price\n")
        #expect { try BybitArchiveImport.run([dir.path("trades.csv.gz")], out: dir.path("out")) } throws: { e in (e as? ImportError)?.code == .unknownFile }
    }
}
