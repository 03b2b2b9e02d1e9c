import CZlib

/// One zlib inflate stream — raw deflate (a zip entry) or gzip (members may follow each
/// other) — fed and drained in caller-sized pieces, so a file of any size inflates in
/// bounded memory.
final class Inflater {
    private var stream = z_stream()
    let gzip: Bool

    init(gzip: Bool, path: String) throws {
        self.gzip = gzip
        guard inflateInit2_(&stream, gzip ? 15 + 32 : -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ImportError(.badZip, path, "zlib could not start")
        }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates `input[start...]` into `output` (its whole length is room): zlib's status,
    /// the input bytes consumed and the output bytes produced.
    func inflate(_ input: [UInt8], from start: Int, into output: inout [UInt8]) -> (status: Int32, consumed: Int, produced: Int) {
        var result: (Int32, Int, Int) = (Z_OK, 0, 0)
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                let available = i.count - start
                stream.next_in = available > 0 ? UnsafeMutablePointer(mutating: i.baseAddress! + start) : nil
                stream.avail_in = UInt32(available)
                stream.next_out = o.baseAddress
                stream.avail_out = UInt32(o.count)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                result = (status, available - Int(stream.avail_in), o.count - Int(stream.avail_out))
            }
        }
        return result
    }

    /// Starts the next gzip member.
    func reset() { inflateReset(&stream) }

    /// CRC-32 (ISO-HDLC, zlib's) of `data[range]` continuing `crc`.
    static func crc32(_ crc: UInt32, _ data: [UInt8], _ range: Range<Int>) -> UInt32 {
        guard !range.isEmpty else { return crc }
        return data.withUnsafeBufferPointer { b in UInt32(CZlib.crc32(UInt(crc), b.baseAddress! + range.lowerBound, UInt32(range.count))) }
    }
}
