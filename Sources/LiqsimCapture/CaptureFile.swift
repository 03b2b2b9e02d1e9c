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

    // Positioned reads and full writes (raw memory, or whole byte arrays): CaptureFile+Unsafe.swift.

    func sync() { _ = fsync(fd) }

    /// Cuts the file back to `size` bytes (drops a partly written frame after a failed write)
    /// and moves the write position there too, so the next write does not leave a hole.
    func truncate(to size: UInt64) {
        _ = ftruncate(fd, off_t(size))
        _ = lseek(fd, off_t(size), SEEK_SET)
    }
}
