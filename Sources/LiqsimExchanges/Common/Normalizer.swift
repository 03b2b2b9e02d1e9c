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
        Normalizer.decode(input, adapter: &adapters[i], diagnostics: &diagnostics[i], into: &events)
    }

    /// One access to the stream's adapter and one to its diagnostics (not one per field).
    @inline(__always)
    private static func decode(_ input: ExchangeInput, adapter: inout any ExchangeAdapter,
                               diagnostics: inout StreamDiagnostics, into events: inout [MarketEvent]) {
        let before = events.count
        let bad = diagnostics.malformed
        diagnostics.frames += 1
        adapter.decode(input, into: &events, diagnostics: &diagnostics)
        if diagnostics.malformed != bad {
            if events.count > before { events.removeSubrange(before...) }
            return
        }
        guard events.count > before else { return }
        Normalizer.countKinds(events, from: before, into: &diagnostics.events)
    }

    /// Diagnostics for every stream that received at least one input, in stream order.
    public var streamDiagnostics: [(StreamID, StreamDiagnostics)] {
        zip(StreamID.allCases, diagnostics).filter { $0.1.frames > 0 }
    }
}
