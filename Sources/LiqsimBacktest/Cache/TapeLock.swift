import Foundation

/// An exclusive `flock` on a lock file beside a cache entry, held while the entry is built.
/// The kernel releases it when the holder exits, even by `kill -9`, so a crashed shard
/// never blocks the others. Works across processes on one machine and on shared volumes
/// whose file system supports `flock` (NFS maps it to byte-range locks on Linux).
final class TapeLock {
    let descriptor: Int32
    /// True when the lock was held by another process when asked for.
    let waited: Bool

    init(path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw TapeLockError(path: path, reason: String(cString: strerror(errno)))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            waited = false
            return
        }
        waited = true
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw TapeLockError(path: path, reason: reason)
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The tape cache's lock file cannot be opened or locked.
public struct TapeLockError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot lock the tape cache entry: \(reason) (check that the cache directory is writable)" }
}
