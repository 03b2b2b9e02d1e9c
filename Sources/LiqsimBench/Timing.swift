import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// One finished child process: wall time, CPU time and peak resident set (from wait4).
struct ChildRun {
    var argv: [String]
    var seconds: Double
    var userSeconds: Double
    var systemSeconds: Double
    /// ru_maxrss: kilobytes on Linux (bytes on macOS; normalized to KiB here).
    var peakRSSKiB: Int
    var exitCode: Int32
    var signal: Int32

    var succeeded: Bool { exitCode == 0 && signal == 0 }
}

enum ChildError: Error, CustomStringConvertible {
    case spawn(String, Int32)
    var description: String {
        switch self {
        case .spawn(let cmd, let e): "cannot start \(cmd): \(String(cString: strerror(e)))"
        }
    }
}

/// Runs `argv` (PATH lookup) with stdout/stderr sent to files (nil: /dev/null) and waits
/// with wait4, so the rusage is the child's own (not accumulated over other children).
func runChild(_ argv: [String], stdout: String? = nil, stderr: String? = nil) throws -> ChildRun {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    var pid: pid_t = 0
    let started = monotonicSeconds()
    let rc = spawnp(argv, &actions, pid: &pid)
    guard rc == 0 else { throw ChildError.spawn(argv[0], rc) }

    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        if errno != EINTR { throw ChildError.spawn(argv[0], errno) }
    }
    let seconds = monotonicSeconds() - started
    let termSignal = status & 0x7F
    let exitCode = termSignal == 0 ? (status >> 8) & 0xFF : -1
    #if canImport(Darwin)
    let rssKiB = Int(usage.ru_maxrss) / 1024
    #else
    let rssKiB = Int(usage.ru_maxrss)
    #endif
    return ChildRun(argv: argv, seconds: seconds,
                    userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
                    systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
                    peakRSSKiB: rssKiB, exitCode: exitCode, signal: termSignal)
}

/// Peak RSS of `argv` in KiB, as wait4's ru_maxrss.
///
/// On Linux, exec folds the *spawning* mm's peak into the new image's ru_maxrss, and
/// posix_spawn shares this (Foundation-sized) process's mm until exec, so a direct child
/// reports at least this process's peak (zstd: ~24 MiB instead of ~3 MiB). GNU time forks
/// from a ~1 MiB process and reports its child's ru_maxrss from wait4, so it is used when
/// present; otherwise the direct (inflated) figure is returned, flagged `exact: false`.
func peakRSS(_ argv: [String], stdout: String? = nil, scratch: String) throws -> (kib: Int, exact: Bool) {
    let time = "/usr/bin/time"
    if access(time, X_OK) == 0 {
        let r = try runChild([time, "-f", "%M", "-o", scratch] + argv, stdout: stdout)
        defer { unlink(scratch) }
        if r.succeeded, let kib = readText(scratch).split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            return (kib, true)
        }
    }
    return (try runChild(argv, stdout: stdout).peakRSSKiB, false)
}
