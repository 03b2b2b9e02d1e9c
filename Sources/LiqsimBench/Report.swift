import Foundation
import LiqsimCore

/// Prints the bench's tables and verdict.
struct Report {
    let liqsim: String
    let runs: Int
    static let targetFramesPerSecond = 2_000_000.0
    static let targetRatio = 2.5

    func printCapture(_ c: CaptureBuilder.Built, title: String) {
        let origin = c.reused ? "reused" : "generated in \(fixed(c.seconds, 1)) s"
        print("\(title): \(c.path) (\(origin))")
        print("  frames            \(grouped(c.frames)) WebSocket frames + 1 REST record = \(grouped(Int(c.records))) records, \(CaptureBuilder.spanNs(frames: c.frames) / 3_600_000_000_000) h of receive time")
        print("  capture bytes     \(grouped(Int(c.fileBytes))) (\(mib(Int(c.fileBytes))))")
        let ratio = Double(c.rawBytes) / Double(max(c.fileBytes, 1))
        print("  raw bytes         \(grouped(Int(c.rawBytes))) (\(mib(Int(c.rawBytes)))) · compression ratio \(fixed(ratio, 2)):1")
        let payload = Int(c.rawBytes) - 16 * Int(c.records)
        print("  avg record        \(grouped(payload / max(Int(c.records), 1))) payload bytes + 16 header bytes")
    }

    func printRuns(_ r: Bench.Results, capture c: CaptureBuilder.Built) {
        let floor = r.zstd.best?.seconds
        print("")
        // Fixed widths: the label column, then right-aligned figures one space apart.
        let header = ["best of \(r.zstd.runs.count)", "seconds", "cpu s", "frames/s", "MB/s raw", "× zstd", "peak RSS"]
        let rows = r.all.map { m -> [String] in
            guard let b = m.best else { return [m.label] }
            return [m.label, fixed(b.seconds, 3), fixed(b.userSeconds + b.systemSeconds, 2), grouped(Int(Double(c.records) / b.seconds)),
                    fixed(Double(c.rawBytes) / b.seconds / 1e6, 1), floor.map { fixed(b.seconds / $0, 2) } ?? "-",
                    mib(m.peakRSSKiB * 1024) + (m.rssExact ? "" : "*")]
        }
        let table = TextTable(header: header, rows: rows, alignments: [.left] + Array(repeating: .right, count: 6))
            .padded(gap: " ", widths: [42, 8, 7, 11, 9, 7, 10])
        print("  " + table[0])
        for (i, m) in r.all.enumerated() {
            print("  " + table[i + 1] + (m.best == nil ? "  FAILED" : ""))
            for f in m.failures { print("    ! \(f)") }
        }
        if r.all.allSatisfy(\.rssExact) {
            print("  peak RSS: ru_maxrss from wait4 of one extra untimed run, via /usr/bin/time (see Timing.swift: peakRSS)")
        } else {
            print("  * /usr/bin/time missing: direct wait4 ru_maxrss, which on Linux includes this process's own peak (an upper bound)")
        }
        print("  all runs (s): " + r.all.map { m in m.runs.map { fixed($0.seconds, 3) }.joined(separator: " ") }.joined(separator: " | "))
    }

    /// Digest agreement, memory flatness, the issue's targets. Returns false when something failed.
    func printVerdict(full: Bench.Results, long: Bench.Results, capture c: CaptureBuilder.Built) -> Bool {
        var ok = true
        let replays = [full.summary, full.jsonl]
        let digests = replays.flatMap(\.digests), longDigests = [long.summary, long.jsonl].flatMap(\.digests)
        let agree = !digests.isEmpty && Set(digests).count == 1, longAgree = !longDigests.isEmpty && Set(longDigests).count == 1
        print("digest            \(digests.first ?? "-")")
        print("                  \(digests.count) full-size runs (summary + jsonl) agree: \(agree ? "yes" : "NO")"
              + " · 10× capture's \(longDigests.count) runs agree: \(longAgree ? "yes" : "NO")")
        if !agree || !longAgree { ok = false }

        for (m, l) in [(full.summary, long.summary), (full.jsonl, long.jsonl)] {
            let growth = Double(l.peakRSSKiB) / Double(max(m.peakRSSKiB, 1))
            let flat = growth < 1.25
            print("peak RSS          \(m.label.replacingOccurrences(of: "liqsim replay ", with: "")): "
                  + "\(mib(m.peakRSSKiB * 1024)) (1×) vs \(mib(l.peakRSSKiB * 1024)) (10×, 10× as long) → ×\(fixed(growth, 2)): \(flat ? "flat" : "GROWS")")
        }

        print("replay summary (first run, full capture):")
        for line in full.summary.summary.split(separator: "\n") { print("  | \(line)") }
        let counts = StreamCounts(summary: full.summary.summary)
        if !counts.clean {
            print("! the replay reports unknown \(counts.unknown), malformed \(counts.malformed), missing ctVal \(counts.missingCtVal): "
                  + "the generator and the decoders disagree, so the timing does not measure the normal path")
            ok = false
        }

        print("")
        print("targets (informational): ≥ \(grouped(Int(Self.targetFramesPerSecond))) frames/s on one core, ≤ \(fixed(Self.targetRatio, 1))× the zstd -dc floor")
        if let zb = full.zstd.best {
            let zCPU = max(zb.userSeconds + zb.systemSeconds, 1e-6)
            for m in replays {
                guard let b = m.best else { continue }
                let fps = Double(c.records) / b.seconds, ratio = b.seconds / zb.seconds
                let cpu = max(b.userSeconds + b.systemSeconds, 1e-6), cfps = Double(c.records) / cpu, cratio = cpu / zCPU
                print("  \(TextTable.pad(m.label, to: 42))"
                      + " wall: \(grouped(Int(fps))) frames/s \(verdict(fps >= Self.targetFramesPerSecond))"
                      + ", \(fixed(ratio, 2))× zstd \(verdict(ratio <= Self.targetRatio))"
                      + " · cpu: \(grouped(Int(cfps))) frames/cpu-s \(verdict(cfps >= Self.targetFramesPerSecond))"
                      + ", \(fixed(cratio, 2))× zstd \(verdict(cratio <= Self.targetRatio))")
            }
        }
        for m in full.all + long.all where !m.failures.isEmpty { ok = false }
        if !ok { print("liqsim-bench: FAILED (see the lines marked ! or NO above)") }
        return ok
    }
}

func verdict(_ pass: Bool) -> String { pass ? "PASS" : "MISS" }

/// The 1-minute load average and the number of online CPUs, to flag a busy machine.
func machineLoad() -> (load: Double, cpus: Int) {
    let text = readText("/proc/loadavg")
    let load = text.split(separator: " ").first.flatMap { Double($0) } ?? 0
    return (load, max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1))
}

func fixed(_ v: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", v) }

func mib(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

/// The bench files' shorthand for `NumberText.grouped`.
func grouped(_ n: Int) -> String { NumberText.grouped(n) }
