import Foundation
import Testing
import LiqsimCapture
import LiqsimCore
import LiqsimSQLite
import LiqsimSynth

/// Replay with the analysis pipeline on (its default): properties of the full output.
@Suite("Pipeline replay")
struct PipelineReplayTests {
    /// A 30-minute synthetic market (one shock), written once per test.
    static func capture(_ tmp: TempDir) throws -> String {
        let spec = try SynthSpec.parse(synthTestSpec.replacingOccurrences(of: "duration: 2h", with: "duration: 30m")
            .replacingOccurrences(of: "at: \"01:00\"", with: "at: \"00:10\""))
        let path = tmp.path("market.lqc.zst")
        _ = try SynthGenerator(spec: spec).run(out: path)
        return path
    }

    /// Splitting a capture into two files (first and second half by receive time) and
    /// replaying the directory gives the same output bytes and digest as the single file.
    @Test func splitCaptureGivesTheSameSignalsAndDigest() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let single = try Self.capture(tmp)
        let reader = try CaptureReader(path: single)
        let dir = tmp.path("split")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let total = Int(try reader.index().records)
        let writers = try ["a", "b"].map { try CaptureWriter(path: dir + "/\($0).lqc.zst", header: reader.header) }
        let scanner = reader.scanner()
        var n = 0
        while let block = try scanner.nextBlock() {
            var cursor = block.records
            while let r = cursor.next() {
                try writers[n < total / 2 ? 0 : 1].append(kind: r.kind!, streamIndex: r.streamIndex, recv: r.recv, aux: r.aux, payload: r.payload)
                n += 1
            }
        }
        for w in writers { try w.close() }

        let one = try CLI.run(["replay", single, "--format", "jsonl", "--bars", "1m,5m", "--sentiment-interval", "5m"])
        let two = try CLI.run(["replay", dir, "--format", "jsonl", "--bars", "1m,5m", "--sentiment-interval", "5m"])
        #expect(one.status == 0 && two.status == 0, "\(two.stderr)")
        #expect(one.stdoutData == two.stdoutData)
        #expect(Cap.digest(one.stderr) == Cap.digest(two.stderr))
        for kind in ["\"type\":\"bar\"", "\"type\":\"sentiment\"", "\"type\":\"cascade_risk\"", "\"type\":\"cascade\""] {
            #expect(one.stdout.contains(kind), "no \(kind) line")
        }
        // Signals carry their window's close time: the output stays in receive order.
        let times = Cap.recvTimes(one.stdout)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
    }

    /// Pacing does not change the pipeline's output.
    @Test func digestIsIndependentOfSpeedWithThePipeline() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = try Self.capture(tmp)
        let window = ["--from", "2026-03-01T00:09:50Z", "--to", "2026-03-01T00:10:40Z", "--format", "summary"]
        let fast = try CLI.run(["replay", path, "--speed", "max"] + window)
        let paced = try CLI.run(["replay", path, "--speed", "200x"] + window)
        #expect(fast.status == 0 && paced.status == 0)
        #expect(Cap.digest(fast.stderr) != nil)
        #expect(Cap.digest(fast.stderr) == Cap.digest(paced.stderr))
        #expect(fast.stderr.contains("signals: bar "))
    }

    /// `--no-pipeline` prints only normalized events; the pipeline adds its signal lines.
    @Test func noPipelineIsNormalizationOnly() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = try Self.capture(tmp)
        let with = try CLI.run(["replay", path, "--format", "jsonl"])
        let without = try CLI.run(["replay", path, "--format", "jsonl", "--no-pipeline"])
        let signalTypes = ["bar", "sentiment", "cascade_risk", "cascade", "spike"]
        let withoutSignals = without.stdout.split(separator: "\n").filter { line in signalTypes.contains { line.hasPrefix("{\"type\":\"\($0)\"") } }
        #expect(withoutSignals.isEmpty)
        let events = with.stdout.split(separator: "\n").filter { line in !signalTypes.contains { line.hasPrefix("{\"type\":\"\($0)\"") } }
        #expect(events == without.stdout.split(separator: "\n"))
    }

    /// `replay --db` writes one market row per symbol and sentiment snapshot, six factor
    /// rows each, and the exchange and liquidation-view rows, in the SQLite store.
    @Test func replayFillsTheSnapshotStore() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = try Self.capture(tmp)
        let db = tmp.path("snapshots.db")
        let r = try CLI.run(["replay", path, "--format", "summary", "--sentiment-interval", "5m", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let sentiments = try #require(r.stderr.split(separator: "\n").first { $0.hasPrefix("signals: ") })
        // Windows close only when the clock passes them: 00:05 … 00:25 (no event reaches 00:30).
        #expect(r.stderr.contains("snapshot store: 5 snapshots written"), "\(r.stderr)")
        let store = try SQLiteDatabase(path: db, create: false)
        let markets = try store.scalar("SELECT COUNT(*) FROM market_snapshots").int64
        let factors = try store.scalar("SELECT COUNT(*) FROM sentiment_factors").int64
        #expect(markets == 10, "\(sentiments)")   // 2 symbols × 5 snapshots
        #expect(factors == 60)
        #expect(try store.scalar("SELECT COUNT(DISTINCT exchange) FROM exchange_snapshots").int64 == 3)
        #expect(try store.scalar("SELECT COUNT(*) FROM liquidation_snapshots WHERE window = '1h'").int64 == 10)
        let labels = try store.query("SELECT DISTINCT sentiment_label FROM market_snapshots").compactMap(\.first?.text)
        #expect(!labels.isEmpty && labels.allSatisfy { ["STRONG BULLISH", "BULLISH", "NEUTRAL", "BEARISH", "STRONG BEARISH"].contains($0) })
        let stats = try CLI.run(["db", "stats", db])
        #expect(stats.status == 0 && stats.stdout.contains("market_snapshots"))
    }
}
