import LiqsimExchanges

/// A venue's archive CSV reader: blocks of lines in, rows and findings out, keeping what it
/// learned from earlier blocks (the header, the last line number).
protocol ArchiveRowReader {
    mutating func parse(_ csv: ArchiveCSV) -> BinanceArchive.Parsed
}

extension BinanceArchive.Reader: ArchiveRowReader {}
extension BybitArchive.Reader: ArchiveRowReader {}

extension ImportReport {
    /// Reads the rest of `lines` through `reader`, appending its rows to `rows` and its
    /// findings here; records the most rows held and the largest buffer on the way.
    mutating func readRows<Reader: ArchiveRowReader>(_ lines: inout LineBlocks, _ reader: inout Reader, into rows: inout [ArchiveRow]) throws {
        while let block = try lines.next() {
            let parsed = reader.parse(block)
            findings += parsed.findings
            rows += parsed.rows
            peakRows = max(peakRows, rows.count)
        }
        largestBuffer = max(largestBuffer, lines.largestBuffer)
    }
}
