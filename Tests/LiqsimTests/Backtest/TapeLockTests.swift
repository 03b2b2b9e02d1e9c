import Foundation
import Testing

/// Shards that need the same tape at once: real `liqsim backtest` processes racing for one
/// cache directory. The test holds the entry's lock until both processes wait on it (seen
/// in /proc/locks), then lets go: one replays and stores the tape, the other waits and loads it.
@Suite(.serialized) struct TapeLockTests {
    /// Processes blocked on a lock of the file with this inode (`->` lines of /proc/locks).
    static func waiters(inode: UInt64) throws -> Int {
        let text = try String(contentsOfFile: "/proc/locks", encoding: .utf8)
        return text.split(separator: "\n").filter { $0.contains("->") && $0.contains(":\(inode) ") }.count
    }

    @Test func twoShardsBuildingOneTapeReplayOnceAndShareIt() throws {
        let dir = try TempDir()
        let capture = dir.path("gen.lqc.zst")
        try FileManager.default.copyItem(atPath: BacktestMarkets.generated, toPath: capture)
        let scenario = dir.path("gen.yaml")
        try BacktestMarkets.generatedScenario().replacingOccurrences(of: BacktestMarkets.generated, with: capture)
            .write(toFile: scenario, atomically: true, encoding: .utf8)
        // The key: a first run in another cache directory names its tape file.
        let warm = try CLI.run(["backtest", scenario, "--out", dir.path("warm"), "--tape-cache", dir.path("warm-tapes"), "--quiet"])
        #expect(warm.status == 0, "\(warm.stderr)")
        let key = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path("warm-tapes")).first { $0.hasSuffix(".tape") })

        let tapes = dir.path("tapes")
        try FileManager.default.createDirectory(atPath: tapes, withIntermediateDirectories: true)
        let lockPath = tapes + "/" + key + ".lock"
        let fd = open(lockPath, O_CREAT | O_RDWR, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let inode = try #require((try FileManager.default.attributesOfItem(atPath: lockPath)[.systemFileNumber] as? NSNumber)?.uint64Value)

        let results = LockedResults()
        let group = DispatchGroup()
        let out = dir.path("results")
        for shard in ["0/2", "1/2"] {
            group.enter()
            DispatchQueue.global().async {
                let r = try? CLI.run(["backtest", scenario, "--shard", shard, "--out", out, "--tape-cache", tapes])
                results.append(r)
                group.leave()
            }
        }
        let bothWait = SlurmDeployTests.wait(120) { ((try? Self.waiters(inode: inode)) ?? 0) == 2 }
        #expect(bothWait, "both shards should wait on the lock the test holds")
        flock(fd, LOCK_UN)
        close(fd)
        group.wait()

        let runs = results.all
        #expect(runs.count == 2 && runs.allSatisfy { $0?.status == 0 }, "\(runs.map { $0?.stderr ?? "did not run" })")
        let outputs = runs.compactMap { $0?.stdout }
        #expect(outputs.filter { $0.contains("cached tape") }.count == 1, "\(outputs)")
        #expect(outputs.filter { $0.contains(" replay (") }.count == 1, "\(outputs)")
        let files = try FileManager.default.contentsOfDirectory(atPath: tapes)
        // One tape, its lock, and the executable's memoised digest: no temporary file left.
        // (Both sides sorted: the key is a hash, and whether it sorts before "executables"
        // depends on the build that computed it.)
        #expect(files.sorted() == [key, key + ".lock", "executables.sha256"].sorted())
    }
}

final class LockedResults: @unchecked Sendable {
    private var results: [CLIResult?] = []
    private let lock = NSLock()
    func append(_ r: CLIResult?) { lock.lock(); results.append(r); lock.unlock() }
    var all: [CLIResult?] { lock.lock(); defer { lock.unlock() }; return results }
}
