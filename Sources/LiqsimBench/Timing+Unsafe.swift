#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// posix_spawnp of `argv` (PATH lookup) with `actions`: the arguments as C strings,
/// freed again after the call. Returns posix_spawnp's result.
func spawnp(_ argv: [String], _ actions: inout posix_spawn_file_actions_t, pid: inout pid_t) -> Int32 {
    let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for p in cArgs { free(p) } }
    return cArgs.withUnsafeBufferPointer { posix_spawnp(&pid, argv[0], &actions, nil, $0.baseAddress!, environ) }
}

/// Reads a whole (small) text file.
func readText(_ path: String) -> String {
    guard let f = fopen(path, "r") else { return "" }
    defer { fclose(f) }
    var out = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
        if n <= 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: out, as: UTF8.self)
}
