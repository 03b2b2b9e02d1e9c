/// The knobs of reconnects, staleness and the circuit breaker (seconds). Defaults suit the
/// real exchanges; tests shrink them so faults play out in seconds.
public struct ResilienceSettings: Sendable, Equatable {
    /// First reconnect delay; doubles per consecutive failure up to `backoffMax`.
    public var backoffBase = 0.5
    public var backoffMax = 30.0
    /// A connection up this long with frames resets the backoff to `backoffBase`.
    public var healthyAfter = 60.0
    /// No frame (data, pong, anything) for this long → the connection is dropped and redialled.
    public var staleAfter = 30.0
    /// A connection not upgraded after this long counts as a failed attempt.
    public var connectTimeout = 10.0
    /// Consecutive failed attempts that open the breaker…
    public var breakerThreshold = 6
    /// …which then refuses to dial for this long before one trial attempt.
    public var breakerCooldown = 120.0

    public init() {}
}

/// Exponential backoff with jitter: attempt n waits a random time in [d/2, d], where
/// d = min(base · 2ⁿ, max). Jitter keeps many recorders from reconnecting in lockstep.
struct Backoff {
    let base: Double
    let max: Double
    private(set) var attempt = 0

    init(base: Double, max: Double) { self.base = base; self.max = max }

    mutating func nextDelay() -> Double {
        let d = Swift.min(base * Double(1 << Swift.min(attempt, 30)), max)
        attempt += 1
        return Double.random(in: (d / 2)...d)
    }

    mutating func reset() { attempt = 0 }
}

/// Stops hammering an endpoint that keeps failing: after `threshold` consecutive failures
/// it opens for `cooldown` seconds; then one trial attempt decides (closed on success,
/// open again on failure).
struct CircuitBreaker {
    enum State: Equatable { case closed, open(until: UInt64), halfOpen }
    let threshold: Int
    let cooldownNanos: UInt64
    private(set) var state = State.closed
    private(set) var consecutiveFailures = 0

    init(threshold: Int, cooldown: Double) {
        self.threshold = Swift.max(1, threshold)
        cooldownNanos = UInt64(cooldown * 1e9)
    }

    /// Nanoseconds to wait before dialling is allowed (0 = dial now).
    mutating func waitBeforeDial(now: UInt64) -> UInt64 {
        guard case .open(let until) = state else { return 0 }
        if now >= until { state = .halfOpen; return 0 }
        return until - now
    }

    mutating func succeeded() {
        consecutiveFailures = 0
        state = .closed
    }

    /// Records a failure; true when this failure opened the breaker.
    mutating func failed(now: UInt64) -> Bool {
        consecutiveFailures += 1
        if state == .halfOpen || consecutiveFailures >= threshold {
            state = .open(until: now + cooldownNanos)
            return true
        }
        return false
    }

    var isOpen: Bool { if case .open = state { true } else { false } }
}
