import Foundation
import LiqsimCore

/// SHA-256 of texts and files for manifest.json (the scenario text, the input captures)
/// and of the files the digest covers.
public enum FileDigest {
    public static func sha256(text: String) -> String {
        let d = SHA256Digest()
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { d.update(UnsafeRawBufferPointer($0)) }
        return d.finalizeHex()
    }

    /// Reads the file in 1 MiB chunks; nil when it cannot be read.
    public static func sha256(file path: String) -> String? {
        (try? SHA256Digest.hex(ofFile: path, chunk: 1 << 20)) ?? nil
    }

    /// The results' digest: SHA-256 over each file's name, a newline and its bytes, in order.
    public static func sha256(files: [(name: String, bytes: [UInt8])]) -> String {
        let digest = SHA256Digest()
        for (name, bytes) in files {
            Array((name + "\n").utf8).withUnsafeBytes { digest.update($0) }
            bytes.withUnsafeBytes { digest.update($0) }
        }
        return digest.finalizeHex()
    }
}
