import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

// Helpers of the Live/ suites (record and serve over loopback). Names are prefixed `Live`.
// Nothing here sleeps a fixed time to let something happen: tests poll for the condition
// with a generous deadline, because the machine is shared and its timing is not ours.

/// A `liqsim` process running in the background, its output going to files.
final class LiveProcess {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    /// Runs the built `liqsim` with `arguments`; `shell` (a bash prefix such as
    /// `trap "" XFSZ; ulimit -f 64;`) runs it through bash with that prefix before `exec`.
    init(_ arguments: [String], in dir: TempDir, name: String, shell: String? = nil) throws {
        stdoutPath = dir.path("\(name).stdout")
        stderrPath = dir.path("\(name).stderr")
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            let quoted = ([CLI.executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            process.arguments = ["-c", shell + " exec " + quoted.joined(separator: " ")]
        } else {
            process.executableURL = CLI.executable
            process.arguments = arguments
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    var isRunning: Bool { process.isRunning }

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// The exit status once the process has ended, nil if it is still running after `timeout` s.
    func waitForExit(timeout: Double = 60) -> Int32? {
        guard liveWait(timeout: timeout, { !self.process.isRunning }) else { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Exit status after SIGINT (or SIGTERM): the clean stop every test ends with.
    func stop(_ signal: Int32 = SIGINT, timeout: Double = 60) -> Int32? {
        send(signal)
        return waitForExit(timeout: timeout)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` seconds pass.
@discardableResult
func liveWait(timeout: Double = 60, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(50_000)
    }
    return condition()
}

/// `liqsim serve` on a free loopback port, with the `--endpoint` arguments it printed.
final class LiveServe {
    let process: LiveProcess
    /// `STREAM=URL` lines, in print order.
    let lines: [String]

    init(_ paths: [String], in dir: TempDir, speed: String = "max", loop: Bool = false, name: String = "serve") throws {
        process = try LiveProcess(["serve"] + paths + ["--listen", "127.0.0.1:0", "--speed", speed] + (loop ? ["--loop"] : []), in: dir, name: name)
        let p = process
        let ready = liveWait(timeout: 60) { p.stdout.hasSuffix("\n") || !p.isRunning }
        lines = p.stdout.split(separator: "\n").map(String.init)
        guard ready, !lines.isEmpty else {
            Issue.record("serve did not print its endpoints: \(p.stderr)")
            return
        }
    }

    /// `--endpoint` arguments for `record` (WebSocket and REST).
    var endpointArguments: [String] { lines.flatMap { ["--endpoint", $0] } }

    func url(_ key: String) -> String? {
        lines.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }
}

/// One record read back from a capture, copied out of the scanner's buffer.
struct LiveRecord {
    var kind: RecordKind?
    var stream: String
    var recv: Int64
    var aux: UInt16
    var payload: [UInt8]
    var body: [UInt8]
    var url: String

    var text: String { String(decoding: payload, as: UTF8.self) }
}

/// The capture files of a directory, in name order.
func liveCaptureFiles(_ dir: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.filter { $0.hasSuffix(".lqc.zst") }.sorted().map { (dir as NSString).appendingPathComponent($0) }
}

/// Every readable record of one capture, including a file still being written (the
/// index is rebuilt; a partly written tail is left out).
func liveRecords(_ path: String) -> [LiveRecord] {
    guard let reader = try? CaptureReader(path: path) else { return [] }
    let scanner = reader.scanner(skipCorrupt: false)
    var out: [LiveRecord] = []
    while let block = try? scanner.nextBlock() {
        var cursor = block.records
        while let r = cursor.next() {
            let id = Int(r.streamIndex) < reader.header.streams.count ? reader.header.streams[Int(r.streamIndex)].id : "?"
            out.append(LiveRecord(kind: r.kind, stream: id, recv: r.recv.rawValue, aux: r.aux, payload: Array(r.payload),
                                  body: Array(r.body), url: r.kind == .rest ? String(decoding: r.restURL, as: UTF8.self) : ""))
        }
    }
    return out
}

/// Records of every capture in `dir`, file by file.
func liveRecords(inDirectory dir: String) -> [LiveRecord] {
    liveCaptureFiles(dir).flatMap { liveRecords($0) }
}

/// A loopback port nothing listens on right now (bound, then released).
func liveFreePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return Int(UInt16(bigEndian: addr.sin_port))
}

/// The real capture every round trip starts from (8,329 real frames, three exchanges).
var liveRealCapture: String {
    var dir = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { dir.deleteLastPathComponent() }
    return dir.appendingPathComponent("captures/real/real-frames.lqc.zst").path
}
