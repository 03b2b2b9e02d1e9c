import Foundation
import LiqsimCore
import LiqsimImport
import Testing

/// Archives are read in pieces: a file many times the piece size passes through buffers
/// bounded by the piece size, and a monthly file is held a day at a time.
@Suite struct StreamingImportTests {
    static let btc = sym("BTCUSDT")
    static let day0: Int64 = 1_704_067_200_000   // 2024-01-01 00:00 UTC, ms

    /// `perDay` aggTrades rows on each of `days` days from 2024-01-01, one every 4 s.
    static func rows(days: Int, perDay: Int) -> String {
        var text = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
        var id = 1
        for day in 0..<days {
            for i in 0..<perDay {
                let t = day0 + Int64(day) * 86_400_000 + Int64(i) * 4_000 + 7
                text += "\(id),\(42000 + i % 100).5,0.\(String(format: "%03d", 1 + i % 900)),\(id),\(id),\(t),\(i % 3 == 0 ? "true" : "false")\n"
                id += 1
            }
        }
        return text
    }

    static func trade(_ t: Int64, _ side: TakerSide, _ p: String, _ q: String) -> MarketEvent {
        let at = UnixNanos(millis: t)
        return .trade(Trade(recv: at, ts: at, stream: .binanceUSDM, symbol: btc, rawSymbol: btc, side: side, price: d(p), qty: d(q)))
    }

    /// The events of `rows(days: 1, perDay: 3)`.
    static let oneDayOfThree = [
        trade(day0 + 7, .sell, "42000.5", "0.001"),
        trade(day0 + 4_007, .buy, "42001.5", "0.002"),
        trade(day0 + 8_007, .buy, "42002.5", "0.003"),
    ]

    @Test func aMonthlyFileManyPiecesLongIsReadInBoundedBuffersADayAtATime() throws {
        let dir = try TempDir()
        let perDay = 20_000
        let csv = Self.rows(days: 3, perDay: perDay)
        let path = dir.path("monthly/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2024-01.zip")
        try ArchiveFiles.zip(path, csv: csv, checksum: false)
        let chunk = 64 << 10
        let report = try BinanceVisionImport.run([path], out: dir.path("out"), chunk: chunk)
        #expect(csv.utf8.count > 20 * chunk)
        // Pieces of 64 KiB, a carried part line and a block of whole lines: never the file.
        #expect(report.largestBuffer > 0 && report.largestBuffer <= 2 * chunk, "largest buffer \(report.largestBuffer)")
        // One day's rows plus at most one block read ahead, never the month's.
        #expect(report.peakRows >= perDay && report.peakRows <= perDay + chunk / 40, "peak rows \(report.peakRows)")
        #expect(report.findings.isEmpty, "\(report.findings)")
        // The month's 31 days: the first three hold the rows, every row once, exactly.
        #expect(report.days.prefix(3).map(\.records) == [perDay, perDay, perDay])
        #expect(report.days.dropFirst(3).allSatisfy { $0.records == 0 })
        let day2 = try ArchiveFiles.events([report.days[1].path]).events
        #expect(day2.first == Self.trade(Self.day0 + 86_400_000 + 7, .sell, "42000.5", "0.001"))
        #expect(day2.last == Self.trade(Self.day0 + 86_400_000 + Int64(perDay - 1) * 4_000 + 7, .buy, "42099.5", "0.\(String(format: "%03d", 1 + (perDay - 1) % 900))"))
    }

    @Test func storedAndZip64EntriesReadLikeDeflatedOnes() throws {
        let dir = try TempDir()
        let csv = Self.rows(days: 1, perDay: 3)
        for (name, stored, zip64) in [("a", true, false), ("b", false, true)] {
            let path = dir.path("\(name)/BTCUSDT-aggTrades-2024-01-01.zip")
            try FileManager.default.createDirectory(atPath: dir.path(name), withIntermediateDirectories: true)
            try ArchiveFiles.zipEntry(path, csv: csv, stored: stored, zip64: zip64)
            let report = try BinanceVisionImport.run([path], out: dir.path("out-\(name)"), chunk: 16)
            #expect(try ArchiveFiles.events([report.days[0].path]).events == Self.oneDayOfThree)
        }
    }

    @Test func aZip64CentralDirectoryWithSizesInTheExtraFieldReadsExactRows() throws {
        let dir = try TempDir()
        let path = dir.path("BTCUSDT-aggTrades-2024-01-01.zip")
        let csv = Self.rows(days: 1, perDay: 3)
        try ArchiveFiles.zip64Directory(path, csv: csv)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // What the test wrote: the EOCD defers to Zip64 (0xFFFF entries, 0xFFFFFFFF size and
        // offset), its locator is 20 bytes before it, and both headers' sizes are 0xFFFFFFFF.
        #expect(bytes.suffix(22).prefix(12) == [0x50, 0x4B, 0x05, 0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(bytes.suffix(42).prefix(4) == [0x50, 0x4B, 0x06, 0x07])
        #expect(bytes[(100 + 18)..<(100 + 26)].allSatisfy { $0 == 0xFF })
        let archive = try ZipArchive(path: path)
        #expect(archive.entries.map(\.name) == ["BTCUSDT-aggTrades-2024-01-01.csv"])
        let report = try BinanceVisionImport.run([path], out: dir.path("out"), chunk: 16)
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(try ArchiveFiles.events([report.days[0].path]).events == Self.oneDayOfThree)
    }

    @Test func aDamagedStoredEntryFailsItsCRCNamingTheEntry() throws {
        let dir = try TempDir()
        let path = dir.path("BTCUSDT-aggTrades-2024-01-01.zip")
        let csv = Self.rows(days: 1, perDay: 3)
        try ArchiveFiles.zipEntry(path, csv: csv, stored: true)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("agg_trade_id".utf8)) })
        let at = try #require(bytes[start...].firstIndex(of: UInt8(ascii: "4")))   // a digit of the first price, inside the entry
        bytes[at] = UInt8(ascii: "5")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect { try BinanceVisionImport.run([path], out: dir.path("out")) } throws: { e in
            let e = e as? ImportError
            return e?.code == .badZip && e?.location == "\(path)!BTCUSDT-aggTrades-2024-01-01.csv" && e?.message.contains("CRC-32") == true
        }
    }

    @Test func aTruncatedGzipIsRefusedNamingTheFile() throws {
        let dir = try TempDir()
        let path = dir.path("BTCUSDT2025-03-01.csv.gz")
        try ArchiveFiles.gzip(path, text: "timestamp,symbol,side,size,price\n" + String(repeating: "1740787200.1234,BTCUSDT,Buy,0.001,84000.5\n", count: 2000))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 12).write(to: URL(fileURLWithPath: path))
        #expect { try BybitArchiveImport.run([path], out: dir.path("out")) } throws: { e in
            (e as? ImportError)?.code == .badZip && (e as? ImportError)?.location == path && (e as? ImportError)?.message.contains("truncated") == true
        }
    }
}
