import Foundation
import LiqsimCore

/// Lower-case hex SHA-256 of a file, read in 4 MiB pieces.
func fileSHA256(_ path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw BinanceVisionFetch.Failure(url: path, reason: "cannot read") }
    defer { try? handle.close() }
    let d = SHA256Digest()
    while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty { chunk.withUnsafeBytes { d.update($0) } }
    return d.finalizeHex()
}
