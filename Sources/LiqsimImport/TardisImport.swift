import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges

/// `liqsim import tardis`: Tardis.dev files → one capture per UTC day of receive time
/// (`tardis-YYYY-MM-DD.lqc.zst`).
/// - Raw feeds (`<28-character receive time> <frame>` per line) and tardis-machine NDJSON
///   (`{"localTimestamp":…,"message":…}`) are kept verbatim with their receive times; an
///   empty line (a disconnect) becomes a gap record.
/// - CSV datasets (`trades`, `liquidations`, `derivative_ticker`, by file name) become
///   events (`TardisCSV`) written by the venue's encoder at `local_timestamp`.
public enum TardisImport {
    struct Record {
        var recv: UnixNanos
        var stream: StreamID
        var kind: RecordKind
        var url: String?
        var text: String
        var file: Int32
        var line: Int32
        /// Position before sorting: rows of one line keep their order.
        var order = 0
    }

    public static func run(_ paths: [String], out: String, exchange: StreamID?, replace: Bool = false) throws -> ImportReport {
        let files = try InputFile.expand(paths, suffixes: [".gz", ".csv", ".ndjson", ".jsonl", ".txt"])
        guard !files.isEmpty else { throw ImportError(.cannotRead, paths.joined(separator: " "), "no Tardis files found") }
        var report = ImportReport()
        var records: [Record] = []
        var encoders = ArchiveEncoders()
        let buffer = OutputBuffer()
        for (i, path) in files.enumerated() {
            let (file, bytes) = try InputFile.read(path)
            report.inputs.append(file)
            let first = bytes.firstIndex { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 }.map { bytes[$0] }
            if first == UInt8(ascii: "{") || isRawLine(bytes) {
                guard let exchange else {
                    throw ImportError(.badOption, path, "a raw or NDJSON feed does not name its exchange", hint: "give --exchange binance-futures|bybit|okex-swap")
                }
                records += try feed(bytes, stream: exchange, ndjson: first == UInt8(ascii: "{"), file: Int32(i), path: path, findings: &report.findings)
                continue
            }
            let name = file.name
            guard let dataset = TardisCSV.Dataset.allCases.first(where: { name.contains($0.rawValue) }) else {
                throw ImportError(.unknownFile, path, "cannot tell the Tardis dataset from the file name", hint: "names contain trades, liquidations or derivative_ticker, as downloaded")
            }
            let parsed = TardisCSV.parse(ArchiveCSV(bytes), dataset: dataset, file: Int32(i))
            report.findings += parsed.findings
            for row in parsed.rows {
                let stream = row.stream
                buffer.removeAll()
                switch encoders.encode(row, stream: stream, into: buffer) {
                case .none: break
                case .unencodable:
                    report.findings.append(ArchiveFinding(.unencodable, file: row.file, line: row.line, "the row cannot be written exactly as a \(stream.rawValue) frame"))
                case .frame: records.append(Record(recv: row.recv, stream: stream, kind: .text, text: buffer.string, file: row.file, line: row.line))
                case .rest(let url): records.append(Record(recv: row.recv, stream: stream, kind: .rest, url: url, text: buffer.string, file: row.file, line: row.line))
                }
            }
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for i in records.indices { records[i].order = i }
        records.sort { ($0.recv, $0.file, $0.line, $0.order) < ($1.recv, $1.file, $1.line, $1.order) }
        var start = 0
        while start < records.count {
            let day = UTCDay.index(records[start].recv)
            var end = start
            while end < records.count, UTCDay.index(records[end].recv) == day { end += 1 }
            report.days.append(try write(records[start..<end], day: day, out: out, replace: replace, report: report))
            start = end
        }
        return report
    }

    /// `2019-06-01T00:00:00.0581540Z {…}`: 28 characters of receive time, a space, the frame.
    static func isRawLine(_ bytes: [UInt8]) -> Bool {
        bytes.count > 29 && bytes[27] == UInt8(ascii: "Z") && bytes[28] == 0x20 && bytes[10] == UInt8(ascii: "T")
    }

    static func write(_ records: ArraySlice<Record>, day: Int64, out: String, replace: Bool, report: ImportReport) throws -> ImportReport.Day {
        let name = UTCDay.name(day)
        let path = (out.hasSuffix("/") ? out : out + "/") + "tardis-\(name).lqc.zst"
        let streams = StreamID.allCases.filter { s in records.contains { $0.stream == s } }
        let used = Set(records.map(\.file)).sorted()
        var notes = ["archive: Tardis.dev, \(name); raw and NDJSON frames verbatim, CSV rows written as frames by liqsim's encoder",
                     "receive times are Tardis's local timestamps (its collector's receive times)"]
        for i in used { notes.append("input \(report.inputs[Int(i)].name) sha256 \(report.inputs[Int(i)].sha256)") }
        let header = CaptureHeader(source: "import", streams: streams.map { CaptureHeader.Stream(id: $0.rawValue) }, notes: notes)
        let writer = try CaptureWriter(path: path, header: header, replace: replace)
        for r in records {
            let index = UInt8(streams.firstIndex(of: r.stream)!)
            if let url = r.url {
                try writer.appendREST(streamIndex: index, recv: r.recv, status: 200, url: url, body: r.text)
            } else {
                try writer.append(kind: r.kind, streamIndex: index, recv: r.recv, text: r.text)
            }
        }
        try writer.close()
        return ImportReport.Day(date: name, path: path, records: records.count)
    }
}
