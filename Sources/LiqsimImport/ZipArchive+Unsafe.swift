import CZlib

extension ZipArchive {
    /// Raw deflate (no zlib header: window bits −15) of `count` bytes at `start`.
    func inflate(start: Int, count: Int, size: Int, name: String) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ImportError(.badZip, "\(path)!\(name)", "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        let status: Int32 = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + start)
                stream.avail_in = UInt32(count)
                stream.next_out = output.baseAddress
                stream.avail_out = UInt32(size)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else {
            throw ImportError(.badZip, "\(path)!\(name)", "the deflate stream is damaged or truncated (zlib status \(status))", hint: "download the file again")
        }
        return out
    }

    /// CRC-32 (ISO-HDLC, zlib's) of `data`.
    static func crc32(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBufferPointer { b in UInt32(CZlib.crc32(0, b.baseAddress, UInt32(b.count))) }
    }
}
