import Foundation
import LiqsimCore
import Testing

/// `SHA256Digest.hex(ofFile:)` (capture hashes for the tape cache and manifests): the same
/// hex as hashing the bytes at once, whatever the chunk size against the file's length.
@Suite("SHA-256 of a file")
struct FileDigestTests {
    @Test func fileHashEqualsTheBytesHashAtEveryChunkBoundary() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liqsim-file-digest-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SeededRandom(seed: 16)
        for length in [0, 1, 4_095, 4_096, 4_097, 3 * 4_096 + 17, 100_003] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let path = directory.appendingPathComponent("f\(length)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            for chunk in [4_096, 8_192, 1 << 20] {
                #expect(try SHA256Digest.hex(ofFile: path, chunk: chunk) == SHA256Digest.hex(of: bytes), "length \(length), chunk \(chunk)")
            }
        }
        // The empty input's well-known SHA-256, so the comparison above is against real hashes.
        #expect(SHA256Digest.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func aMissingFileIsNil() throws {
        #expect(try SHA256Digest.hex(ofFile: "/nonexistent/liqsim-no-such-file") == nil)
    }
}
