import Foundation
@testable import LiqsimCapture
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
            #expect(one.summary.contains("digest: \(SHA256Digest.hex(of: one.output))"))
        }
    }

    @Test func theGeneratedMarketGivesTheSameLinesOnBothPathsWithAndWithoutThePipeline() throws {
        for pipeline in [PipelineConfig(), nil] {
            let one = try Self.replay([BacktestMarkets.generated], format: .jsonl, threaded: false, pipeline: pipeline)
            let two = try Self.replay([BacktestMarkets.generated], format: .jsonl, threaded: true, pipeline: pipeline)
            #expect(one.calls.contains { $0.hasPrefix("s ") } == (pipeline != nil))
            #expect(two == one)
            // Many of the sink's 256 KiB buffers, each written and handed to the hashing queue
            // in turn: the digest is still the SHA-256 of exactly the bytes written.
            #expect(one.output.count > 8 << 18, "more than eight of the sink's 256 KiB writes: \(one.output.count) bytes")
            #expect(one.summary.contains("digest: \(SHA256Digest.hex(of: one.output))"))
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

    /// Hand-made records (in ascending receive time): empty text records, gaps and
    /// disconnects with and without a stream, and records of 1 to 11 trades, more than a
    /// small batch holds. Trades a minute apart close pipeline windows along the way.
    static func handMadeRecords() -> [(kind: RecordKind, stream: StreamID?, events: [MarketEvent])] {
        var records: [(kind: RecordKind, stream: StreamID?, events: [MarketEvent])] = []
        var minute: Int64 = 0
        for i in 0..<40 {
            switch i % 5 {
            case 0: records.append((.text, .binanceUSDM, []))
            case 1: records.append((.gap, i % 2 == 0 ? .okxSwap : nil, []))
            case 2: records.append((.disconnect, .bybitLinear, []))
            default:
                let n = i % 3 == 0 ? 11 : 1 + i % 4
                var events: [MarketEvent] = []
                for k in 0..<n {
                    events.append(PK.trade(PK.at(minute, Int64(k)), .binanceUSDM, k % 2 == 0 ? .buy : .sell, "\(60_000 + i)", "0.5"))
                }
                minute += 1
                records.append((.text, .binanceUSDM, events))
            }
        }
        return records
    }

    /// Feeds records to a sink as the engine does: it stops after the record where the sink closed.
    static func feed(_ sink: ReplaySink, _ records: [(kind: RecordKind, stream: StreamID?, events: [MarketEvent])]) {
        var t = PK.t0
        for (i, r) in records.enumerated() {
            if let first = r.events.first { t = first.recv.rawValue } else { t += 1 }
            let record = RawRecord(kindByte: r.kind.rawValue, streamIndex: 0, aux: 0, recv: UnixNanos(t), seq: UInt64(i),
                                   payload: UnsafeRawBufferPointer(start: nil, count: 0))
            sink.replay(record, file: 0, stream: r.stream, events: r.events)
            if sink.isClosed { return }
        }
    }

    /// Records of more events than a batch holds, records with none, outages: every batch
    /// size and depth, threaded or not, shows the sinks the calls the loop as the engine's
    /// sink does, and a sink that closes stops every path after the same record.
    @Test(arguments: [nil, 1, 7, 23])
    func recordsLargerThanABatchAndEmptyRecordsReachTheSinksAlike(closeAfter: Int?) {
        let records = Self.handMadeRecords()
        let reference = CallLog(closeAfter: closeAfter)
        let loop = AnalysisLoop(config: PipelineConfig(), sinks: [reference])
        Self.feed(loop, records)
        if closeAfter == nil || closeAfter! > 20 {
            #expect(reference.calls.contains { $0.hasPrefix("s ") } && reference.calls.contains { $0.hasPrefix("o ") })
        }
        #expect(reference.calls.filter { $0.hasPrefix("r ") }.count == closeAfter ?? records.count)
        for threaded in [false, true] {
            for (batchSize, depth) in [(1, 1), (4, 1), (4, 2), (10, 3), (4_096, 2)] {
                let log = CallLog(closeAfter: closeAfter)
                let thread = AnalysisThread(loop: AnalysisLoop(config: PipelineConfig(), sinks: [log]), threaded: threaded,
                                            batchSize: batchSize, depth: depth)
                Self.feed(thread, records)
                thread.finish()
                #expect(log.calls == reference.calls, "threaded \(threaded), batch \(batchSize), depth \(depth)")
                #expect(thread.isClosed == (closeAfter != nil))
                #expect(thread.loop.itemEvents == reference.calls.filter { $0.hasPrefix("e ") }.count)
            }
        }
    }

    /// The backtest's calls (`TapeFeed`): single events, clock moves between them and
    /// outages, never a record's end; whatever the batch size, the loop sees them in order.
    @Test func eventsClocksAndOutagesKeepTheirOrderAcrossBatches() {
        let reference = CallLog()
        let loop = AnalysisLoop(config: PipelineConfig(), sinks: [reference])
        var calls: [(AnalysisThread) -> Void] = []
        for m in Int64(0)..<30 {
            let trade = PK.trade(PK.at(m), .binanceUSDM, .buy, "60000", "1")
            switch m % 4 {
            case 0:
                loop.deliver(trade)
                calls.append { $0.event(trade) }
            case 1:
                loop.advance(to: PK.at(m))
                calls.append { $0.clock(PK.at(m)) }
            case 2:
                reference.outage(at: UnixNanos(PK.at(m)), stream: .okxSwap)
                calls.append { $0.outage(at: UnixNanos(PK.at(m)), stream: .okxSwap) }
            default:
                loop.deliver(trade)
                loop.advance(to: PK.at(m, 30))
                calls.append { $0.event(trade); $0.clock(PK.at(m, 30)) }
            }
        }
        #expect(reference.calls.contains { $0.hasPrefix("s ") })
        for (batchSize, depth) in [(1, 1), (2, 1), (3, 2), (4_096, 2)] {
            let log = CallLog()
            let thread = AnalysisThread(loop: AnalysisLoop(config: PipelineConfig(), sinks: [log]), batchSize: batchSize, depth: depth)
            for call in calls { call(thread) }
            thread.finish()
            #expect(log.calls == reference.calls, "batch \(batchSize), depth \(depth)")
            #expect(thread.loop.signalCounts == loop.signalCounts)
        }
    }
}
