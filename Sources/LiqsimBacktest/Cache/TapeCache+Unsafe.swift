import Foundation
import LiqsimCapture
import LiqsimCore

extension TapeCache {
    /// SHA-256 of a file, read in 4 MiB pieces (a month of captures never sits in memory).
    static func fileDigest(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CaptureError(.cannotOpen, path: path, "cannot read", hint: "check the path")
        }
        defer { try? handle.close() }
        let d = SHA256Digest()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { d.update($0) }
        }
        return d.finalizeHex()
    }

    static func digest(_ bytes: [UInt8]) -> String {
        let d = SHA256Digest()
        bytes.withUnsafeBytes { d.update($0) }
        return d.finalizeHex()
    }
}
