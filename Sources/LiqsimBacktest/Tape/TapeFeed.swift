import LiqsimCapture
import LiqsimCore
import LiqsimReplay
import LiqsimSession

/// The shared pass's `ReplaySink`: hands the engine's events to the analysis loop (pipeline
/// and `TapeRecorder`) on an `AnalysisThread`, so decoding (the engine, this thread) and
/// the pipeline and tape (the loop's thread) run on two cores at once. Only events of the
/// traded symbols reach the loop; any other event only moves the pipeline's clock
/// (`AnalysisLoop.advance(to:)`), so every window closes exactly when it would have with
/// all symbols, and the tape is the same as a single-threaded run over every event.
final class TapeFeed: ReplaySink {
    private let thread: AnalysisThread
    private let symbols: [Symbol]
    private var lastClock: Int64 = .min
    private var lastOther: Symbol?
    /// Symbols of events outside the tape (for errors that name the symbols there are).
    private(set) var otherSymbols: Set<Symbol> = []

    /// `threaded: false` runs the loop on the caller's thread (same results; tests compare both).
    init(loop: AnalysisLoop, symbols: [Symbol], threaded: Bool = true) {
        thread = AnalysisThread(loop: loop, threaded: threaded)
        self.symbols = symbols
    }

    func replay(_ record: RawRecord, file: Int, stream: StreamID?, events: [MarketEvent]) {
        if record.kindByte == RecordKind.gap.rawValue || record.kindByte == RecordKind.disconnect.rawValue {
            thread.outage(at: record.recv, stream: stream)
        }
        // By index, not `for event in events`: each event is copied once, into the batch.
        for i in events.indices {
            let symbol = events[i].symbol
            if symbols.contains(symbol) {
                thread.event(events[i])
            } else {
                if symbol != lastOther { otherSymbols.insert(symbol); lastOther = symbol }
                let t = events[i].recv.rawValue
                if t != lastClock { thread.clock(t); lastClock = t }
            }
        }
    }

    /// Delivers what is left and waits for the loop's thread: the loop's sinks may be read after it.
    func finish() { thread.finish() }
}
