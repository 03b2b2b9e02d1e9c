import Foundation
import LiqsimCore
#if canImport(Glibc)
import Glibc
#endif

/// Recorder ingest over loopback: `liqsim serve --speed max` → `liqsim record`, frames per
/// second with zero frames lost (every recorded frame is checked byte for byte against the
/// capture, per stream, by SHA-256), and the recorder's CPU use at 10,000 frames/s.
/// Baseline, measured in the same run: `liqsim replay --speed max --no-pipeline` over the
/// same capture (reading and decoding it offline, no sockets). Target: ≥ 200,000 frames/s.
enum RecordBench {
    static let symbols = "BTCUSDT,ETHUSDT,SOLUSDT,XRPUSDT,DOGEUSDT"   // every symbol of the bench capture

    static func run(liqsim: String, capture: String, scratchDir: String) throws -> Bool {
        let dir = scratchDir + "/record-bench"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try StreamDigests(path: capture)
        guard original.frames > 0, let span = original.spanSeconds, span > 0 else {
            print("record ingest: the bench capture has no frames"); return false
        }

        let baseline = try runChild([liqsim, "replay", capture, "--speed", "max", "--format", "summary", "--no-pipeline"])
        let baselineRate = Double(original.frames) / baseline.seconds

        let maxRun = try ingest(liqsim: liqsim, capture: capture, dir: dir + "/max", speed: "max", duration: nil)
        let recorded = try StreamDigests(path: maxRun.file, skipAcks: true)
        let lossless = recorded.frames == original.frames && recorded.digests == original.digests
        let rate = Double(recorded.frames) / max(recorded.spanSeconds ?? 1, 1e-9)

        // 10,000 frames/s: the capture's own rate times the speed factor, for 10 s.
        let factor = 10_000 / (Double(original.frames) / span)
        let paced = try ingest(liqsim: liqsim, capture: capture, dir: dir + "/10k", speed: "\(fixed(factor, 3))x", duration: 10)
        let pacedFrames = try StreamDigests(path: paced.file, skipAcks: true).frames
        let cpu = (paced.run.userSeconds + paced.run.systemSeconds) / paced.run.seconds

        print("record ingest (serve --speed max → record, loopback, \(grouped(original.frames)) frames of \(original.digests.count) streams):")
        print("  recorded \(grouped(recorded.frames)) frames at \(grouped(Int(rate))) frames/s (first to last receive time); "
            + "lost \(grouped(original.frames - recorded.frames)); every stream byte-identical: \(lossless ? "yes" : "NO")")
        print("  baseline: replay --speed max --no-pipeline of the same capture \(grouped(Int(baselineRate))) frames/s; "
            + "ingest / baseline = \(fixed(rate / baselineRate, 2))")
        print("  recorder CPU at \(grouped(Int(Double(pacedFrames) / 10))) frames/s (serve --speed \(fixed(factor, 1))x, 10 s): "
            + "\(fixed(cpu * 100, 1))% of one core (\(fixed(paced.run.userSeconds, 2)) s user + \(fixed(paced.run.systemSeconds, 2)) s sys)")
        print("  target ≥ 200,000 frames/s with zero frames lost: \(verdict(lossless && rate >= 200_000))")
        return lossless
    }

    struct Ingest { var file: String; var run: ChildRun }

    /// Runs serve and record until the recorder has everything serve sent (or `duration`).
    static func ingest(liqsim: String, capture: String, dir: String, speed: String, duration: Double?) throws -> Ingest {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let serveOut = dir + "/serve.out", serveErr = dir + "/serve.err"
        let serve = try spawn([liqsim, "serve", capture, "--listen", "127.0.0.1:0", "--speed", speed], stdout: serveOut, stderr: serveErr)
        defer { kill(serve, SIGTERM); var s: Int32 = 0; waitpid(serve, &s, 0) }
        guard poll(timeout: 60, { readText(serveOut).split(separator: "\n").count >= 6 }) else {
            throw BenchFailure(message: "serve printed no endpoints: \(readText(serveErr))")
        }
        let endpoints = readText(serveOut).split(separator: "\n").flatMap { ["--endpoint", String($0)] }
        let out = dir + "/out"
        var args = [liqsim, "record", "--symbols", symbols, "--out", out, "--rest-interval", "off"] + endpoints
        if let duration { args += ["--duration", "\(Int(duration))s"] }
        let record = try spawn(args, stdout: dir + "/record.out", stderr: dir + "/record.err")
        if duration == nil {
            // Serve reports each stream's end; the recorder is done once its file stops growing.
            _ = poll(timeout: 600) { readText(serveErr).components(separatedBy: "end of capture").count > 3 }
            var last: UInt64 = 0
            _ = poll(timeout: 120, interval: 1) {
                let size = files(out).reduce(UInt64(0)) { $0 + fileSize($1) }
                defer { last = size }
                return size == last && size > 0
            }
            kill(record, SIGINT)
        }
        let run = try wait(record, argv: args)
        guard run.succeeded, let file = files(out).first else {
            throw BenchFailure(message: "record failed (exit \(run.exitCode)): \(readText(dir + "/record.err"))")
        }
        return Ingest(file: file, run: run)
    }

    struct BenchFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }

    static func poll(timeout: Double, interval: Double = 0.05, _ condition: () -> Bool) -> Bool {
        let end = monotonicSeconds() + timeout
        while monotonicSeconds() < end {
            if condition() { return true }
            usleep(UInt32(interval * 1e6))
        }
        return condition()
    }

    static func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".lqc.zst") }.sorted().map { dir + "/" + $0 }
    }

    static func fileSize(_ path: String) -> UInt64 {
        var st = stat()
        return stat(path, &st) == 0 ? UInt64(st.st_size) : 0
    }

    static func spawn(_ argv: [String], stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var pid: pid_t = 0
        let rc = spawnp(argv, &actions, pid: &pid)
        guard rc == 0 else { throw ChildError.spawn(argv[0], rc) }
        return pid
    }

    /// Waits for a spawned child and returns its own rusage (wall time from the spawn call is
    /// not known here, so it is measured from now; callers use CPU/wall over a fixed duration).
    static func wait(_ pid: pid_t, argv: [String]) throws -> ChildRun {
        let started = monotonicSeconds()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { throw ChildError.spawn(argv[0], errno) }
        }
        let termSignal = status & 0x7F
        return ChildRun(argv: argv, seconds: monotonicSeconds() - started,
                        userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
                        systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
                        peakRSSKiB: Int(usage.ru_maxrss), exitCode: termSignal == 0 ? (status >> 8) & 0xFF : -1, signal: termSignal)
    }
}
