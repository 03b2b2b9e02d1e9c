import CZlib
import LiqsimCore

/// Lower-case hex SHA-256 of `bytes`.
func sha256Hex(_ bytes: [UInt8]) -> String {
    let d = SHA256Digest()
    bytes.withUnsafeBytes { d.update($0) }
    return d.finalizeHex()
}

/// gzip (RFC 1952) streams, concatenated members included: Tardis `.gz` files.
enum Gzip {
    static func inflate(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ImportError(.badZip, path, "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var consumed = 0
        var ended = false
        while consumed < bytes.count {
            var status: Int32 = Z_OK
            var produced = 0
            bytes.withUnsafeBufferPointer { input in
                chunk.withUnsafeMutableBufferPointer { output in
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                    stream.avail_in = UInt32(bytes.count - consumed)
                    stream.next_out = output.baseAddress
                    stream.avail_out = UInt32(output.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    produced = output.count - Int(stream.avail_out)
                    consumed = bytes.count - Int(stream.avail_in)
                }
            }
            out.append(contentsOf: chunk[0..<produced])
            ended = status == Z_STREAM_END
            if status == Z_STREAM_END {
                if consumed < bytes.count { inflateReset(&stream) }   // another gzip member follows
                continue
            }
            guard status == Z_OK || (status == Z_BUF_ERROR && produced > 0) else {
                throw ImportError(.badZip, path, "the gzip stream is damaged (zlib status \(status))", hint: "download the file again")
            }
            if produced == 0 && stream.avail_in == 0 { break }
        }
        guard ended, consumed == bytes.count else { throw ImportError(.badZip, path, "the gzip stream is truncated", hint: "download the file again") }
        return out
    }
}
