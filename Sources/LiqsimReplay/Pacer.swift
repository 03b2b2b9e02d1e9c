#if canImport(Glibc)
import Glibc
#endif
import LiqsimCore

/// Paces a replay against the monotonic clock: the record at capture offset t (from the
/// first record of the run) is released at wall offset t / speed. This is the only
/// place replay reads a clock, and it never influences what is emitted.
struct Pacer {
    let factor: Double?
    /// Idle stretches of capture time longer than this are shortened to it (pacing only).
    let maxGap: Int64
    private var captureStart: Int64?
    private var lastRecv: Int64 = .min
    private var wallStart: UInt64 = 0
    /// Capture time up to which records may be released without looking at the clock.
    private var releasedUntil: Int64 = .min
    /// Largest delay (wall ns) between a record's due time and its release seen so far:
    /// how far the replay fell behind the requested speed.
    private(set) var maxLagNanos: Int64 = 0

    init(_ speed: ReplaySpeed, maxGap: UnixNanos? = nil) {
        if case .factor(let f) = speed { factor = f } else { factor = nil }
        self.maxGap = maxGap?.rawValue ?? .max
    }

    static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// True when the caller must wait (and flush output first) before releasing `recv`.
    /// Records within one clock reading are released together; the lag of the earliest
    /// of them is the one measured.
    @inline(__always)
    mutating func mustWait(for recv: UnixNanos) -> Bool {
        guard let factor else { return false }
        guard let start = captureStart else {
            captureStart = recv.rawValue
            wallStart = Pacer.monotonicNanos()
            releasedUntil = recv.rawValue
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
        if recv.rawValue <= releasedUntil { return false }
        // Release everything the wall clock has already reached, without sleeping.
        let elapsedWall = Double(Pacer.monotonicNanos() &- wallStart)
        let reachable = start &+ Int64(elapsedWall * factor)
        if recv.rawValue <= reachable {
            releasedUntil = reachable
            maxLagNanos = max(maxLagNanos, Int64(Double(reachable &- recv.rawValue) / factor))
            return false
        }
        return true
    }

    /// Sleeps until `recv` is due.
    mutating func wait(for recv: UnixNanos) {
        guard let factor, let start = captureStart else { return }
        let due = wallStart &+ UInt64(Double(recv.rawValue &- start) / factor)
        while true {
            let now = Pacer.monotonicNanos()
            if now >= due {
                maxLagNanos = max(maxLagNanos, Int64(now - due))
                break
            }
            let remaining = due - now
            var ts = timespec(tv_sec: Int(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
            nanosleep(&ts, nil)
        }
        releasedUntil = recv.rawValue
    }
}
