/// Per-stream counters of what normalization did with each frame. Problems a run
/// survives (malformed frames, unknown channels) are counted here and shown in every
/// summary; they never stop a replay.
public struct StreamDiagnostics: Sendable, Equatable {
    /// Frames and REST bodies handed to the adapter.
    public var frames = 0
    /// Events produced, by `EventKind.rawValue`.
    public var events = [Int](repeating: 0, count: EventKind.allCases.count)
    /// Known channels liqsim does not normalize (order books, klines, acks, pongs).
    public var ignored = 0
    /// Channels or REST endpoints the adapter does not know.
    public var unknownChannel = 0
    /// Frames that are not valid JSON or lack a required field.
    public var malformed = 0
    /// Repeated liquidations dropped (OKX resends a backlog on reconnect).
    public var duplicates = 0
    /// Instruments outside the stream's scope (spot, options, futures on okx-swap).
    public var outOfScope = 0
    /// Frames whose instrument has no contract value (OKX without ctVal): skipped.
    public var missingInstrument = 0
    /// The first few problems, for error messages.
    public var samples: [DiagnosticSample] = []

    public init() {}

    public var eventTotal: Int { events.reduce(0, +) }

    public mutating func record(_ problem: DiagnosticSample.Problem, _ detail: String, recv: UnixNanos) {
        switch problem {
        case .malformed: malformed += 1
        case .unknownChannel: unknownChannel += 1
        case .missingInstrument: missingInstrument += 1
        }
        if samples.count < 5 { samples.append(DiagnosticSample(problem: problem, detail: detail, recv: recv)) }
    }

    public mutating func merge(_ other: StreamDiagnostics) {
        frames += other.frames
        for i in events.indices { events[i] += other.events[i] }
        ignored += other.ignored; unknownChannel += other.unknownChannel; malformed += other.malformed
        duplicates += other.duplicates; outOfScope += other.outOfScope; missingInstrument += other.missingInstrument
        for s in other.samples where samples.count < 5 { samples.append(s) }
    }
}

/// One recorded problem: what, and the receive time of the frame that had it.
public struct DiagnosticSample: Sendable, Equatable {
    public enum Problem: String, Sendable { case malformed, unknownChannel = "unknown channel", missingInstrument = "missing instrument" }
    public var problem: Problem
    public var detail: String
    public var recv: UnixNanos
}
