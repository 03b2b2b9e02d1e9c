import CZlib
import Foundation

/// A file's bytes — as stored, a zip entry inflated, or a gzip stream inflated — in
/// pieces of at most `chunk` bytes, so an import never holds a whole archive file (a month
/// of BTCUSDT trades is gigabytes unzipped). Damage shows as an `ImportError` naming the
/// file: a truncated or corrupt stream, a zip entry's CRC-32 or size mismatch.
struct ByteChunks {
    enum Coding { case stored, deflate, gzip }

    let path: String
    /// What errors name: the file, or `file!entry` for a zip entry.
    var label: String
    let handle: FileHandle
    /// Compressed bytes left to read (a zip entry's length), or nil: to the end of the file.
    var remaining: Int?
    let chunk: Int
    let inflater: Inflater?
    /// A zip entry's CRC-32 and size, checked at its end.
    let expected: (crc: UInt32, size: Int)?
    var input: [UInt8] = []
    var inputAt = 0
    var output: [UInt8]
    var atEOF = false
    var ended = false
    var crc: UInt32 = 0
    var total = 0
    /// The largest buffer this stream held (input or output), in bytes.
    private(set) var largestBuffer = 0

    init(path: String, at offset: UInt64 = 0, length: Int? = nil, coding: Coding, chunk: Int,
         expected: (crc: UInt32, size: Int)? = nil) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportError(.cannotRead, path, "cannot read", hint: "check the path") }
        try handle.seek(toOffset: offset)
        self.path = path
        label = path
        self.handle = handle
        remaining = length
        self.chunk = chunk
        inflater = coding == .stored ? nil : try Inflater(gzip: coding == .gzip, path: path)
        self.expected = expected
        output = coding == .stored ? [] : [UInt8](repeating: 0, count: chunk)
        largestBuffer = output.count
    }

    /// The next piece of content, or nil at its end.
    mutating func next() throws -> [UInt8]? {
        while true {
            if ended { try finish(); return nil }
            if inputAt == input.count, !atEOF { try refill() }
            guard let inflater else {
                // Stored: the input is the content.
                if inputAt == input.count { ended = true; continue }
                let piece = input
                inputAt = input.count
                account(piece, 0..<piece.count)
                return piece
            }
            let (status, consumed, produced) = inflater.inflate(input, from: inputAt, into: &output)
            inputAt += consumed
            switch status {
            case Z_STREAM_END:
                if inflater.gzip, inputAt < input.count || !atEOF {
                    if inputAt == input.count { try refill() }
                    if inputAt < input.count { inflater.reset() } else { ended = true }   // another gzip member follows
                } else {
                    ended = true
                }
            case Z_OK: break
            case Z_BUF_ERROR where inputAt == input.count && atEOF:
                throw ImportError(.badZip, label, "the \(inflater.gzip ? "gzip" : "deflate") stream is truncated after \(total) bytes", hint: "download the file again")
            case Z_BUF_ERROR: break
            default:
                throw ImportError(.badZip, label, "the \(inflater.gzip ? "gzip" : "deflate") stream is damaged after \(total) bytes (zlib status \(status))",
                                  hint: "download the file again")
            }
            if produced > 0 {
                account(output, 0..<produced)
                return Array(output[0..<produced])
            }
            if !ended, inputAt == input.count, atEOF {
                throw ImportError(.badZip, label, "the \(inflater.gzip ? "gzip" : "deflate") stream is truncated after \(total) bytes", hint: "download the file again")
            }
        }
    }

    mutating func refill() throws {
        let want = remaining.map { min($0, chunk) } ?? chunk
        let data = want > 0 ? try handle.read(upToCount: want) ?? Data() : Data()
        input = Array(data)
        inputAt = 0
        largestBuffer = max(largestBuffer, input.count)
        if let r = remaining {
            remaining = r - input.count
            if input.count < want { throw ImportError(.badZip, label, "truncated: the entry needs \(r) more bytes, the file ends", hint: "download the file again") }
        }
        if input.isEmpty || remaining == 0 { atEOF = true }
    }

    mutating func account(_ bytes: [UInt8], _ range: Range<Int>) {
        total += range.count
        if expected != nil { crc = Inflater.crc32(crc, bytes, range) }
    }

    /// At the end: a zip entry must match its CRC-32 and size.
    func finish() throws {
        try? handle.close()
        if let expected, expected.crc != crc || expected.size != total {
            throw ImportError(.badZip, label, "CRC-32 or size mismatch (\(total) bytes, \(expected.size) expected): the entry is damaged", hint: "download the file again")
        }
    }
}
