#if canImport(Glibc)
import Glibc
#endif
import LiqsimCore

/// The wall clock a `Pacer` reads and sleeps on; tests substitute a manual one.
protocol PacingClock {
    /// Monotonic nanoseconds.
    mutating func now() -> UInt64
    /// Returns at (or after) `deadline`.
    mutating func sleep(until deadline: UInt64)
}

/// `CLOCK_MONOTONIC` and `nanosleep`.
struct MonotonicClock: PacingClock {
    static func nanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    func now() -> UInt64 { MonotonicClock.nanos() }

    func sleep(until deadline: UInt64) {
        while true {
            let now = MonotonicClock.nanos()
            if now >= deadline { return }
            let remaining = deadline - now
            var ts = timespec(tv_sec: Int(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
            nanosleep(&ts, nil)
        }
    }
}

/// Paces a replay: the record at capture offset t (from the first record of the run) is
/// released at wall offset t / speed; idle stretches longer than `maxGap` count as
/// `maxGap`. This is the only place replay reads a clock, and it never influences what
/// is emitted.
struct Pacer<Clock: PacingClock> {
    let factor: Double?
    /// Idle stretches of capture time longer than this are shortened to it (pacing only).
    let maxGap: Int64
    private var clock: Clock
    private var captureStart: Int64?
    private var lastRecv: Int64 = .min
    private var wallStart: UInt64 = 0
    /// Largest delay (wall ns) between a record's due time and its release seen so far:
    /// how far the replay fell behind the requested speed.
    private(set) var maxLagNanos: Int64 = 0

    init(_ speed: ReplaySpeed, maxGap: UnixNanos? = nil, clock: Clock) {
        if case .factor(let f) = speed { factor = f } else { factor = nil }
        self.maxGap = maxGap?.rawValue ?? .max
        self.clock = clock
    }

    /// True when the caller must wait (and flush output first) before releasing `recv`.
    /// Paced runs read the clock once per record (vDSO, ~20 ns), so the lag is exact.
    @inline(__always)
    mutating func mustWait(for recv: UnixNanos) -> Bool {
        guard let factor else { return false }
        guard let start = captureStart else {
            captureStart = recv.rawValue
            wallStart = clock.now()
            lastRecv = recv.rawValue
            return false
        }
        // A long idle stretch moves the capture origin forward, as if the gap were maxGap long.
        if lastRecv != .min, recv.rawValue &- lastRecv > maxGap {
            captureStart = start &+ (recv.rawValue &- lastRecv &- maxGap)
            lastRecv = recv.rawValue
            return mustWait(for: recv)
        }
        lastRecv = max(lastRecv, recv.rawValue)
        let now = clock.now()
        let due = wallOffset(recv.rawValue &- start, factor)
        guard now >= due else { return true }
        maxLagNanos = max(maxLagNanos, Int64(now &- due))
        return false
    }

    /// The wall time (clock nanoseconds) at which `recv` is due.
    func due(_ recv: UnixNanos) -> UInt64? {
        guard let factor, let start = captureStart else { return nil }
        return wallOffset(recv.rawValue &- start, factor)
    }

    /// Wall time of a capture offset. Records earlier than the run's origin (receive time
    /// going backwards within a file) are due at once; the offset is clamped to ~292 years.
    @inline(__always)
    private func wallOffset(_ captureOffset: Int64, _ factor: Double) -> UInt64 {
        let wall = Double(captureOffset) / factor
        guard wall > 0 else { return wallStart }
        return wallStart &+ UInt64(min(wall, 9.2e18))
    }

    /// Sleeps until `recv` is due.
    mutating func wait(for recv: UnixNanos) {
        guard let deadline = due(recv) else { return }
        clock.sleep(until: deadline)
        let now = clock.now()
        maxLagNanos = max(maxLagNanos, Int64(now &- deadline))
    }
}
