import Foundation

/// Runs the built `liqsim` executable (the same binary users run) and captures its output.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data
}

enum CLI {
    /// `.build/<config>/liqsim`, next to the test bundle.
    static var executable: URL {
        var dir = Bundle.module.bundleURL.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("liqsim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        fatalError("liqsim executable not found near \(Bundle.module.bundleURL.path); run `swift build` first")
    }

    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil) throws -> CLIResult {
        try run(executable, arguments, stdin: stdin)
    }

    /// Runs any program (liqsim, a browser) and captures its output.
    static func run(_ program: URL, _ arguments: [String], stdin: Data? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        // Read both pipes concurrently so a large output cannot deadlock the child.
        let errData = LockedData()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData.set(err.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData.get(), as: UTF8.self), stdoutData: outData)
    }
}

final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}

/// A fresh temporary directory, removed when the value is deinitialized.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("liqsim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}
