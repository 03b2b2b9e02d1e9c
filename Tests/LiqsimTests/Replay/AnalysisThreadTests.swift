import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimPipeline
import LiqsimReplay
@testable import LiqsimSession
import Testing

/// Writes down every call a sink receives, in order: two runs showed their sinks the same
/// stream exactly when the logs are equal. `closeAfter` records, it reports its output gone.
private final class CallLog: AnalysisSink {
    var calls: [String] = []
    private var records = 0
    private let closeAfter: Int?
    private(set) var isClosed = false

    init(closeAfter: Int? = nil) { self.closeAfter = closeAfter }

    func event(_ event: MarketEvent) { calls.append("e \(event.recv.rawValue) \(event.kind.rawValue) \(event.symbol)") }
    func signals(_ signals: [PipelineSignal]) { calls.append("s \(signals.count) \(signals.map { "\($0.countIndex)" }.joined())") }
    func outage(at recv: UnixNanos, stream: StreamID?) { calls.append("o \(recv.rawValue) \(stream?.rawValue ?? "-")") }
    func recordDone(recv: UnixNanos) {
        calls.append("r \(recv.rawValue)")
        records += 1
        if let closeAfter, records >= closeAfter { isClosed = true }
    }
}

@Suite("Analysis thread", .timeLimit(.minutes(2)))
struct AnalysisThreadTests {
    /// One `ReplayRun` at `--speed max`: the bytes written, the summary as rendered (wall
    /// time left out) and what an extra sink saw.
    struct Ran: Equatable {
        var output: [UInt8]
        var summary: String
        var calls: [String]
        var stoppedByOutput: Bool
    }

    static func replay(_ paths: [String], format: ReplayFormat, threaded: Bool, closeAfter: Int? = nil,
                       pipeline: PipelineConfig? = PipelineConfig()) throws -> Ran {
        let tmp = try TempDir()
        let out = tmp.path("out")
        let fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let log = CallLog(closeAfter: closeAfter)
        let run = ReplayRun(paths: paths, options: ReplayOptions(), format: format, pipeline: pipeline, output: fd,
                            extraSinks: [log], analysisThread: threaded)
        #expect(run.usesAnalysisThread == threaded)
        var summary = try run.run()
        close(fd)
        summary.wallSeconds = 0
        return Ran(output: try Cap.bytes(out), summary: summary.render(), calls: log.calls, stoppedByOutput: summary.stoppedByOutput)
    }

    static var realCapture: String { liveRealCapture }

    @Test(arguments: [ReplayFormat.jsonl, .log, .summary])
    func theRealCaptureGivesTheSameBytesDigestAndSummaryOnBothPaths(format: ReplayFormat) throws {
        let one = try Self.replay([Self.realCapture], format: format, threaded: false)
        let two = try Self.replay([Self.realCapture], format: format, threaded: true)
        #expect(one.summary.contains("digest: ") && !one.summary.contains("INCOMPLETE"), "\(one.summary)")
        #expect(one.calls.count > 8_000)
        #expect(two == one)
        if format == .jsonl {
            #expect(one.output.count > 2 << 16, "more than two of the sink's 64 KiB writes")
            #expect(one.summary.contains("digest: \(SHA256Digest.hex(of: one.output))"))
        }
    }

    @Test func theGeneratedMarketGivesTheSameLinesOnBothPathsWithAndWithoutThePipeline() throws {
        for pipeline in [PipelineConfig(), nil] {
            let one = try Self.replay([BacktestMarkets.generated], format: .jsonl, threaded: false, pipeline: pipeline)
            let two = try Self.replay([BacktestMarkets.generated], format: .jsonl, threaded: true, pipeline: pipeline)
            #expect(one.calls.contains { $0.hasPrefix("s ") } == (pipeline != nil))
            #expect(two == one)
        }
    }

    /// Small batches and one slot: every batch boundary falls somewhere new, and the engine
    /// waits on the analysis thread all the time. The sinks still see the same stream.
    @Test func tinyBatchesShowTheSinksTheSameStream() throws {
        let reference = CallLog(), json = JSONLinesSink(output: nil)
        let loop = AnalysisLoop(config: PipelineConfig(), sinks: [reference, json])
        _ = try ReplayEngine(paths: [Self.realCapture], options: ReplayOptions()).run(into: loop)
        for (batchSize, depth) in [(1, 1), (7, 1), (333, 3)] {
            let log = CallLog(), threadedJSON = JSONLinesSink(output: nil)
            let thread = AnalysisThread(loop: AnalysisLoop(config: PipelineConfig(), sinks: [log, threadedJSON]), batchSize: batchSize, depth: depth)
            _ = try ReplayEngine(paths: [Self.realCapture], options: ReplayOptions()).run(into: thread)
            thread.finish()
            #expect(log.calls == reference.calls, "batch \(batchSize), depth \(depth)")
            #expect(threadedJSON.finish() == json.finish())
            #expect(thread.loop.signalCounts == loop.signalCounts)
        }
    }

    /// A sink whose output goes away mid-run ends the run on both paths at the same record,
    /// with the same count in the message: no hang, nothing after that record reaches a sink.
    @Test(arguments: [1, 2_500, 8_000])
    func aSinkThatClosesEndsTheRunAtTheSameRecord(closeAfter: Int) throws {
        let one = try Self.replay([Self.realCapture], format: .jsonl, threaded: false, closeAfter: closeAfter)
        let two = try Self.replay([Self.realCapture], format: .jsonl, threaded: true, closeAfter: closeAfter)
        #expect(one.stoppedByOutput && two.stoppedByOutput)
        #expect(one.calls.filter { $0.hasPrefix("r ") }.count == closeAfter)
        #expect(two.calls == one.calls)
        #expect(two.output == one.output)
        let reason = { (s: String) in s.split(separator: "\n").first { $0.hasPrefix("INCOMPLETE: ") } }
        #expect(reason(two.summary) != nil && reason(two.summary) == reason(one.summary), "\(two.summary)")
        #expect(two.summary.hasSuffix("digest: none (run incomplete)\n"))
    }

    /// Inputs that cannot be opened throw as before, and the analysis thread is joined.
    @Test func anInputThatCannotBeOpenedThrowsOnBothPaths() throws {
        for threaded in [false, true] {
            #expect(throws: CaptureError.self) {
                _ = try Self.replay(["/nonexistent/x.lqc.zst"], format: .jsonl, threaded: threaded)
            }
        }
    }

    /// Damage mid-run ends the run with the same reason and the same output before it.
    @Test func damageMidRunEndsBothPathsAlike() throws {
        let tmp = try TempDir()
        let path = tmp.path("cut.lqc.zst")
        var bytes = try Cap.bytes(Self.realCapture)
        let middle = bytes.count / 2
        for i in middle..<(middle + 64) { bytes[i] ^= 0x5A }
        try Cap.write(bytes: bytes, to: path)
        let one = try Self.replay([path], format: .jsonl, threaded: false)
        let two = try Self.replay([path], format: .jsonl, threaded: true)
        #expect(one.summary.contains("INCOMPLETE: "), "\(one.summary)")
        #expect(two == one)
    }

    /// A paced run keeps one thread: its output is written before the pacer sleeps.
    @Test func pacedRunsKeepTheEnginesThread() {
        var options = ReplayOptions()
        options.speed = .factor(50)
        #expect(!ReplayRun(paths: [], options: options).usesAnalysisThread)
        #expect(ReplayRun(paths: [], options: ReplayOptions()).usesAnalysisThread)
        #expect(!ReplayRun(paths: [], options: ReplayOptions(), analysisThread: false).usesAnalysisThread)
    }
}
