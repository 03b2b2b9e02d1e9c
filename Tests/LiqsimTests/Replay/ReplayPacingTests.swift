import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

@Suite("Replay pacing", .serialized)
struct ReplayPacingTests {
    /// Five real-shaped frames at 0, 0.5, 1, 1.5 and 2 s of capture time.
    private static func twoSecondCapture(_ path: String) throws {
        let frames = try Fixtures.lines("misc-2026.jsonl").filter { $0.stream == .binanceUSDM }.compactMap(\.frame)
        #expect(frames.count >= 2)
        let header = CaptureHeader(source: "synth", streams: [.init(id: "binance-usdm")])
        let writer = try CaptureWriter(path: path, header: header)
        let start: Int64 = 1_786_171_884_000_000_000
        for i in 0..<5 {
            try writer.append(kind: .text, streamIndex: 0, recv: UnixNanos(start + Int64(i) * 500_000_000), text: frames[i % frames.count])
        }
        try writer.close()
    }

    /// The replay's own run time, from the summary's first line (`… in 1.00 s (…)`).
    private static func reportedSeconds(_ stderr: String) -> Double? {
        guard let line = stderr.split(separator: "\n").first, let r = line.range(of: " in ") else { return nil }
        return Double(line[r.upperBound...].prefix { $0 != " " })
    }

    @Test func twoXPlaysTwoSecondsInAboutOneSecond() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("paced.lqc.zst")
        try Self.twoSecondCapture(path)

        let clock = ContinuousClock()
        var paced: CLIResult!
        let pacedWall = try clock.measure { paced = try CLI.run(["replay", path, "--speed", "2x", "--format", "summary"]) }
        #expect(paced.status == 0, "\(paced.stderr)")
        #expect(paced.stderr.contains("replay: 1 file, 5 records"))
        // Pacing can only delay: the last record is due 1 s after the first, so neither the
        // run nor the process can be shorter. (No upper bounds here: the machine is shared;
        // the exact schedule is pinned by PacerTests with a manual clock.)
        let seconds = Double(pacedWall.components.seconds) + Double(pacedWall.components.attoseconds) / 1e18
        #expect(seconds >= 0.95, "2 s of capture at 2x took \(seconds) s of wall time")
        let reported = try #require(Self.reportedSeconds(paced.stderr))
        #expect(reported >= 0.95, "replay reported \(reported) s")

        var fast: CLIResult!
        _ = try clock.measure { fast = try CLI.run(["replay", path, "--speed", "max", "--format", "summary"]) }
        #expect(fast.status == 0)
        #expect(fast.stderr.contains("replay: 1 file, 5 records"))
        #expect(Cap.digest(fast.stderr) == Cap.digest(paced.stderr))
        // Paced runs report how far they fell behind schedule; unpaced runs have no schedule.
        #expect(paced.stderr.contains("pacing: records released at most "))
        #expect(!fast.stderr.contains("pacing:"))

        // --max-gap shortens the four 0.5 s gaps to 0.1 s: due at 0.2 s at 2x.
        let gapped = try CLI.run(["replay", path, "--speed", "2x", "--max-gap", "100ms", "--format", "summary"])
        #expect(gapped.status == 0, "\(gapped.stderr)")
        let gappedReported = try #require(Self.reportedSeconds(gapped.stderr))
        #expect(gappedReported >= 0.19, "--max-gap 100ms run reported \(gappedReported) s")
        #expect(Cap.digest(gapped.stderr) == Cap.digest(paced.stderr))
    }
}
