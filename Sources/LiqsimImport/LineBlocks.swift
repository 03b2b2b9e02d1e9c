import LiqsimExchanges

/// A CSV file read as blocks of whole lines, each an `ArchiveCSV` that knows the file's
/// header row and its first line's number: the rows of a file of any size, in bounded
/// memory (one piece from `ByteChunks` plus the part line carried over).
struct LineBlocks {
    var chunks: ByteChunks
    var carry: [UInt8] = []
    var header: [String]?
    var line = 1
    var started = false
    var finished = false
    /// A line longer than this is not an archive row: the file is refused.
    static let longestLine = 1 << 20
    /// The largest buffer held (a piece, the carried part line, the block), in bytes.
    private(set) var largestBuffer = 0

    init(_ chunks: ByteChunks) { self.chunks = chunks }

    /// The next block of whole lines (the last may lack its newline), or nil at the end.
    mutating func next() throws -> ArchiveCSV? {
        while !finished {
            let piece = try chunks.next()
            largestBuffer = max(largestBuffer, chunks.largestBuffer)
            var block: [UInt8]
            if let piece {
                guard let cut = piece.lastIndex(of: 0x0A) else {
                    carry += piece
                    largestBuffer = max(largestBuffer, carry.count)
                    if carry.count > Self.longestLine {
                        throw ImportError(.badRow, "\(chunks.label):\(line)", "a line longer than \(Self.longestLine) bytes: not an archive CSV")
                    }
                    continue
                }
                block = carry
                block += piece[...cut]
                carry = Array(piece[(cut + 1)...])
            } else {
                finished = true
                guard !carry.isEmpty else { return nil }
                block = carry
                carry = []
            }
            largestBuffer = max(largestBuffer, block.count + carry.count)
            let csv: ArchiveCSV
            if started {
                csv = ArchiveCSV(block, header: header, firstLine: line)
            } else {
                csv = ArchiveCSV(block)
                header = csv.header
                started = true
            }
            line += block.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return csv
        }
        return nil
    }
}
