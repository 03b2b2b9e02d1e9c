import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges

/// `liqsim import binance-vision`: Binance Vision USD-M futures files → one capture per UTC
/// day (`binance-vision-YYYY-MM-DD.lqc.zst`) holding the frames and REST bodies live
/// recording would have captured, made by `BinanceArchiveEncoder`. Receive times are the
/// rows' exchange times. Files are read in pieces of `chunk` bytes; one day's rows are in
/// memory at a time (monthly files are read a day at a time).
public enum BinanceVisionImport {
    public static func run(_ paths: [String], out: String, replace: Bool = false, chunk: Int = 1 << 20) throws -> ImportReport {
        let files = try InputFile.expand(paths, suffixes: [".zip", ".csv"]).map(BinanceVisionFile.init)
        guard !files.isEmpty else { throw ImportError(.cannotRead, paths.joined(separator: " "), "no .zip or .csv files found") }
        var report = ImportReport()
        report.inputs = files.map { InputFile(path: $0.path, sha256: "", checksumVerified: false) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        report.findings += missingDays(files)

        // Funding rates are state for every day's marks: read them all first (a row a month per 8 h).
        var funding: [ArchiveRow] = []
        for (i, f) in files.enumerated() where f.kind == .fundingRate {
            var cursor = try RowCursor(i, f, chunk: chunk, &report)
            funding += try cursor.all(&report)
        }
        funding.sort { ($0.recv, $0.file, $0.line) < ($1.recv, $1.file, $1.line) }

        var days = Set<Int64>()
        for f in files where f.kind != .fundingRate { for d in f.firstDay..<(f.firstDay + f.dayCount) { days.insert(d) } }
        var monthly: [Int: RowCursor] = [:]
        for day in days.sorted() {
            var rows: [ArchiveRow] = []
            var used: [Int] = []
            let findingsBefore = report.findings.count
            let covering = files.indices.filter { files[$0].kind != .fundingRate && files[$0].covers(day) }
            let tradeSource = preferredTradeSource(covering.map { files[$0] })
            for i in covering {
                let f = files[i]
                if f.kind.isTrades, tradeSource[f.symbol] != f.kind {
                    report.findings.append(ArchiveFinding(.unused, file: Int32(i), line: 0,
                        "\(f.kind.rawValue) not used for \(f.symbol) on \(UTCDay.name(day)): \(tradeSource[f.symbol]!.rawValue) of the same day are"))
                    continue
                }
                if f.kind == .aggTrades || f.kind == .trades, BinanceVisionFile.knownBadTradeDays.contains(UTCDay.name(day)) {
                    report.findings.append(ArchiveFinding(.knownBadDay, file: Int32(i), line: 0, "Binance Vision's \(f.kind.rawValue) for \(UTCDay.name(day)) are known to be truncated"))
                }
                used.append(i)
                if f.isMonthly {
                    if monthly[i] == nil { monthly[i] = try RowCursor(i, f, chunk: chunk, &report) }
                    rows += try monthly[i]!.rows(for: day, last: !f.covers(day + 1), &report)
                } else {
                    var cursor = try RowCursor(i, f, chunk: chunk, &report)
                    rows += try cursor.all(&report)
                }
            }
            for key in monthly.keys where !files[key].covers(day + 1) { monthly[key] = nil }
            report.peakRows = max(report.peakRows, rows.count)
            let start = UnixNanos(day * 86_400_000_000_000), end = UnixNanos((day + 1) * 86_400_000_000_000)
            let symbols = Set(rows.map(\.symbol))
            let state = funding.filter { $0.recv < start && symbols.contains($0.symbol) }
            rows += funding.filter { $0.recv >= start && $0.recv < end && symbols.contains($0.symbol) }
            used += Set(funding.filter { symbols.contains($0.symbol) && $0.recv < end }.map { Int($0.file) }).sorted()
            let earlier = Array(report.findings[findingsBefore...])
            report.days.append(try write(day: day, rows: rows, state: state, used: used, earlier: earlier, out: out, replace: replace, report: &report))
        }
        return report
    }

    /// Per symbol and day, the trade source used: aggTrades (what live recording captures),
    /// else trades, else bar-close trades from klines.
    static func preferredTradeSource(_ files: [BinanceVisionFile]) -> [Symbol: BinanceArchive.Kind] {
        var out: [Symbol: BinanceArchive.Kind] = [:]
        for kind in [BinanceArchive.Kind.aggTrades, .trades, .klines] {
            for f in files where f.kind == kind && out[f.symbol] == nil { out[f.symbol] = kind }
        }
        return out
    }

    /// Daily files of one symbol and kind with a day missing between them.
    static func missingDays(_ files: [BinanceVisionFile]) -> [ArchiveFinding] {
        var byKey: [String: [(day: Int64, file: Int)]] = [:]
        for (i, f) in files.enumerated() where !f.isMonthly { byKey["\(f.symbol) \(f.kind.rawValue)", default: []].append((f.firstDay, i)) }
        var out: [ArchiveFinding] = []
        for (key, list) in byKey.sorted(by: { $0.key < $1.key }) {
            let sorted = list.sorted { $0.day < $1.day }
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.day > a.day + 1 {
                for d in (a.day + 1)..<b.day {
                    out.append(ArchiveFinding(.missingDay, file: Int32(b.file), line: 0, "no \(key) file for \(UTCDay.name(d)) (between the files of \(UTCDay.name(a.day)) and \(UTCDay.name(b.day)))"))
                }
            }
        }
        return out
    }
}
