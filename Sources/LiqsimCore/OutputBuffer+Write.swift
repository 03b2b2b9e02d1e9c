#if canImport(Glibc)
import Glibc
#endif

extension OutputBuffer {
    /// Writes the whole buffer to `fd` (retrying short writes and `EINTR`) and empties it.
    /// Returns false when the descriptor refused the bytes (`EPIPE` once the reader of a
    /// pipe went away — the CLI ignores SIGPIPE — or another write error).
    public func write(to fd: Int32) -> Bool {
        defer { removeAll() }
        return Self.writeAll(fd, bytes)
    }

    /// Writes `bytes` to `fd` in full; false on a write error.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += n
        }
        return true
    }
}
