import Foundation

/// A cached tape written straight to its file: little-endian integers, doubles by bit
/// pattern (exact, NaN included), arrays with their count, strings as UTF-8 — through one
/// bounded buffer (`bufferSize`), so writing a tape never holds it a second time as bytes.
/// A bulk array's bytes go from the array's own storage to the file (TapeBytes+Unsafe.swift).
/// The first write error is kept and thrown by `close()`; the encoder itself never fails.
final class TapeFileWriter {
    static let bufferSize = 1 << 20
    let path: String
    let descriptor: Int32
    var buffer: [UInt8] = []
    /// Bytes handed to the file so far, and the largest the buffer grew to (tests).
    var written = 0
    private(set) var largestBuffer = 0
    var failure: String?

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw TapeFileError(path: path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(Self.bufferSize)
    }

    func int(_ v: Int64) {
        var x = UInt64(bitPattern: v)
        for _ in 0..<8 { buffer.append(UInt8(truncatingIfNeeded: x)); x >>= 8 }
        if buffer.count >= Self.bufferSize { flush() }
    }

    func double(_ v: Double) { int(Int64(bitPattern: v.bitPattern)) }

    func string(_ s: String) {
        let utf8 = Array(s.utf8)
        int(Int64(utf8.count))
        buffer.append(contentsOf: utf8)
        if buffer.count >= Self.bufferSize { flush() }
    }

    /// Writes what is buffered.
    func flush() {
        largestBuffer = max(largestBuffer, buffer.count)
        if failure == nil { writeAll(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes; throws the first error any write met.
    func close() throws {
        flush()
        if Foundation.close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure { throw TapeFileError(path: path, reason: failure) }
    }
}

/// Reads what `TapeFileWriter` wrote, through one bounded buffer; bulk arrays are read from
/// the file into their final storage (no whole-file bytes, no second copy). Any overrun,
/// impossible count or short file is a damaged tape.
final class TapeFileReader {
    struct Damaged: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    static let bufferSize = 1 << 20
    let descriptor: Int32
    /// The file's size, and how much of it has been consumed.
    let size: Int
    var position = 0
    /// Bytes read ahead of `position`: `buffer[start...]`.
    var buffer: [UInt8] = []
    var start = 0
    private(set) var largestBuffer = 0

    /// nil when there is no file at `path`.
    init?(path: String) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
    }

    deinit { Foundation.close(descriptor) }

    var remaining: Int { size - position }
    var atEnd: Bool { position == size }

    /// At least `n` unread bytes in the buffer (n ≤ bufferSize), else the file is short.
    func ensure(_ n: Int) throws {
        if buffer.count - start >= n { return }
        buffer.removeFirst(start)
        start = 0
        let wanted = max(n, Self.bufferSize) - buffer.count
        let got = readInto(&buffer, wanted)
        largestBuffer = max(largestBuffer, buffer.count)
        guard got >= 0, buffer.count >= n else { throw Damaged(reason: "ends early, at byte \(size)") }
    }

    func int() throws -> Int64 {
        try ensure(8)
        var x: UInt64 = 0
        for i in (0..<8).reversed() { x = x << 8 | UInt64(buffer[start + i]) }
        start += 8
        position += 8
        return Int64(bitPattern: x)
    }

    func double() throws -> Double { Double(bitPattern: UInt64(bitPattern: try int())) }

    /// A count of elements of `elementSize` bytes that the rest of the file can hold.
    func count(_ elementSize: Int) throws -> Int {
        let at = position
        let n = try int()
        guard n >= 0, n <= remaining / max(1, elementSize) else { throw Damaged(reason: "impossible count \(n) at byte \(at)") }
        return Int(n)
    }

    func string() throws -> String {
        let n = try count(1)
        guard n <= Self.bufferSize else { throw Damaged(reason: "a \(n)-byte string at byte \(position)") }
        try ensure(n)
        defer { start += n; position += n }
        return String(decoding: buffer[start..<(start + n)], as: UTF8.self)
    }
}

/// A tape cache file that cannot be written.
struct TapeFileError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): cannot write the cached tape: \(reason)" }
}
