/// The knobs of reconnects, staleness and the circuit breaker. Defaults suit the real
/// exchanges; tests shrink them so faults play out in seconds.
public struct ResilienceSettings: Sendable, Equatable {
    /// First reconnect delay; doubles per consecutive failure up to `backoffMax`.
    public var backoffBase: Duration = .milliseconds(500)
    public var backoffMax: Duration = .seconds(30)
    /// A connection up this long with frames resets the backoff to `backoffBase`.
    public var healthyAfter: Duration = .seconds(60)
    /// No frame (data, pong, anything) for this long → the connection is dropped and redialled.
    public var staleAfter: Duration = .seconds(30)
    /// A connection not upgraded after this long counts as a failed attempt.
    public var connectTimeout: Duration = .seconds(10)
    /// Consecutive failed attempts that open the breaker…
    public var breakerThreshold = 6
    /// …which then refuses to dial for this long before one trial attempt.
    public var breakerCooldown: Duration = .seconds(120)

    public init() {}

    /// How often a connected link is checked for staleness: a quarter of `staleAfter`,
    /// at most once a second.
    var staleCheckInterval: Duration { min(staleAfter / 4, .seconds(1)) }
}
