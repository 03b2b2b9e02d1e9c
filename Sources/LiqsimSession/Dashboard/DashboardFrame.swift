import LiqsimCore

/// Everything one dashboard screen shows besides the pipeline's state.
public struct DashboardFrame: Sendable {
    /// The replay (capture) clock: receive time of the latest record.
    public var clock: UnixNanos
    /// `50x`, `max`.
    public var speed: String
    public var records: Int, events: Int
    /// E.g. the capture path(s).
    public var title: String

    public init(clock: UnixNanos, speed: String, records: Int, events: Int, title: String) {
        self.clock = clock; self.speed = speed; self.records = records; self.events = events; self.title = title
    }
}

/// Decides when to redraw: at most `maxPerSecond` times per wall second (default 10),
/// evenly spaced — a redraw is due once `1 s ÷ maxPerSecond` has passed since the last one.
/// A pure function of the wall times it is given (monotonic nanoseconds); a clock that
/// goes backwards allows a redraw and restarts the spacing.
public struct RedrawThrottle {
    public let maxPerSecond: Int
    private let spacing: UInt64
    private var last: UInt64?

    public init(maxPerSecond: Int = 10) {
        self.maxPerSecond = max(1, maxPerSecond)
        spacing = 1_000_000_000 / UInt64(self.maxPerSecond)
    }

    /// True when a redraw is allowed at `nowNanos`; it is then counted as done.
    public mutating func shouldRedraw(nowNanos: UInt64) -> Bool {
        if let last, nowNanos >= last, nowNanos - last < spacing { return false }
        last = nowNanos
        return true
    }
}
