import LiqsimCapture
import LiqsimCore
import LiqsimExchanges

/// The slim replay engine: merges the captures (`CaptureMerge`), replays state from before
/// `--from` into the adapters (warm-up), paces, normalizes every frame and hands each
/// record with its events to one `ReplaySink`. It formats nothing and hashes nothing:
/// what happens to the events is the sink's business (analysis, JSON lines, a tape).
public final class ReplayEngine {
    public let paths: [String]
    public let options: ReplayOptions
    private var loop: EngineLoop?

    /// Per-stream decoding diagnostics so far (validation reads them after each record).
    public var streamDiagnostics: [(StreamID, StreamDiagnostics)] { loop?.normalizer.streamDiagnostics ?? [] }

    public init(paths: [String], options: ReplayOptions) {
        self.paths = paths
        self.options = options
    }

    /// Runs to the end. Throws `CaptureError` for inputs that cannot be opened (nothing was
    /// fed then); damage met mid-run ends the run with `incompleteReason` (and
    /// `incompleteError`) set.
    public func run(into sink: ReplaySink) throws -> ReplaySummary {
        let started = SystemTime().monotonic()
        // Read-ahead decompresses on a second thread per file; past a few files the threads
        // would only compete, so larger merges read synchronously.
        let merge = try CaptureMerge(paths: paths, from: options.from, to: options.to, skipCorrupt: options.skipCorrupt,
                                     readAhead: options.readAhead && paths.count <= 4)
        let loop = EngineLoop(options: options, sink: sink)
        self.loop = loop
        loop.summary.files = paths.count
        // A record's events live in this local, not in the loop object: handing a local array
        // to the sink retains nothing, a stored property's would be retained per record.
        var events: [MarketEvent] = []
        events.reserveCapacity(256)
        do {
            while let item = try merge.next() {
                loop.handle(item, &events)
                if sink.isClosed {
                    loop.summary.stopByOutput(afterEvents: loop.summary.eventsEmitted)
                    break
                }
            }
        } catch let error as CaptureError {
            loop.summary.incompleteReason = error.description
            loop.summary.incompleteError = error
        }
        merge.finish()
        var summary = loop.summary
        for file in merge.damage {
            for region in file.skipped { summary.skippedRegions.append((file.path, region)) }
            if let tail = file.truncatedTail { summary.truncatedTails.append((file.path, tail)) }
            summary.outOfOrderRecords += file.outOfOrder
        }
        for kind in RecordKind.allCases where loop.recordsByKind[Int(kind.rawValue)] > 0 {
            summary.recordsByKind[kind] = loop.recordsByKind[Int(kind.rawValue)]
        }
        summary.streams = loop.normalizer.streamDiagnostics
        if loop.paced { summary.pacingMaxLagNanos = loop.pacer.maxLagNanos }
        summary.wallSeconds = SystemTime().monotonic().duration(since: started).inSeconds
        return summary
    }
}

/// The per-record work of one run: warm-up, pacing, counting, decoding, filtering.
private final class EngineLoop {
    var summary = ReplaySummary()
    var pacer: Pacer<SystemTime>
    /// A paced run (`--speed 50x`); at max speed the pacer is not called at all.
    let paced: Bool
    var recordsByKind = [Int](repeating: 0, count: 256)
    var normalizer = Normalizer()
    private var kept: [MarketEvent] = []
    private let from: UnixNanos
    private let symbols: Set<Symbol>?
    private let sink: ReplaySink

    init(options: ReplayOptions, sink: ReplaySink) {
        pacer = Pacer(options.speed, maxGap: options.maxGap, time: SystemTime())
        paced = pacer.factor != nil
        from = options.from ?? UnixNanos(.min)
        symbols = options.symbols
        self.sink = sink
        kept.reserveCapacity(256)
    }

    @inline(__always)
    func handle(_ item: CaptureMerge.Item, _ events: inout [MarketEvent]) {
        let record = item.record
        if record.recv < from {
            // Warm-up: state from before --from (OKX instruments, …) reaches the adapters; nothing is emitted.
            if record.kindByte == RecordKind.rest.rawValue, let stream = item.stream { decode(record, stream, &events) }
            events.removeAll(keepingCapacity: true)
            summary.warmUpRecords += 1
            return
        }
        if paced && pacer.mustWait(for: record.recv) {
            sink.flush()
            pacer.wait(for: record.recv)
        }
        if summary.firstRecv == nil { summary.firstRecv = record.recv }
        summary.lastRecv = record.recv
        summary.records += 1
        recordsByKind[Int(record.kindByte)] += 1
        switch record.kindByte {
        case RecordKind.text.rawValue, RecordKind.rest.rawValue:
            if let stream = item.stream { decode(record, stream, &events) } else { summary.unknownRecords += 1 }
        case RecordKind.binary.rawValue: summary.binaryFrames += 1
        case RecordKind.gap.rawValue: summary.gapMarkers += 1
        case RecordKind.disconnect.rawValue: break
        default: if record.kind == nil { summary.unknownRecords += 1 }
        }
        if let symbols, !events.isEmpty {
            kept.removeAll(keepingCapacity: true)
            for event in events where symbols.contains(event.symbol) || symbols.contains(event.rawSymbol) { kept.append(event) }
            swap(&kept, &events)
        }
        for i in events.indices { summary.eventsByKind[events[i].kind.rawValue] += 1 }
        summary.eventsEmitted += events.count
        sink.replay(record, file: item.file, stream: item.stream, events: events)
        events.removeAllKeepingCapacity()
    }

    @inline(__always)
    private func decode(_ record: RawRecord, _ stream: StreamID, _ events: inout [MarketEvent]) {
        let input = record.kindByte == RecordKind.rest.rawValue
            ? ExchangeInput(kind: .rest, recv: record.recv, payload: record.body, url: record.restURL)
            : ExchangeInput(kind: .frame, recv: record.recv, payload: record.payload)
        normalizer.decode(input, stream: stream, into: &events)
    }
}

extension Array {
    /// Empties the array and keeps its storage: a frame's few events leave one `removeLast`
    /// each, cheaper than `removeAll(keepingCapacity:)`, which goes through `replaceSubrange`.
    @inline(__always)
    mutating func removeAllKeepingCapacity() {
        while !isEmpty { removeLast() }
    }
}
