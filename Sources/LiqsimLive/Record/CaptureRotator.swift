import Foundation
import LiqsimCapture
import LiqsimCore

/// The recorder's capture files: one open writer at a time, a new file every
/// `rotateEvery` and on every start, named by UTC start time, never overwriting one.
///
/// Confined to the recorder's event loop. The first failed write (disk full, file-size
/// limit, directory gone) is kept in `failure`: the file is closed with what it holds
/// (index and footer when they still fit) and every later append is refused.
final class CaptureRotator {
    let directory: String
    private let streams: [CaptureHeader.Stream]
    private let rotateEvery: Duration?
    private let time: any TimeSource
    /// zstd level of live captures: 3, not the writer's 6. Compression is most of the
    /// recorder's CPU (65% at level 6 in a loopback profile) and it runs on the thread that
    /// reads the sockets; level 3 halves it for captures a few percent larger.
    static let level: Int32 = 3
    var writer: CaptureWriter?
    private var openedAt = UnixNanos.zero
    private(set) var files: [String] = []
    private(set) var failure: CaptureError?
    /// Records written to files already closed.
    private var closedRecords: UInt64 = 0

    init(directory: String, streams: [CaptureHeader.Stream], rotateEvery: Duration?, time: any TimeSource) throws {
        self.directory = directory
        self.streams = streams
        self.rotateEvery = rotateEvery
        self.time = time
        try CaptureRotator.makeDirectory(directory)
        try openNext()
    }

    var currentPath: String? { writer?.path }
    var currentBytes: UInt64 { writer?.bytesWritten ?? 0 }
    var totalRecords: UInt64 { closedRecords + (writer?.recordCount ?? 0) }
    /// The capture writer's flush clock: monotonic nanoseconds.
    var monotonicNanos: UInt64 { UInt64(time.monotonic().rawValue) }

    /// A record is flushed once it has waited this long: checked on every append and on the
    /// 50 ms tick, so no record waits longer than 200 + 50 = 250 ms (plus the event loop's
    /// own delay), the bound `kill -9` loses at most (docs/live.md).
    static let flushAfterNanos: UInt64 = 200_000_000

    /// Flushes records older than `flushAfterNanos`; true when the rotation interval has
    /// passed and a new file was opened (the caller re-records state into it).
    func tick() -> Bool {
        guard let writer else { return false }
        do {
            let now = time.monotonic()
            try writer.flushIfDue(monotonicNow: UInt64(now.rawValue), maxDelayNanos: CaptureRotator.flushAfterNanos)
            if let rotateEvery, now.duration(since: openedAt) >= rotateEvery {
                try writer.close()
                closedRecords += writer.recordCount
                self.writer = nil
                try openNext()
                return true
            }
        } catch { fail(error) }
        return false
    }

    /// Closes the open file (index + footer). Errors are kept in `failure`.
    func close() {
        guard let writer else { return }
        self.writer = nil
        do {
            try writer.close()
            closedRecords += writer.recordCount
        } catch {
            fail(error, writer: writer)
        }
    }

    private func openNext() throws {
        let stamp = CaptureRotator.stamp(time.wall())
        var attempt = 1
        while true {
            let name = attempt == 1 ? "liqsim-\(stamp).lqc.zst" : "liqsim-\(stamp)-\(attempt).lqc.zst"
            let path = (directory as NSString).appendingPathComponent(name)
            let header = CaptureHeader(source: "record", createdNs: time.wall().rawValue, streams: streams)
            do {
                writer = try CaptureWriter(path: path, header: header, level: CaptureRotator.level)
                openedAt = time.monotonic()
                files.append(path)
                return
            } catch let error as CaptureError where error.kind == .exists {
                attempt += 1   // a file of the same second (restart): never overwrite, take the next name
            }
        }
    }

    func fail(_ error: any Error, writer failed: CaptureWriter? = nil) {
        let w = failed ?? writer
        if failure == nil {
            failure = (error as? CaptureError) ?? CaptureError(.writeFailed, path: w?.path ?? directory, "\(error)")
        }
        writer = nil
        // Close with what made it to disk: the partial frame was cut off, pending records
        // are dropped, and the index and footer are written if they still fit.
        if let w {
            try? w.close(discardingPending: true)
            closedRecords += w.recordCount
        }
    }

    /// `20261122T001500.123Z`: milliseconds, so rotations and restarts sort by name in time order.
    static func stamp(_ t: UnixNanos) -> String {
        let d = UTCDateTime(t)
        func p(_ v: Int, _ w: Int = 2) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
        return "\(p(d.year, 4))\(p(d.month))\(p(d.day))T\(p(d.hour))\(p(d.minute))\(p(d.second)).\(p(d.nanos / 1_000_000, 3))Z"
    }

    static func makeDirectory(_ path: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw CaptureError(.writeFailed, path: path, "exists and is not a directory", hint: "pass a directory to --out")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw CaptureError(.writeFailed, path: path, "cannot create the output directory: \((error as NSError).localizedDescription)",
                                   hint: "choose a writable --out directory")
            }
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw CaptureError(.writeFailed, path: path, "the output directory is not writable", hint: "choose a writable --out directory")
        }
    }
}
