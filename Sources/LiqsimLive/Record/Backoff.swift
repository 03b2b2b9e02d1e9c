import LiqsimCore

/// Exponential backoff with jitter: attempt n waits a random time in [d/2, d], where
/// d = min(base · 2ⁿ, max). Jitter keeps many recorders from reconnecting in lockstep; it
/// is drawn from a `SeededRandom`, so a seed fixes the whole sequence of delays.
struct Backoff: Sendable {
    let base: Duration
    let max: Duration
    private(set) var attempt = 0
    private var random: SeededRandom

    init(base: Duration, max: Duration, random: SeededRandom) {
        self.base = base
        self.max = max
        self.random = random
    }

    /// The un-jittered delay of the next attempt, d.
    var ceiling: Duration {
        let doubled = base.nanoseconds.multipliedReportingOverflow(by: 1 << Swift.min(attempt, 30))
        return doubled.overflow ? max : Swift.min(.nanoseconds(doubled.partialValue), max)
    }

    mutating func nextDelay() -> Duration {
        let full = ceiling.nanoseconds
        attempt += 1
        let half = full / 2
        return .nanoseconds(half + Int64(random.next(below: UInt64(full - half) + 1)))
    }

    mutating func reset() { attempt = 0 }
}
