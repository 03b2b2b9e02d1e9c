import LiqsimCapture
import LiqsimCore
import LiqsimExchanges

/// What a day's capture of one archive says about itself: its file name prefix, stream and
/// the header notes naming the archive.
struct ArchiveSource: Sendable {
    var prefix: String
    var stream: StreamID
    var notes: @Sendable (String) -> [String]

    static let binanceVision = ArchiveSource(prefix: "binance-vision", stream: .binanceUSDM) { name in [
        "archive: Binance Vision USD-M futures (data.binance.vision), \(name); rows written as Binance frames and REST bodies by liqsim's encoder",
        "receive times are exchange times: archive rows carry no receive time",
    ] }
}

extension BinanceVisionImport {
    /// Sorts a day's rows into receive order, reports and drops repeated rows, encodes the
    /// rest and writes the day's capture.
    /// `earlier`: what reading the day's files found (the header counts it with the repeats).
    static func write(day: Int64, rows unsorted: [ArchiveRow], state: [ArchiveRow], used: [Int], earlier: [ArchiveFinding], out: String, replace: Bool,
                      source: ArchiveSource = .binanceVision, report: inout ImportReport) throws -> ImportReport.Day {
        let order = unsorted.indices.sorted { a, b in
            let x = unsorted[a], y = unsorted[b]
            return (x.recv, x.file, x.line, a) < (y.recv, y.file, y.line, b)
        }
        let name = UTCDay.name(day)
        let path = (out.hasSuffix("/") ? out : out + "/") + "\(source.prefix)-\(name).lqc.zst"
        // Pass 1 finds repeats and unencodable rows (the header lists them); pass 2 writes.
        var findings: [ArchiveFinding] = []
        _ = try emit(order, unsorted, state: state, stream: source.stream, writer: nil, findings: &findings, report)
        report.findings += findings
        var notes = source.notes(name)
        for i in used { notes.append("input \(report.inputs[i].name) sha256 \(report.inputs[i].sha256)" + (report.inputs[i].checksumVerified ? " (.CHECKSUM verified)" : " (no .CHECKSUM beside it)")) }
        if !(earlier + findings).isEmpty { notes.append("findings: " + report.findingCounts(earlier + findings)) }
        let header = CaptureHeader(source: "import", streams: [CaptureHeader.Stream(id: source.stream.rawValue)], notes: notes)
        let writer = try CaptureWriter(path: path, header: header, replace: replace)
        var ignored: [ArchiveFinding] = []
        let records = try emit(order, unsorted, state: state, stream: source.stream, writer: writer, findings: &ignored, report)
        try writer.close()
        return ImportReport.Day(date: name, path: path, records: records)
    }

    /// Encodes the rows in `order` (after the funding `state`), appending to `writer` when
    /// given; returns the records written.
    static func emit(_ order: [Int], _ rows: [ArchiveRow], state: [ArchiveRow], stream: StreamID, writer: CaptureWriter?, findings: inout [ArchiveFinding],
                     _ report: ImportReport) throws -> Int {
        var encoder = ArchiveEncoders()
        let buffer = OutputBuffer()
        for row in state { _ = encoder.encode(row, stream: stream, into: buffer) }
        var previous: ArchiveRow?
        var written = 0
        for i in order {
            let row = rows[i]
            if let p = previous, p.recv == row.recv, p.key == row.key, p.symbol == row.symbol, sameKind(p.item, row.item), (p.file, p.line) != (row.file, row.line) {
                findings.append(ArchiveFinding(.duplicate, file: row.file, line: row.line, "repeats \(report.inputs[Int(p.file)].name):\(p.line) (key \(row.key)): dropped"))
                continue
            }
            previous = row
            buffer.removeAll()
            switch encoder.encode(row, stream: stream, into: buffer) {
            case .none: continue
            case .unencodable:
                findings.append(ArchiveFinding(.unencodable, file: row.file, line: row.line, "the row cannot be written as a \(stream.rawValue) frame exactly (time not in whole milliseconds?)"))
            case .frame:
                try writer?.append(kind: .text, streamIndex: 0, recv: row.recv, text: buffer.string)
                written += 1
            case .rest(let url):
                try writer?.appendREST(streamIndex: 0, recv: row.recv, status: 200, url: url, body: buffer.string)
                written += 1
            }
        }
        return written
    }

    static func sameKind(_ a: ArchiveRow.Item, _ b: ArchiveRow.Item) -> Bool {
        switch (a, b) {
        case (.event(let x), .event(let y)): x.kind == y.kind
        case (.openInterest, .openInterest), (.longShort, .longShort), (.funding, .funding): true
        default: false
        }
    }
}
