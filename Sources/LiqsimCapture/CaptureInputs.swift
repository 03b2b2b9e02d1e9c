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
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        var out: [String] = []
        for name in names.sorted() {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if isDirectory(path) { out += captures(in: path) } else if name.hasSuffix(".lqc.zst") { out.append(path) }
        }
        return out
    }

    static func glob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard Glibc.glob(pattern, 0, nil, &g) == 0 else { return [] }
        return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }
    }
}
