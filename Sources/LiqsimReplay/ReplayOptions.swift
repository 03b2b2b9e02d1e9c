import LiqsimCore

/// How fast a replay runs. Pacing never changes results, only timing.
public enum ReplaySpeed: Equatable, Sendable, CustomStringConvertible {
    /// No pacing: as fast as the machine goes.
    case max
    /// Capture time advances `factor` times faster than the wall clock.
    case factor(Double)

    /// Pacing factors outside this range are refused (use `max` for no pacing).
    public static let slowest = 0.001, fastest = 1_000_000.0

    /// Parses `50x`, `1x`, `0.5x`, `50` or `max`.
    public init?(argument: String) {
        let text = argument.lowercased()
        if text == "max" { self = .max; return }
        let number = text.hasSuffix("x") ? String(text.dropLast()) : text
        guard let f = Double(number), f.isFinite, f >= ReplaySpeed.slowest, f <= ReplaySpeed.fastest else { return nil }
        self = .factor(f)
    }

    public var description: String {
        switch self {
        case .max: "max"
        case .factor(let f): (f == f.rounded() ? String(Int(f)) : String(f)) + "x"
        }
    }
}

public struct ReplayOptions: Sendable {
    public var speed: ReplaySpeed = .max
    /// Inclusive lower and upper bounds on receive time.
    public var from: UnixNanos?
    public var to: UnixNanos?
    /// Unified or raw symbols to keep (all when nil).
    public var symbols: Set<Symbol>?
    public var skipCorrupt = false
    /// Decompress the next block on a second thread (timing only; results are identical).
    public var readAhead = true
    /// Pacing only: idle stretches longer than this are shortened to it (a span, not a time).
    public var maxGap: Duration?

    public init() {}
}
