import LiqsimCore
import LiqsimExchanges

extension BinanceVisionImport {
    /// The rows of one file, read in pieces: a daily file at once, a monthly file a day at a
    /// time (`rows(for:)` reads on until the first row of a later day), so a month of trades
    /// is never in memory — only the day being written and one block read ahead.
    struct RowCursor {
        let index: Int
        var lines: LineBlocks
        var reader: BinanceArchive.Reader
        /// Rows already read that belong to later days.
        var pending: [ArchiveRow] = []
        var done = false

        init(_ i: Int, _ f: BinanceVisionFile, chunk: Int, _ report: inout ImportReport) throws {
            let (file, lines) = try InputFile.open(f.path, chunk: chunk)
            report.inputs[i] = file
            index = i
            self.lines = lines
            reader = BinanceArchive.Reader(kind: f.kind, symbol: f.symbol, file: Int32(i))
        }

        /// Every row of the file (a daily or funding file).
        mutating func all(_ report: inout ImportReport) throws -> [ArchiveRow] {
            var out = pending
            pending = []
            try report.readRows(&lines, &reader, into: &out)
            done = true
            return out
        }

        /// The rows of `day`. With `last` (the file's last day) the file is read to its end and
        /// rows of other days are reported; a row of a day already written is reported too.
        mutating func rows(for day: Int64, last: Bool, _ report: inout ImportReport) throws -> [ArchiveRow] {
            var out = pending.filter { UTCDay.index($0.recv) == day }
            pending.removeAll { UTCDay.index($0.recv) == day }
            while !done, last || pending.isEmpty {
                guard let block = try lines.next() else { done = true; break }
                let parsed = reader.parse(block)
                report.findings += parsed.findings
                for row in parsed.rows {
                    let d = UTCDay.index(row.recv)
                    if d == day { out.append(row) }
                    else if d > day { pending.append(row) }
                    else {
                        report.findings.append(ArchiveFinding(.outOfOrder, file: Int32(index), line: row.line,
                                                              "a row of \(UTCDay.name(d)) after that day was written: dropped"))
                    }
                }
                report.peakRows = max(report.peakRows, out.count + pending.count)
            }
            report.largestBuffer = max(report.largestBuffer, lines.largestBuffer)
            if last {
                for row in pending {
                    report.findings.append(ArchiveFinding(.badRow, file: Int32(index), line: row.line, "a row of \(UTCDay.name(UTCDay.index(row.recv))), outside the file's days: dropped"))
                }
                pending = []
            }
            return out
        }
    }
}
