import Foundation

/// Times the three commands on one capture, `runs` times each, keeping every run.
struct Bench {
    let liqsim: String
    let runs: Int
    let logDir: String
    let keepLogs: Bool

    struct Measured {
        var label: String
        var runs: [ChildRun] = []
        /// `digest:` of each replay run (empty for zstd).
        var digests: [String] = []
        /// The full stderr summary of the first replay run.
        var summary: String = ""
        var failures: [String] = []
        /// Peak RSS of one extra, untimed run (see `peakRSS`); `rssExact` false when GNU time was missing.
        var peakRSSKiB = 0
        var rssExact = true

        var best: ChildRun? { runs.filter(\.succeeded).min { $0.seconds < $1.seconds } }
    }

    struct Results {
        var zstd: Measured
        var summary: Measured
        var jsonl: Measured
        var all: [Measured] { [zstd, summary, jsonl] }
    }

    func measure(_ capture: CaptureBuilder.Built, runs: Int? = nil) throws -> Results {
        let runs = runs ?? self.runs
        let name = ((capture.path as NSString).lastPathComponent as NSString).deletingPathExtension
        var zstd = Measured(label: "zstd -dc > /dev/null")
        var summary = Measured(label: "liqsim replay --format summary")
        var jsonl = Measured(label: "liqsim replay --format jsonl > /dev/null")
        for k in 1...runs {
            // Interleaved, so a slow spell of the machine hits all three alike.
            let z = try runChild(["zstd", "-dc", capture.path])
            zstd.runs.append(z)
            if !z.succeeded { zstd.failures.append("zstd -dc exited \(z.exitCode) (signal \(z.signal))") }
            try replay(capture.path, format: "summary", log: "\(logDir)/\(name).summary.\(k)", into: &summary)
            try replay(capture.path, format: "jsonl", log: "\(logDir)/\(name).jsonl.\(k)", into: &jsonl)
        }
        let scratch = "\(logDir)/\(name).rss"
        for (m, argv) in [(0, ["zstd", "-dc", capture.path]), (1, replayArgs(capture.path, "summary")), (2, replayArgs(capture.path, "jsonl"))] {
            let rss = try peakRSS(argv, scratch: scratch)
            switch m {
            case 0: zstd.peakRSSKiB = rss.kib; zstd.rssExact = rss.exact
            case 1: summary.peakRSSKiB = rss.kib; summary.rssExact = rss.exact
            default: jsonl.peakRSSKiB = rss.kib; jsonl.rssExact = rss.exact
            }
        }
        return Results(zstd: zstd, summary: summary, jsonl: jsonl)
    }

    private func replayArgs(_ path: String, _ format: String) -> [String] {
        [liqsim, "replay", path, "--speed", "max", "--format", format]
    }

    private func replay(_ path: String, format: String, log: String, into m: inout Measured) throws {
        let out = format == "jsonl" ? nil : log + ".stdout", err = log + ".stderr"
        let r = try runChild(replayArgs(path, format), stdout: out, stderr: err)
        m.runs.append(r)
        let text = readText(err)
        if m.summary.isEmpty { m.summary = text }
        let lines = text.split(separator: "\n").map(String.init)
        if !r.succeeded {
            m.failures.append("\(r.argv.joined(separator: " ")) exited \(r.exitCode) (signal \(r.signal)): \(lines.suffix(3).joined(separator: " / "))")
        }
        if let d = lines.last(where: { $0.hasPrefix("digest: ") }) {
            m.digests.append(String(d.dropFirst(8)))
        } else {
            m.failures.append("no `digest:` line in the replay's stderr")
        }
        if !lines.contains(where: { $0.hasPrefix("replay: ") }) { m.failures.append("no `replay:` line in the replay's stderr") }
        if !keepLogs {
            if let out { unlink(out) }
            unlink(err)
        }
    }
}

/// Counts a replay summary reports for a stream line such as
/// `  okx-swap: frames 1 · events 2 · ignored 0 · unknown 0 · malformed 0 · missing ctVal 3`.
struct StreamCounts {
    var unknown = 0, malformed = 0, missingCtVal = 0

    init(summary: String) {
        for line in summary.split(separator: "\n") where line.hasPrefix("  ") && line.contains(" · ") {
            for part in line.split(separator: "·") {
                let words = part.split(separator: " ")
                guard let n = words.last.flatMap({ Int($0.replacingOccurrences(of: ",", with: "")) }) else { continue }
                let key = words.dropLast().joined(separator: " ")
                if key.hasSuffix("unknown") { unknown += n }
                else if key.hasSuffix("malformed") { malformed += n }
                else if key.hasSuffix("missing ctVal") { missingCtVal += n }
            }
        }
    }

    var clean: Bool { unknown == 0 && malformed == 0 && missingCtVal == 0 }
}
