import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimReplay

/// Runs an `AnalysisLoop` (pipeline, JSON lines, every sink) on a thread of its own while
/// the engine's thread only reads and normalizes. As a `ReplaySink` it turns each record
/// into an `AnalysisBatch`'s events and marks (`outage`, its events, `recordDone`), so the
/// sinks see exactly what the loop as the engine's sink shows them; other feeds (the
/// backtest's `TapeFeed`) add their own `event`, `clock` and `outage` calls.
///
/// Batches of `batchSize` events and as many marks (a record with more events than that
/// is split over batches; its end comes after the last) go through `depth` reusable
/// slots: the engine blocks when every slot is full, so memory stays flat whatever the
/// capture's length.
///
/// Ownership: the engine's thread owns `batch` and a slot between `free.wait()` and
/// `filled.signal()`; the analysis thread owns a slot between `filled.wait()` and
/// `free.signal()`, and alone touches the loop and its sinks until `finish()` returned.
/// A slot's `closed` flag is written by the analysis thread before `free.signal()` and read
/// by the engine after `free.wait()`, so the semaphores order every access.
public final class AnalysisThread: ReplaySink, @unchecked Sendable {
    public let loop: AnalysisLoop
    private var batch: AnalysisBatch
    private let slots: [Slot]
    private var head = 0
    private let free: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var running = false
    /// The analysis thread's own closed state: written by it alone, read after `done`.
    private var consumerClosed = false
    /// True once a sink's output went away (seen by the engine within a few batches, exact
    /// after `finish()`; the analysis thread drops everything after the record where it happened).
    public private(set) var isClosed = false

    private final class Slot {
        var batch: AnalysisBatch
        var last = false
        var closed = false
        init(capacity: Int) { batch = AnalysisBatch(capacity: capacity) }
    }

    /// `threaded: false` runs each batch on the caller's thread when it fills (same results;
    /// tests compare both).
    public init(loop: AnalysisLoop, threaded: Bool = true, batchSize: Int = 4_096, depth: Int = 2) {
        self.loop = loop
        batch = AnalysisBatch(capacity: batchSize)
        slots = (0..<max(depth, 1)).map { _ in Slot(capacity: batchSize) }
        free = DispatchSemaphore(value: slots.count)
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
        let n = events.count
        if !batch.hasRoom(events: n, marks: 2) && !batch.isEmpty { submit() }
        if record.kindByte == RecordKind.gap.rawValue || record.kindByte == RecordKind.disconnect.rawValue {
            batch.mark(.outage, record.recv.rawValue, stream)
        }
        if n <= batch.eventCapacity {
            if n > 0 { batch.append(events, 0..<n) }
        } else {
            appendSplit(events)
        }
        batch.mark(.recordDone, record.recv.rawValue)
    }

    /// A record with more events than a batch holds: full batches of them, the rest in the next.
    private func appendSplit(_ events: [MarketEvent]) {
        var start = 0
        while start < events.count {
            if !batch.hasRoom(events: 1, marks: 0) { submit() }
            let end = min(events.count, start + batch.eventCapacity - batch.eventCount)
            batch.append(events, start..<end)
            start = end
        }
        if !batch.hasRoom(events: 0, marks: 1) { submit() }
    }

    /// One event for `AnalysisLoop.deliver(_:)`.
    public func event(_ event: MarketEvent) {
        if !batch.hasRoom(events: 1, marks: 0) { submit() }
        batch.append(event)
    }

    /// `AnalysisLoop.advance(to:)`: the pipeline's clock only.
    public func clock(_ t: Int64) {
        if !batch.hasRoom(events: 0, marks: 1) { submit() }
        batch.mark(.clock, t)
    }

    /// A `gap` or `disconnect` record (`AnalysisSink.outage`).
    public func outage(at recv: UnixNanos, stream: StreamID?) {
        if !batch.hasRoom(events: 0, marks: 1) { submit() }
        batch.mark(.outage, recv.rawValue, stream)
    }

    /// Hands what is left to the analysis thread and waits for it; the loop and its sinks
    /// may be used by the caller afterwards. Call once.
    public func finish() {
        guard running else {
            if !isClosed && !batch.isEmpty { isClosed = !loop.run(batch) }
            batch.removeAll()
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
            batch.removeAll()
            return
        }
        hand(last: false)
    }

    /// Swaps the filled batch into the next free slot (taking back that slot's emptied buffers).
    private func hand(last: Bool) {
        free.wait()
        let slot = slots[head]
        head = head + 1 == slots.count ? 0 : head + 1
        if slot.closed { isClosed = true }
        swap(&slot.batch, &batch)
        slot.last = last
        filled.signal()
    }

    private func consume() {
        var tail = 0, closed = false
        while true {
            filled.wait()
            let slot = slots[tail]
            tail = tail + 1 == slots.count ? 0 : tail + 1
            if !closed { closed = !loop.run(slot.batch) }
            slot.batch.removeAll()
            slot.closed = closed
            let last = slot.last
            if last { consumerClosed = closed }
            free.signal()
            if last { return }
        }
    }
}
