import LiqsimCore

/// Routes each input to its stream's adapter and keeps per-stream diagnostics.
///
/// Holds the three adapters as concrete values (no existential dispatch in the hot
/// loop). One normalizer per replay: adapter state (Bybit tickers, OKX ctVal and
/// de-duplication) spans all files of the run, in merge order.
public struct Normalizer {
    public var binance = BinanceAdapter()
    public var bybit = BybitAdapter()
    public var okx = OKXAdapter()
    private var binanceDiag = StreamDiagnostics()
    private var bybitDiag = StreamDiagnostics()
    private var okxDiag = StreamDiagnostics()

    public init() {}

    /// Appends the events of `input` (from `stream`) to `events`. A frame counted as
    /// malformed contributes no events, even if some of its elements decoded before the
    /// damage was found (a truncated array, say).
    @inline(__always)
    public mutating func decode(_ input: ExchangeInput, stream: StreamID, into events: inout [MarketEvent]) {
        let before = events.count
        switch stream {
        case .binanceUSDM:
            let bad = binanceDiag.malformed
            binanceDiag.frames += 1
            binance.decode(input, into: &events, diagnostics: &binanceDiag)
            settle(&events, from: before, malformedBefore: bad, in: &binanceDiag)
        case .bybitLinear:
            let bad = bybitDiag.malformed
            bybitDiag.frames += 1
            bybit.decode(input, into: &events, diagnostics: &bybitDiag)
            settle(&events, from: before, malformedBefore: bad, in: &bybitDiag)
        case .okxSwap:
            let bad = okxDiag.malformed
            okxDiag.frames += 1
            okx.decode(input, into: &events, diagnostics: &okxDiag)
            settle(&events, from: before, malformedBefore: bad, in: &okxDiag)
        }
    }

    /// Drops the frame's events if it was malformed, else counts them by kind.
    @inline(__always)
    private func settle(_ events: inout [MarketEvent], from start: Int, malformedBefore: Int, in diag: inout StreamDiagnostics) {
        if diag.malformed != malformedBefore {
            if events.count > start { events.removeSubrange(start...) }
            return
        }
        count(events, from: start, in: &diag)
    }

    @inline(__always)
    private func count(_ events: [MarketEvent], from start: Int, in diag: inout StreamDiagnostics) {
        var i = start
        while i < events.count { diag.events[events[i].kind.rawValue] += 1; i += 1 }
    }

    /// Diagnostics for every stream that received at least one input.
    public var streamDiagnostics: [(StreamID, StreamDiagnostics)] {
        [(StreamID.binanceUSDM, binanceDiag), (.bybitLinear, bybitDiag), (.okxSwap, okxDiag)].filter { $0.1.frames > 0 }
    }
}
