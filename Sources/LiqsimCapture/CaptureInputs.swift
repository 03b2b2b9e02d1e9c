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

    static func captures(in directory: String) -> [String] {
        var out: [String] = []
        for name in entryNames(in: directory).sorted() {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if isDirectory(path) { out += captures(in: path) } else if name.hasSuffix(".lqc.zst") { out.append(path) }
        }
        return out
    }

    // Directory entries and glob(3) matches come from libc's C strings: CaptureInputs+Unsafe.swift.
}
