#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clocks live I/O and pacing read: the one place time enters `record`, `serve` and
/// paced replay, so tests substitute a manual source and move time instead of waiting.
///
/// Both clocks return `UnixNanos`, the project's one instant type, so spans between them
/// are `Duration`s computed one way (`advanced(by:)`, `duration(since:)`). The monotonic
/// value counts from an arbitrary origin and only differences mean anything; it is the
/// scale NIO's `NIODeadline.uptimeNanoseconds` uses (`CLOCK_MONOTONIC` on Linux), so a
/// monotonic deadline is an event-loop deadline, and a test source can read
/// `EmbeddedEventLoop.now` and stay in step with the tasks that loop runs.
public protocol TimeSource: Sendable {
    /// Wall-clock now, ns since the Unix epoch (UTC): receive stamps, file names.
    func wall() -> UnixNanos
    /// Monotonic now (never jumps with the wall clock): timeouts, deadlines, rates.
    func monotonic() -> UnixNanos
    /// Blocks the calling thread until `monotonic()` has reached `deadline`.
    func sleep(until deadline: UnixNanos)
}

/// The machine's clocks: `CLOCK_REALTIME`, the monotonic clock NIO uses, and `nanosleep`.
public struct SystemTime: TimeSource {
    public init() {}

    @inlinable
    public func wall() -> UnixNanos { SystemTime.read(CLOCK_REALTIME) }

    @inlinable
    public func monotonic() -> UnixNanos {
        #if canImport(Darwin)
        SystemTime.read(CLOCK_UPTIME_RAW)
        #else
        SystemTime.read(CLOCK_MONOTONIC)
        #endif
    }

    public func sleep(until deadline: UnixNanos) {
        while true {
            let remaining = deadline.rawValue &- monotonic().rawValue
            if remaining <= 0 { return }
            var ts = timespec(tv_sec: Int(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
            nanosleep(&ts, nil)
        }
    }

    @inlinable
    static func read(_ clock: clockid_t) -> UnixNanos {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return UnixNanos(Int64(ts.tv_sec) &* 1_000_000_000 &+ Int64(ts.tv_nsec))
    }
}

extension UnixNanos {
    /// This instant moved by `span` (saturating at the ends of the range).
    @inlinable
    public func advanced(by span: Duration) -> UnixNanos {
        let (sum, overflow) = rawValue.addingReportingOverflow(span.nanoseconds)
        return overflow ? UnixNanos(span < .zero ? .min : .max) : UnixNanos(sum)
    }

    /// The span from `earlier` to this instant (negative when `earlier` is later).
    @inlinable
    public func duration(since earlier: UnixNanos) -> Duration {
        .nanoseconds(rawValue &- earlier.rawValue)
    }
}

extension Duration {
    /// Whole nanoseconds, saturating at ±292 years (sub-nanosecond parts are dropped).
    @inlinable
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflow2) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflow2 ? (seconds < 0 ? .min : .max) : sum
    }

    /// Seconds as a `Double` (rates and human-readable ages).
    @inlinable
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
