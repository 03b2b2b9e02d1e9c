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

    /// Lower-case hex SHA-256 of a file, read `chunk` bytes at a time (a month of captures
    /// never sits in memory). Nil when the file cannot be opened, so each caller names the
    /// failure in its own error; a read error after opening throws.
    public static func hex(ofFile path: String, chunk: Int = 4 << 20) throws -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let d = SHA256Digest()
        while let piece = try handle.read(upToCount: chunk), !piece.isEmpty {
            piece.withUnsafeBytes { d.update($0) }
        }
        return d.finalizeHex()
    }
}
