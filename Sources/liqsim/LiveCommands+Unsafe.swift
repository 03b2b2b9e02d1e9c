import Foundation

extension LiveForwarding {
    /// execv(2): replaces this process with `path` run with `argv` (argv[0] included, as
    /// given); returns errno only when that failed.
    static func execute(_ path: String, _ argv: [String]) -> Int32 {
        var arguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        arguments.append(nil)
        fflush(nil)
        execv(path, arguments)
        let failure = errno
        for argument in arguments { free(argument) }
        return failure
    }
}
