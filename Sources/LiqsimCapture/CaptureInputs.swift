#if canImport(Glibc)
import Glibc
#endif

/// Expands replay arguments into an ordered file list: files as given, directories as
/// their `*.lqc.zst` files in name order (recursively), globs in `glob(3)` order.
public enum CaptureInputs {
    public static func resolve(_ arguments: [String]) throws -> [String] {
        var files: [String] = []
        for argument in arguments {
            if isDirectory(argument) {
                let found = captures(in: argument)
                guard !found.isEmpty else {
                    throw CaptureError(.cannotOpen, path: argument, "directory holds no .lqc.zst captures")
                }
                files += found
            } else if argument.contains(where: { "*?[".contains($0) }) {
                let matched = glob(argument)
                guard !matched.isEmpty else { throw CaptureError(.cannotOpen, path: argument, "pattern matches no files") }
                files += matched
            } else {
                guard exists(argument) else { throw CaptureError(.cannotOpen, path: argument, "no such file or directory") }
                files.append(argument)
            }
        }
        return files
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// `visited`: the directories entered (device and inode), so a symbolic link back up the
    /// tree (a loop) is entered once, not until the stack runs out.
    static func captures(in directory: String, visited: inout Set<[UInt64]>) -> [String] {
        var st = stat()
        guard stat(directory, &st) == 0, visited.insert([UInt64(st.st_dev), UInt64(st.st_ino)]).inserted else { return [] }
        var out: [String] = []
        for name in entryNames(in: directory).sorted() {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if isDirectory(path) { out += captures(in: path, visited: &visited) } else if name.hasSuffix(".lqc.zst") { out.append(path) }
        }
        return out
    }

    static func captures(in directory: String) -> [String] {
        var visited: Set<[UInt64]> = []
        return captures(in: directory, visited: &visited)
    }

    // Directory entries and glob(3) matches come from libc's C strings: CaptureInputs+Unsafe.swift.
}
