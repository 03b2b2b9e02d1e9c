import Foundation
import LiqsimImport
import Testing

/// deploy/slurm-backtest.sh for real on a single-node Slurm (Debian's slurmctld and slurmd,
/// started here with their own configuration, ports and state in a temporary directory):
/// the array's merged table equals the unsharded run's, and the shards share one tape cache.
@Suite(.serialized) struct SlurmDeployTests {
    static func hostname() throws -> String {
        let r = try CLI.run(URL(fileURLWithPath: "/bin/uname"), ["-n"])
        return String(r.stdout.split(separator: ".").first ?? "localhost").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func configuration(_ dir: TempDir, host: String) -> String {
        let port = 20_000 + Int(ProcessInfo.processInfo.processIdentifier % 20_000)
        return """
            ClusterName=liqsimtest
            SlurmctldHost=\(host)(127.0.0.1)
            AuthType=auth/none
            CredType=cred/none
            SlurmctldPort=\(port)
            SlurmdPort=\(port + 1)
            StateSaveLocation=\(dir.path("state"))
            SlurmdSpoolDir=\(dir.path("spool"))
            SlurmctldPidFile=\(dir.path("slurmctld.pid"))
            SlurmdPidFile=\(dir.path("slurmd.pid"))
            SlurmctldLogFile=\(dir.path("slurmctld.log"))
            SlurmdLogFile=\(dir.path("slurmd.log"))
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            ReturnToService=2
            SlurmUser=root
            SlurmdUser=root
            MpiDefault=none
            JobCompType=jobcomp/none
            AccountingStorageType=accounting_storage/none
            NodeName=\(host) NodeAddr=127.0.0.1 CPUs=\(ProcessInfo.processInfo.activeProcessorCount) State=UNKNOWN
            PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP

            """
    }

    /// Starts a Slurm daemon in the background (it detaches itself; its pid file says where it is).
    static func start(_ name: String, _ arguments: String, conf: String) throws {
        let r = try CLI.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "SLURM_CONF=\(conf) /usr/sbin/\(name) \(arguments) -f \(conf) </dev/null >/dev/null 2>&1"])
        guard r.status == 0 else { throw ArchiveFilesError(message: "\(name) did not start") }
    }

    /// Stops a daemon started by `start` (SIGTERM to the pid in its pid file) and waits for it
    /// to go, so it writes no state into the directory after the test removed it.
    static func stop(pidFile: String) {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return }
        kill(pid, SIGTERM)
        _ = wait(20) { kill(pid, 0) != 0 }
    }

    static func wait(_ seconds: Double, _ done: () throws -> Bool) rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try done() { return true }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return try done()
    }

    @Test func theSlurmArrayMergesToTheUnshardedTable() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/slurmctld"), getuid() == 0 else {
            Issue.record("needs root and Debian's slurmctld, slurmd and slurm-client (make deps installs them)")
            return
        }
        let dir = try TempDir()
        for d in ["state", "spool", "shared"] { try FileManager.default.createDirectory(atPath: dir.path(d), withIntermediateDirectories: true) }
        let host = try Self.hostname()
        try Self.configuration(dir, host: host).write(toFile: dir.path("slurm.conf"), atomically: true, encoding: .utf8)
        let conf = dir.path("slurm.conf")
        try Self.start("slurmctld", "-i", conf: conf)
        defer { Self.stop(pidFile: dir.path("slurmctld.pid")) }
        try Self.start("slurmd", "-N \(host)", conf: conf)
        defer { Self.stop(pidFile: dir.path("slurmd.pid")) }
        func slurm(_ tool: String, _ args: [String]) throws -> CLIResult {
            try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["SLURM_CONF=" + dir.path("slurm.conf"), tool] + args)
        }
        #expect(try Self.wait(60) { try slurm("sinfo", ["-h", "-o", "%t"]).stdout.contains("idle") }, "slurmd did not come up")

        // Two imported Binance Vision days (FetchTests' archive) and a 6-run grid.
        try FetchTests.archive(dir.path("mirror"))
        _ = try BinanceVisionImport.run([dir.path("mirror")], out: dir.path("shared/bv"))
        let scenario = dir.path("shared/gen.yaml")
        try """
            name: gen
            data: {captures: [\(dir.path("shared/bv"))], symbols: [BTCUSDT]}
            bar: 1m
            account: {equity_usd: 100000, max_leverage: 2}
            execution: {fee_bps: 4, slippage_bps: 1, latency_ms: 100, funding: true}
            strategies:
              trend: {weight: [0.5, 1], window: [10, 20, 30], entry: 0.1, t: 1}
            pipeline: {sentiment_interval: 5m}
            regimes: {z_lookback: 1h, volatility_window: 5m}
            """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../deploy/slurm-backtest.sh").standardized
        let submit = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "SLURM_CONF=" + dir.path("slurm.conf"), "SCENARIO=" + scenario, "SHARDS=3", "SHARED=" + dir.path("shared"),
            "LIQSIM=" + CLI.executable.path, script.path])
        #expect(submit.status == 0, "\(submit.stderr)")
        guard submit.status == 0 else { return }
        let merged = dir.path("shared/compare.csv")
        let finished = try Self.wait(300) {
            try slurm("squeue", ["-h"]).stdout.isEmpty && ((try? String(contentsOfFile: merged, encoding: .utf8)) ?? "").count > 0
        }
        #expect(finished, "\((try? String(contentsOfFile: dir.path("slurmctld.log"), encoding: .utf8)) ?? "")")

        #expect(try CLI.run(["backtest", scenario, "--out", dir.path("whole"), "--quiet"]).status == 0)
        let whole = try CLI.run(["compare", dir.path("whole/gen"), "--all", "--format", "csv"])
        let table = try String(contentsOfFile: merged, encoding: .utf8)
        #expect(table == whole.stdout)
        #expect(table.split(separator: "\n").count == 7)
        // Three shards, one replay's tape in the shared cache.
        let shards = try FileManager.default.contentsOfDirectory(atPath: dir.path("shared/results/gen"))
        #expect(shards.filter { $0.contains("-shard-") }.count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("shared/tapes")).filter { $0.hasSuffix(".tape") }.count == 1)
    }
}
