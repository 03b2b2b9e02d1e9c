import COpenSSL
import Foundation

extension SHA256Digest {
    /// Hashes `bytes` in place (replay frames are hashed where they lie in the block).
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func hex(of bytes: [UInt8]) -> String {
        let d = SHA256Digest()
        bytes.withUnsafeBytes { d.update($0) }
        return d.finalizeHex()
    }

    /// Lower-case hex SHA-256 of a file, read `chunk` bytes at a time into one buffer (a
    /// month of captures never sits in memory). Nil when the file cannot be opened, so each
    /// caller names the failure in its own error; a read error after opening throws.
    ///
    /// One buffer for every read, not a fresh `Data` per chunk: each new multi-megabyte
    /// allocation was a new mapping whose pages faulted in on every chunk (perf: `read` and
    /// page faults were most of hashing the demo capture on a tape-cache hit).
    public static func hex(ofFile path: String, chunk: Int = 1 << 20) throws -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        let d = SHA256Digest()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunk, 4096), alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
            }
            d.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return d.finalizeHex()
    }
}
