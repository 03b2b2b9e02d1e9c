import Foundation
import LiqsimCore
import LiqsimExchanges

/// `liqsim import bybit-archive`: Bybit's public trade archive
/// (`public.bybit.com/trading/<SYM>/<SYM><YYYY-MM-DD>.csv.gz`) → one capture per UTC day
/// (`bybit-archive-YYYY-MM-DD.lqc.zst`) of `publicTrade` frames written by `BybitEncoder`,
/// as the Binance Vision import writes Binance frames. Files are read in pieces; one day's
/// rows (all symbols of that day) are in memory at a time. Receive times are the rows'
/// own times (100 µs); exchange times are those in whole milliseconds.
public enum BybitArchiveImport {
    static let source = ArchiveSource(prefix: "bybit-archive", stream: .bybitLinear) { name in [
        "archive: Bybit trading archive (public.bybit.com/trading), \(name); rows written as Bybit publicTrade frames by liqsim's encoder",
        "receive times are the archive's trade times (100 µs): archive rows carry no receive time; exchange times are those in whole milliseconds",
    ] }

    public static func run(_ paths: [String], out: String, replace: Bool = false, chunk: Int = 1 << 20) throws -> ImportReport {
        let files = try InputFile.expand(paths, suffixes: [".csv.gz", ".csv"])
        guard !files.isEmpty else { throw ImportError(.cannotRead, paths.joined(separator: " "), "no .csv.gz or .csv files found") }
        var report = ImportReport()
        report.inputs = files.map { InputFile(path: $0, sha256: "", checksumVerified: false) }
        var byDay: [Int64: [Int]] = [:]
        for (i, path) in files.enumerated() { byDay[try day(of: path), default: []].append(i) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for (day, indices) in byDay.sorted(by: { $0.key < $1.key }) {
            let findingsBefore = report.findings.count
            var rows: [ArchiveRow] = []
            for i in indices {
                var (file, lines) = try InputFile.open(files[i], chunk: chunk)
                report.inputs[i] = file
                var reader = BybitArchive.Reader(file: Int32(i))
                try report.readRows(&lines, &reader, into: &rows)
            }
            let earlier = Array(report.findings[findingsBefore...])
            report.days.append(try BinanceVisionImport.write(day: day, rows: rows, state: [], used: indices, earlier: earlier, out: out, replace: replace,
                                                             source: source, report: &report))
        }
        return report
    }

    /// The day of `<SYM><YYYY-MM-DD>.csv.gz`.
    static func day(of path: String) throws -> Int64 {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".gz", ".csv"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        guard name.count > 10, let span = UTCDay.parse(String(name.suffix(10))), span.count == 1 else {
            throw ImportError(.unknownFile, path, "not a Bybit trading archive file name", hint: "expected <SYMBOL><YYYY-MM-DD>.csv.gz as downloaded")
        }
        return span.first
    }
}
