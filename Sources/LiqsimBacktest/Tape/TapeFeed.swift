import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimReplay
import LiqsimSession

/// The shared pass's `ReplaySink`: hands the engine's events to the analysis loop (pipeline
/// and `TapeRecorder`) on a thread of its own, so decoding (the engine, this thread) and
/// the pipeline and tape (the loop's thread) run on two cores at once. Only events of the
/// traded symbols reach the loop; any other event only moves the pipeline's clock
/// (`AnalysisLoop.advance(to:)`), so every window closes exactly when it would have with
/// all symbols, and the tape is the same as a single-threaded run over every event.
///
/// Ownership: the engine's thread fills one batch at a time and passes it, whole, to the
/// loop's thread through `ready`; the loop's thread alone touches the loop (and its sinks)
/// until `finish()` has joined it. Batches are recycled through `spare`.
final class TapeFeed: ReplaySink, @unchecked Sendable {
    enum Item {
        case event(MarketEvent)
        /// An event of another symbol, received at this time.
        case clock(Int64)
        case outage(UnixNanos, StreamID?)
    }

    private let loop: AnalysisLoop
    private let symbols: [Symbol]
    private let threaded: Bool
    private static let batchSize = 4_096
    private var batch: [Item] = []
    private var lastClock: Int64 = .min
    private var lastOther: Symbol?
    /// Symbols of events outside the tape (for errors that name the symbols there are).
    private(set) var otherSymbols: Set<Symbol> = []

    private let lock = NSCondition()
    private var ready: [[Item]?] = []
    private var spare: [[Item]] = []
    private var inFlight = 0
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)

    /// `threaded: false` runs the loop on the caller's thread (same results; tests compare both).
    init(loop: AnalysisLoop, symbols: [Symbol], threaded: Bool = true) {
        self.loop = loop
        self.symbols = symbols
        self.threaded = threaded
        batch.reserveCapacity(Self.batchSize)
        guard threaded else { return }
        let thread = Thread { [self] in
            consume()
            done.signal()
        }
        thread.stackSize = 1 << 23
        self.thread = thread
        thread.start()
    }

    func replay(_ record: RawRecord, file: Int, stream: StreamID?, events: [MarketEvent]) {
        if record.kindByte == RecordKind.gap.rawValue || record.kindByte == RecordKind.disconnect.rawValue {
            batch.append(.outage(record.recv, stream))
        }
        for event in events {
            let symbol = event.symbol
            if symbols.contains(symbol) {
                batch.append(.event(event))
            } else {
                if symbol != lastOther { otherSymbols.insert(symbol); lastOther = symbol }
                let t = event.recv.rawValue
                if t != lastClock { batch.append(.clock(t)); lastClock = t }
            }
        }
        if batch.count >= Self.batchSize { submit() }
    }

    /// Delivers what is left and waits for the loop's thread: the loop's sinks may be read after it.
    func finish() {
        submit()
        guard let thread else { return }
        lock.lock()
        ready.append(nil)
        lock.signal()
        lock.unlock()
        done.wait()
        self.thread = nil
    }

    private func submit() {
        guard !batch.isEmpty else { return }
        guard threaded else {
            run(batch)
            batch.removeAll(keepingCapacity: true)
            return
        }
        lock.lock()
        // At most three batches exist: one filling, one waiting, one being analysed.
        while inFlight >= 2 { lock.wait() }
        ready.append(batch)
        inFlight += 1
        batch = spare.popLast() ?? []
        lock.broadcast()
        lock.unlock()
        batch.removeAll(keepingCapacity: true)
        batch.reserveCapacity(Self.batchSize)
    }

    private func consume() {
        while true {
            lock.lock()
            while ready.isEmpty { lock.wait() }
            let next = ready.removeFirst()
            lock.unlock()
            guard let items = next else { return }
            run(items)
            lock.lock()
            spare.append(items)
            inFlight -= 1
            lock.broadcast()
            lock.unlock()
        }
    }

    private func run(_ items: [Item]) {
        for item in items {
            switch item {
            case .event(let e): loop.deliver(e)
            case .clock(let t): loop.advance(to: t)
            case .outage(let recv, let stream): for sink in loop.sinks { sink.outage(at: recv, stream: stream) }
            }
        }
    }
}
