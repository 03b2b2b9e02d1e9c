import Foundation

/// What "≥ 2 M frames/s on one core" leaves for liqsim's own work, measured in the same run.
///
/// Any replay has to decompress the capture (`zstd -dc`, the floor) and, for its `digest:`,
/// SHA-256 every byte of its JSON lines (the digest is the SHA-256 of `--format jsonl`'s
/// output; checked here against `openssl dgst`, the same libcrypto liqsim hashes with). The
/// two together, in CPU-seconds, bound the frames per CPU-second of a replay from above
/// before any parsing, normalization, pipeline or formatting. The line prints that ceiling,
/// liqsim's own figure against it, and the time per frame the target leaves for the rest.
enum OneCoreCeiling {
    static func print(liqsim: String, results r: Bench.Results, capture c: CaptureBuilder.Built, runs: Int, scratch: String) throws {
        guard let zstd = r.zstd.best, let summary = r.summary.best, let digest = r.summary.digests.first else { return }
        let jsonl = scratch + "/ceiling.jsonl", hashed = scratch + "/ceiling.sha256"
        defer { unlink(jsonl); unlink(hashed) }
        let replay = try runChild([liqsim, "replay", c.path, "--speed", "max", "--format", "jsonl"], stdout: jsonl)
        guard replay.succeeded else { return Swift.print("  one-core ceiling: not measured (the jsonl replay exited \(replay.exitCode))") }
        var best: ChildRun?
        for _ in 0..<max(runs, 1) {
            let h = try runChild(["openssl", "dgst", "-sha256", "-r", jsonl], stdout: hashed)
            guard h.succeeded else { return Swift.print("  one-core ceiling: not measured (openssl dgst exited \(h.exitCode))") }
            if best.map({ cpu(h) < cpu($0) }) ?? true { best = h }
        }
        guard let sha = best else { return }
        let agrees = readText(hashed).hasPrefix(digest)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: jsonl)[.size] as? Int) ?? 0
        let frames = Double(c.records)
        let floors = cpu(zstd) + cpu(sha)
        let ceiling = frames / floors, achieved = frames / cpu(summary)
        let left = (1 / Report.targetFramesPerSecond - floors / frames) * 1e9
        Swift.print("  one-core ceiling: zstd -dc \(fixed(cpu(zstd), 3)) CPU-s + SHA-256 of the \(mib(bytes)) of JSON lines the digest covers"
                    + " (openssl dgst \(fixed(cpu(sha), 3)) CPU-s; its hash \(agrees ? "equals" : "DIFFERS FROM") the replay's digest)"
                    + " = \(fixed(floors, 3)) CPU-s before any parsing: at most \(grouped(Int(ceiling))) frames per CPU-second")
        Swift.print("    liqsim replay --format summary: \(grouped(Int(achieved))) frames per CPU-second = \(fixed(achieved / ceiling * 100, 0))% of that ceiling;"
                    + " \(grouped(Int(Report.targetFramesPerSecond))) per CPU-second would leave \(fixed(left, 0)) ns per frame"
                    + " for reading, parsing, normalizing, the pipeline and formatting (now \(fixed((cpu(summary) - floors) / frames * 1e9, 0)) ns)")
    }

    private static func cpu(_ run: ChildRun) -> Double { run.userSeconds + run.systemSeconds }
}
