import Foundation
import LiqsimCore

/// Lower-case hex SHA-256 of `bytes`.
func sha256Hex(_ bytes: [UInt8]) -> String {
    let d = SHA256Digest()
    bytes.withUnsafeBytes { d.update($0) }
    return d.finalizeHex()
}

/// Lower-case hex SHA-256 of a file, read in pieces of `chunk` bytes.
func fileSHA256(_ path: String, chunk: Int) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportError(.cannotRead, path, "cannot read", hint: "check the path") }
    defer { try? handle.close() }
    let d = SHA256Digest()
    while let piece = try handle.read(upToCount: chunk), !piece.isEmpty { piece.withUnsafeBytes { d.update($0) } }
    return d.finalizeHex()
}
