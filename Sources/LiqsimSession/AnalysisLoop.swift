import LiqsimCapture
import LiqsimCore
import LiqsimPipeline
import LiqsimReplay

/// The one analysis loop: for each event, close the pipeline windows that ended before it,
/// apply it, and deliver signals and event to the sinks in that order. `replay` drives it
/// from a `ReplayEngine` (it is a `ReplaySink`); `record --live` calls `deliver` with the
/// events of each received frame. Without a pipeline it forwards events only.
public final class AnalysisLoop: ReplaySink {
    public let pipeline: Pipeline?
    public let sinks: [AnalysisSink]
    private var batch: [PipelineSignal] = []
    /// Events delivered by `run(_:)` so far (an `AnalysisThread` run that stopped: the
    /// events its sinks saw, which the engine's count ran ahead of).
    public private(set) var itemEvents = 0
    /// Signals emitted, by kind: bars, sentiment, cascade risk, cascades, spikes.
    public private(set) var signalCounts = [Int](repeating: 0, count: 5)

    public init(pipeline: Pipeline?, sinks: [AnalysisSink]) {
        self.pipeline = pipeline
        self.sinks = sinks
        batch.reserveCapacity(16)
    }

    public convenience init(config: PipelineConfig?, sinks: [AnalysisSink]) {
        self.init(pipeline: config.map { Pipeline(config: $0) }, sinks: sinks)
    }

    public func replay(_ record: RawRecord, file: Int, stream: StreamID?, events: [MarketEvent]) {
        if record.kindByte == RecordKind.gap.rawValue || record.kindByte == RecordKind.disconnect.rawValue {
            outage(at: record.recv, stream: stream)
        }
        if !events.isEmpty { deliver(events) }
        recordDone(recv: record.recv)
    }

    @inline(__always)
    private func outage(at recv: UnixNanos, stream: StreamID?) {
        for sink in sinks { sink.outage(at: recv, stream: stream) }
    }

    /// One pass per record: the record is done, and is any output gone (read by the engine
    /// right after, so the flag is current where it is read). True when one is.
    @inline(__always)
    @discardableResult
    private func recordDone(recv: UnixNanos) -> Bool {
        var closed = false
        for sink in sinks {
            sink.recordDone(recv: recv)
            if sink.isClosed { closed = true }
        }
        self.closed = closed
        return closed
    }

    /// An `AnalysisThread` batch, in order: the same calls a run with this loop as the
    /// engine's sink makes (each mark after the events before it). False when a sink's
    /// output went away at the end of a record: nothing after that record is run (the
    /// engine would have stopped there).
    func run(_ batch: AnalysisBatch) -> Bool {
        var next = 0
        for i in 0..<batch.markCount {
            let m = batch.mark(i)
            let before = Int(m.before)
            while next < before {
                deliver(batch.event(next))
                next += 1
            }
            switch m.kind {
            case .clock: advance(to: m.time)
            case .outage: outage(at: UnixNanos(m.time), stream: m.stream)
            case .recordDone:
                if recordDone(recv: UnixNanos(m.time)) {
                    itemEvents += next
                    return false
                }
            }
        }
        while next < batch.eventCount {
            deliver(batch.event(next))
            next += 1
        }
        itemEvents += next
        return true
    }

    /// Windows that closed before each event first (they describe earlier time), then the
    /// signals the event caused, then the event.
    @inline(__always)
    public func deliver(_ events: [MarketEvent]) {
        for i in events.indices { deliver(events[i]) }
    }

    /// One event: the windows that closed before it, its signals, then the event.
    @inline(__always)
    public func deliver(_ event: MarketEvent) {
        if let pipeline {
            pipeline.advance(to: event.recv.rawValue, into: &batch)
            if !batch.isEmpty { emitBatch() }
            pipeline.apply(event, into: &batch)
            if !batch.isEmpty { emitBatch() }
        }
        for sink in sinks { sink.event(event) }
    }

    /// Moves the pipeline's clock to `t` as an event received at `t` would, without the
    /// event: windows that end at or before `t` close and their signals reach the sinks.
    /// The backtest's shared pass calls it for events of symbols it does not trade, so
    /// every window closes exactly when it would have with them (the pipeline's state is
    /// per symbol; only its clock is shared).
    @inline(__always)
    public func advance(to t: Int64) {
        guard let pipeline else { return }
        pipeline.advance(to: t, into: &batch)
        if !batch.isEmpty { emitBatch() }
    }

    private func emitBatch() {
        for signal in batch { signalCounts[signal.countIndex] += 1 }
        for sink in sinks { sink.signals(batch) }
        batch.removeAll(keepingCapacity: true)
    }

    public func flush() {
        for sink in sinks { sink.flush() }
        closed = sinks.contains { $0.isClosed }
    }

    /// True once a sink's output went away, as of the last record replayed or the last
    /// `flush()` (sinks close only while writing, which those calls do or follow).
    public var isClosed: Bool { closed }
    private var closed = false
}

extension PipelineSignal {
    /// Position in `AnalysisLoop.signalCounts` (and the summary's `signals:` line).
    var countIndex: Int {
        switch self {
        case .bar: 0
        case .sentiment: 1
        case .cascadeRisk: 2
        case .cascade: 3
        case .spike: 4
        }
    }
}
