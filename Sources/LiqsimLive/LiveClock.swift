#if canImport(Glibc)
import Glibc
#endif
import LiqsimCore

/// The two clocks live I/O reads: wall time for receive stamps (what a capture stores)
/// and the monotonic clock for timeouts, flush deadlines and rates.
public enum LiveClock {
    /// Wall-clock now, ns since the Unix epoch (UTC): a record's receive time.
    public static func wall() -> UnixNanos {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UnixNanos(Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
    }

    /// Monotonic nanoseconds (never jumps with the wall clock).
    public static func monotonic() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
