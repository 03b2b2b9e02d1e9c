import Foundation
import LiqsimCore

/// The result files the digest covers, written one after another through one buffer and
/// hashed as they go: the same digest as `FileDigest.sha256(files:)` (SHA-256 over each
/// file's name, a newline and its bytes, in order) without holding a file whole — a
/// 1,000-run grid's equity.csv is 78 MB, built 1 MiB at a time and written from the same
/// buffer (no copy into `Data`, no 78 MB of fresh pages). Errors are `ResultFileError`s
/// naming the file, the system's reason as theirs.
public final class DigestedFiles {
    /// Callers append a file's bytes here and call `drainIfFull()` now and then.
    public var buffer: [UInt8] = []
    private let digest = SHA256Digest()
    private let directory: String
    private var fd: Int32 = -1
    private var path = ""
    private static let chunk = 1 << 20

    public init(directory: String) {
        self.directory = directory
        buffer.reserveCapacity(Self.chunk + 4_096)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Starts `name` (creating or truncating it); the previous file must be ended.
    public func begin(_ name: String) throws {
        precondition(fd < 0, "end the previous file first")
        path = directory + "/" + name
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ResultFileError(path, String(cString: strerror(errno))) }
        var header = Array((name + "\n").utf8)
        header.withUnsafeBytes { digest.update($0) }
    }

    /// Hashes and writes the buffer once it holds a chunk.
    public func drainIfFull() throws {
        if buffer.count >= Self.chunk { try drain() }
    }

    /// Hashes and writes what the buffer holds, then closes the file.
    public func end() throws {
        try drain()
        let failed = close(fd) != 0
        fd = -1
        if failed { throw ResultFileError(path, String(cString: strerror(errno))) }
    }

    /// One whole file.
    public func file(_ name: String, _ bytes: [UInt8]) throws {
        try begin(name)
        buffer += bytes
        try end()
    }

    /// The digest of every file so far (call once, after the last file).
    public func finalizeHex() -> String { digest.finalizeHex() }

    private func drain() throws {
        try buffer.withUnsafeBytes { bytes in
            digest.update(bytes)
            var done = 0
            while done < bytes.count {
                let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw ResultFileError(path, String(cString: strerror(errno))) }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
