#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CaptureFile {
    /// Reads up to `count` bytes at `offset`; returns how many were read (short at EOF).
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: UInt64) throws -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw CaptureError(.cannotOpen, path: path, offset: offset, "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw CaptureError(.writeFailed, path: path, "write failed: \(String(cString: strerror(errno)))",
                                   hint: "the capture is valid up to the last complete frame")
            }
            done += n
        }
    }

    /// Fills `bytes` from `offset`; returns how many were read (short at EOF).
    func read(into bytes: inout [UInt8], at offset: UInt64) throws -> Int {
        try bytes.withUnsafeMutableBytes { try read(into: $0.baseAddress!, count: $0.count, at: offset) }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}
