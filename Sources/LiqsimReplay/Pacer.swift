import LiqsimCore

/// Paces a replay: the record at capture offset t (from the first record of the run) is
/// released at wall offset t / speed; idle stretches longer than `maxGap` count as
/// `maxGap`. This is the only place replay reads a clock, and it never influences what
/// is emitted. Generic over the time source so the hot loop calls it directly; tests
/// pass a manual one.
struct Pacer<Time: TimeSource> {
    let factor: Double?
    /// Idle stretches of capture time longer than this are shortened to it (pacing only).
    let maxGap: Int64
    private let time: Time
    private var captureStart: Int64?
    private var lastRecv: Int64 = .min
    private var wallStart = UnixNanos.zero
    /// Largest delay (wall ns) between a record's due time and its release seen so far:
    /// how far the replay fell behind the requested speed.
    private(set) var maxLagNanos: Int64 = 0

    /// `maxGap`: `ReplayOptions.maxGap`.
    init(_ speed: ReplaySpeed, maxGap: Duration? = nil, time: Time) {
        if case .factor(let f) = speed { factor = f } else { factor = nil }
        self.maxGap = maxGap?.nanoseconds ?? .max
        self.time = time
    }

    /// True when the caller must wait (and flush output first) before releasing `recv`.
    /// Paced runs read the clock once per record (vDSO, ~20 ns), so the lag is exact.
    @inline(__always)
    mutating func mustWait(for recv: UnixNanos) -> Bool {
        guard let factor else { return false }
        guard let start = captureStart else {
            captureStart = recv.rawValue
            wallStart = time.monotonic()
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
        let now = time.monotonic()
        let due = wallTime(recv.rawValue &- start, factor)
        guard now >= due else { return true }
        maxLagNanos = max(maxLagNanos, now.rawValue &- due.rawValue)
        return false
    }

    /// The monotonic time at which `recv` is due.
    func due(_ recv: UnixNanos) -> UnixNanos? {
        guard let factor, let start = captureStart else { return nil }
        return wallTime(recv.rawValue &- start, factor)
    }

    /// Monotonic time of a capture offset. Records earlier than the run's origin (receive
    /// time going backwards within a file) are due at once; the offset is clamped to ~292 years.
    @inline(__always)
    private func wallTime(_ captureOffset: Int64, _ factor: Double) -> UnixNanos {
        let wall = Double(captureOffset) / factor
        guard wall > 0 else { return wallStart }
        return wallStart.advanced(by: .nanoseconds(Int64(min(wall, 9.2e18))))
    }

    /// Sleeps until `recv` is due.
    mutating func wait(for recv: UnixNanos) {
        guard let deadline = due(recv) else { return }
        time.sleep(until: deadline)
        maxLagNanos = max(maxLagNanos, time.monotonic().rawValue &- deadline.rawValue)
    }
}
