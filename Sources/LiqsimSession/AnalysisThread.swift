import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimReplay

/// What the engine's thread hands to the analysis thread: the calls an `AnalysisLoop`
/// would have received, in the order it would have received them.
public enum AnalysisItem: Sendable {
    /// `AnalysisLoop.deliver(_:)`: the windows that closed before it, its signals, the event.
    case event(MarketEvent)
    /// `AnalysisLoop.advance(to:)`: the pipeline's clock only (an event the loop does not see).
    case clock(Int64)
    /// A `gap` or `disconnect` record (`AnalysisSink.outage`).
    case outage(UnixNanos, StreamID?)
    /// The end of a record (`AnalysisSink.recordDone`); a sink that closed stops the run here.
    case recordDone(UnixNanos)
}

/// Runs an `AnalysisLoop` (pipeline, JSON lines, every sink) on a thread of its own while
/// the engine's thread only reads and normalizes. As a `ReplaySink` it turns each record
/// into items (`outage`, its events, `recordDone`), so the sinks see exactly what the loop
/// as the engine's sink shows them; other feeds (the backtest's `TapeFeed`) `append` their
/// own items.
///
/// Items travel in batches of `batchSize` through `depth` reusable slots: the engine blocks
/// when every slot is full, so memory stays flat whatever the capture's length.
///
/// Ownership: the engine's thread owns `batch` and a slot between `free.wait()` and
/// `filled.signal()`; the analysis thread owns a slot between `filled.wait()` and
/// `free.signal()`, and alone touches the loop and its sinks until `finish()` returned.
/// A slot's `closed` flag is written by the analysis thread before `free.signal()` and read
/// by the engine after `free.wait()`, so the semaphores order every access.
public final class AnalysisThread: ReplaySink, @unchecked Sendable {
    public let loop: AnalysisLoop
    private let batchSize: Int
    private var batch: [AnalysisItem] = []
    private let slots: [Slot]
    private var head = 0
    private let free: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var running = false
    /// The analysis thread's own closed state: written by it alone, read after `done`.
    private var consumerClosed = false
    /// True once a sink's output went away (seen by the engine within a few batches, exact
    /// after `finish()`; the analysis thread drops every item after the record where it happened).
    public private(set) var isClosed = false

    private final class Slot {
        var items: [AnalysisItem] = []
        var last = false
        var closed = false
        init(capacity: Int) { items.reserveCapacity(capacity) }
    }

    /// `threaded: false` runs each batch on the caller's thread when it fills (same results;
    /// tests compare both).
    public init(loop: AnalysisLoop, threaded: Bool = true, batchSize: Int = 4_096, depth: Int = 2) {
        self.loop = loop
        self.batchSize = batchSize
        slots = (0..<max(depth, 1)).map { _ in Slot(capacity: batchSize) }
        free = DispatchSemaphore(value: slots.count)
        batch.reserveCapacity(batchSize)
        guard threaded else { return }
        running = true
        let thread = Thread { [self] in
            consume()
            done.signal()
        }
        thread.stackSize = 1 << 23
        thread.start()
    }

    public func replay(_ record: RawRecord, file: Int, stream: StreamID?, events: [MarketEvent]) {
        if record.kindByte == RecordKind.gap.rawValue || record.kindByte == RecordKind.disconnect.rawValue {
            batch.append(.outage(record.recv, stream))
        }
        for i in events.indices { batch.append(.event(events[i])) }
        batch.append(.recordDone(record.recv))
        if batch.count >= batchSize { submit() }
    }

    /// One item; the batch goes to the analysis thread when full.
    public func append(_ item: AnalysisItem) {
        batch.append(item)
        if batch.count >= batchSize { submit() }
    }

    /// Hands what is left to the analysis thread and waits for it; the loop and its sinks
    /// may be used by the caller afterwards. Call once.
    public func finish() {
        guard running else {
            if !isClosed && !batch.isEmpty { isClosed = !loop.run(batch) }
            batch.removeAll(keepingCapacity: true)
            return
        }
        hand(last: true)
        done.wait()
        running = false
        isClosed = consumerClosed
    }

    private func submit() {
        guard running else {
            if !isClosed { isClosed = !loop.run(batch) }
            batch.removeAll(keepingCapacity: true)
            return
        }
        hand(last: false)
    }

    /// Swaps the filled batch into the next free slot (taking back that slot's emptied buffer).
    private func hand(last: Bool) {
        free.wait()
        let slot = slots[head]
        head = head + 1 == slots.count ? 0 : head + 1
        if slot.closed { isClosed = true }
        swap(&slot.items, &batch)
        slot.last = last
        filled.signal()
    }

    private func consume() {
        var tail = 0, closed = false
        while true {
            filled.wait()
            let slot = slots[tail]
            tail = tail + 1 == slots.count ? 0 : tail + 1
            if !closed { closed = !loop.run(slot.items) }
            slot.items.removeAll(keepingCapacity: true)
            slot.closed = closed
            let last = slot.last
            if last { consumerClosed = closed }
            free.signal()
            if last { return }
        }
    }
}
