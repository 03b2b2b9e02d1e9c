import LiqsimCapture
import LiqsimCore

extension TapeCache {
    /// SHA-256 of a file, read in 4 MiB pieces (a month of captures never sits in memory).
    static func fileDigest(_ path: String) throws -> String {
        guard let hex = try SHA256Digest.hex(ofFile: path) else {
            throw CaptureError(.cannotOpen, path: path, "cannot read", hint: "check the path")
        }
        return hex
    }

    static func digest(_ bytes: [UInt8]) -> String { SHA256Digest.hex(of: bytes) }
}
