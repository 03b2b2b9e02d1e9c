import LiqsimCore

/// Stops hammering an endpoint that keeps failing: after `threshold` consecutive failures
/// it opens for `cooldown`; then one trial attempt decides (closed on success, open again
/// on failure). Instants are monotonic (`TimeSource.monotonic()`).
struct CircuitBreaker: Sendable {
    enum State: Equatable { case closed, open(until: UnixNanos), halfOpen }
    let threshold: Int
    let cooldown: Duration
    private(set) var state = State.closed
    private(set) var consecutiveFailures = 0

    init(threshold: Int, cooldown: Duration) {
        self.threshold = Swift.max(1, threshold)
        self.cooldown = cooldown
    }

    /// How long to wait before dialling is allowed (`.zero` = dial now).
    mutating func waitBeforeDial(now: UnixNanos) -> Duration {
        guard case .open(let until) = state else { return .zero }
        if now >= until { state = .halfOpen; return .zero }
        return until.duration(since: now)
    }

    mutating func succeeded() {
        consecutiveFailures = 0
        state = .closed
    }

    /// Records a failure; true when this failure opened the breaker.
    mutating func failed(now: UnixNanos) -> Bool {
        consecutiveFailures += 1
        if state == .halfOpen || consecutiveFailures >= threshold {
            state = .open(until: now.advanced(by: cooldown))
            return true
        }
        return false
    }

    var isOpen: Bool { if case .open = state { true } else { false } }
}
