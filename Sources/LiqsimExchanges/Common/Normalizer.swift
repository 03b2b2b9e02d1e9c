import LiqsimCore

/// Routes each input to its stream's adapter and keeps per-stream diagnostics.
///
/// One adapter per venue of `Exchanges.all`, built from the registry and held in stream
/// order (one witness call per frame, <1% of a frame's decode). One normalizer per replay:
/// adapter state (Bybit tickers, OKX ctVal and de-duplication) spans all files of the run,
/// in merge order.
public struct Normalizer {
    private var adapters: [any ExchangeAdapter]
    private var diagnostics: [StreamDiagnostics]

    public init() {
        adapters = Exchanges.all.map { $0.makeAdapter() }
        diagnostics = Array(repeating: StreamDiagnostics(), count: adapters.count)
    }

    /// Appends the events of `input` (from `stream`) to `events`. A frame counted as
    /// malformed contributes no events, even if some of its elements decoded before the
    /// damage was found (a truncated array, say).
    @inline(__always)
    public mutating func decode(_ input: ExchangeInput, stream: StreamID, into events: inout [MarketEvent]) {
        let i = stream.index
        let before = events.count
        let bad = diagnostics[i].malformed
        diagnostics[i].frames += 1
        adapters[i].decode(input, into: &events, diagnostics: &diagnostics[i])
        if diagnostics[i].malformed != bad {
            if events.count > before { events.removeSubrange(before...) }
            return
        }
        var k = before
        while k < events.count { diagnostics[i].events[events[k].kind.rawValue] += 1; k += 1 }
    }

    /// Diagnostics for every stream that received at least one input, in stream order.
    public var streamDiagnostics: [(StreamID, StreamDiagnostics)] {
        zip(StreamID.allCases, diagnostics).filter { $0.1.frames > 0 }
    }
}
