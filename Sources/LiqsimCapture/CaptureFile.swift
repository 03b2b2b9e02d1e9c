#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX file descriptor with positioned reads and full writes, errors carrying the path.
final class CaptureFile {
    let path: String
    let fd: Int32

    init(readingAt path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CaptureError(.cannotOpen, path: path, "cannot open: \(String(cString: strerror(errno)))", hint: "check the path") }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(fd)
            throw CaptureError(.cannotOpen, path: path, "is a directory", hint: "pass a .lqc.zst file")
        }
        self.fd = fd
    }

    /// Creates a new file; never replaces an existing one unless `replace` is set.
    init(creatingAt path: String, replace: Bool) throws {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (replace ? O_TRUNC : O_EXCL)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else {
            let e = errno
            if e == EEXIST { throw CaptureError(.exists, path: path, "already exists", hint: "liqsim never overwrites a capture; choose another name or pass --force") }
            throw CaptureError(.writeFailed, path: path, "cannot create: \(String(cString: strerror(e)))")
        }
        self.fd = fd
    }

    deinit { Glibc.close(fd) }

    var size: UInt64 {
        var st = stat()
        return fstat(fd, &st) == 0 ? UInt64(st.st_size) : 0
    }

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

    func sync() { _ = fsync(fd) }

    /// Cuts the file back to `size` bytes (drops a partly written frame after a failed write)
    /// and moves the write position there too, so the next write does not leave a hole.
    func truncate(to size: UInt64) {
        _ = ftruncate(fd, off_t(size))
        _ = lseek(fd, off_t(size), SEEK_SET)
    }
}
