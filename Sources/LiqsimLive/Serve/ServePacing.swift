import LiqsimCore

/// Capture time ↔ monotonic time for `serve`: one origin for every stream, set when the
/// first client subscribes, so cross-exchange timing is kept at any speed. Instants are
/// the hub's `TimeSource.monotonic()`.
struct ServePacing {
    /// nil = `--speed max` (no pacing).
    let factor: Double?
    /// Receive time of the capture's first record.
    let captureStart: UnixNanos
    private(set) var wallStart: UnixNanos?
    /// The latest receive time handed out: the clock REST lookups use.
    var position: UnixNanos

    init(factor: Double?, captureStart: UnixNanos) {
        self.factor = factor
        self.captureStart = captureStart
        position = captureStart
    }

    var isRunning: Bool { wallStart != nil }

    mutating func start(now: UnixNanos) {
        if wallStart == nil { wallStart = now }
    }

    /// `--loop`: the capture starts over from now.
    mutating func restart(now: UnixNanos) {
        wallStart = now
        position = captureStart
    }

    /// Monotonic time at which `recv` is due; nil when unpaced.
    func due(_ recv: UnixNanos) -> UnixNanos? {
        guard let factor, let wallStart else { return nil }
        let offset = Double(recv.rawValue &- captureStart.rawValue) / factor
        return offset <= 0 ? wallStart : wallStart.advanced(by: .nanoseconds(Int64(min(offset, 9e18))))
    }
}
