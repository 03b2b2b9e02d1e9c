import Foundation
import Synchronization

/// The running executable's SHA-256 for the tape cache key, without hashing the whole
/// binary (tens of MB) on every run: the digest is memoised in the cache directory
/// (`executables.sha256`), one line per executable file identified by device, inode, size
/// and modification time (ns). Any rebuild or copy of liqsim changes at least one of those
/// (a new file has a new inode or a new mtime), so it is hashed again and gets its own key;
/// a memo line can only be reused by the very file it was made from. A damaged or foreign
/// memo file is ignored and rewritten.
enum ExecutableDigest {
    static let memoName = "executables.sha256"
    /// At most this many lines are kept (a shared volume sees one per node and build).
    static let memoLines = 64

    /// The digest within one process (hashed or looked up once).
    private static let cache = Mutex<[String: String]>([:])

    /// `memo`: the cache directory to keep the memo in (nil: hash, remember in this process only).
    static func current(memo directory: String?) -> String {
        let exe = FileManager.default.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : CommandLine.arguments[0]
        guard let identity = identity(exe) else { return "unknown" }
        let memoPath = directory.map { $0 + "/" + memoName }
        let lines = memoPath.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }?.split(separator: "\n").map(String.init) ?? []
        let remembered = lines.first { $0.hasSuffix(" " + identity) }.flatMap { line -> String? in
            let digest = String(line.prefix { $0 != " " })
            return digest.count == 64 && digest.allSatisfy(\.isHexDigit) ? digest : nil
        }
        guard let digest = remembered ?? cache.withLock({ $0[identity] }) ?? (try? TapeCache.fileDigest(exe)) else { return "unknown" }
        cache.withLock { $0[identity] = digest }
        if let memoPath, let directory, remembered == nil {
            let kept = Array(lines.filter { !$0.hasSuffix(" " + identity) }.suffix(memoLines - 1)) + [digest + " " + identity]
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let temporary = memoPath + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
            if (try? (kept.joined(separator: "\n") + "\n").write(toFile: temporary, atomically: false, encoding: .utf8)) != nil {
                if rename(temporary, memoPath) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
            }
        }
        return digest
    }

    /// "dev inode size mtime-ns" of the file `path` resolves to; nil when it cannot be read.
    static func identity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return "\(info.st_dev) \(info.st_ino) \(info.st_size) \(mtime)"
    }
}
