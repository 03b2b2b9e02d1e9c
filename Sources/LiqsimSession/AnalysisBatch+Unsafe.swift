import LiqsimCore

/// What the engine's thread hands to the analysis thread: the calls an `AnalysisLoop`
/// would have received, in the order it would have received them. Events are copied in
/// bulk (a record's events in one `memcpy`: `MarketEvent` is a trivial type); every other
/// call is a `Mark` that says how many of the batch's events come before it.
///
/// Storage is allocated once, at a fixed capacity, and reused for the whole run: appending
/// is a bounds check and a copy, with no array uniqueness check, retain or growth. The
/// caller checks `hasRoom` first (`AnalysisThread` hands the batch over when it is full).
final class AnalysisBatch {
    struct Mark {
        enum Kind: UInt8 {
            /// `AnalysisLoop.advance(to: time)`: the pipeline's clock only (an event the loop does not see).
            case clock
            /// A `gap` or `disconnect` record (`AnalysisSink.outage`).
            case outage
            /// The end of a record (`AnalysisSink.recordDone`); a sink that closed stops the run here.
            case recordDone
        }

        var time: Int64
        /// The batch's events before `before` are delivered before this mark (those not delivered yet).
        var before: Int32
        var kind: Kind
        var stream: StreamID?
    }

    let eventCapacity: Int
    let markCapacity: Int
    private(set) var eventCount = 0
    private(set) var markCount = 0
    private let events: UnsafeMutablePointer<MarketEvent>
    private let marks: UnsafeMutablePointer<Mark>

    /// Room for `capacity` events and as many marks (at least 2: one record's outage and end).
    init(capacity: Int) {
        eventCapacity = max(capacity, 1)
        markCapacity = max(capacity, 2)
        events = .allocate(capacity: eventCapacity)
        marks = .allocate(capacity: markCapacity)
    }

    deinit {
        events.deinitialize(count: eventCount)
        events.deallocate()
        marks.deinitialize(count: markCount)
        marks.deallocate()
    }

    var isEmpty: Bool { eventCount == 0 && markCount == 0 }

    @inline(__always)
    func hasRoom(events n: Int, marks k: Int) -> Bool {
        eventCount + n <= eventCapacity && markCount + k <= markCapacity
    }

    /// `source[range]` after the events held (the caller checked the room).
    @inline(__always)
    func append(_ source: [MarketEvent], _ range: Range<Int>) {
        precondition(eventCount + range.count <= eventCapacity && range.lowerBound >= 0 && range.upperBound <= source.count)
        source.withUnsafeBufferPointer { src in
            (events + eventCount).initialize(from: src.baseAddress! + range.lowerBound, count: range.count)
        }
        eventCount += range.count
    }

    /// One event after those held (the caller checked the room).
    @inline(__always)
    func append(_ event: MarketEvent) {
        precondition(eventCount < eventCapacity)
        (events + eventCount).initialize(to: event)
        eventCount += 1
    }

    /// A mark after the events held so far (the caller checked the room).
    @inline(__always)
    func mark(_ kind: Mark.Kind, _ time: Int64, _ stream: StreamID? = nil) {
        precondition(markCount < markCapacity)
        (marks + markCount).initialize(to: Mark(time: time, before: Int32(truncatingIfNeeded: eventCount), kind: kind, stream: stream))
        markCount += 1
    }

    @inline(__always)
    func event(_ i: Int) -> MarketEvent {
        precondition(i >= 0 && i < eventCount)
        return events[i]
    }

    @inline(__always)
    func mark(_ i: Int) -> Mark {
        precondition(i >= 0 && i < markCount)
        return marks[i]
    }

    /// Empties the batch and keeps its storage (events and marks are trivial: nothing to release).
    func removeAll() {
        events.deinitialize(count: eventCount)
        marks.deinitialize(count: markCount)
        eventCount = 0
        markCount = 0
    }
}
