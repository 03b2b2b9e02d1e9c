import LiqsimCapture
import LiqsimCore
import LiqsimExchanges
import LiqsimReplay

/// `liqsim validate`: reads captures merged exactly like replay (receive time, file
/// order, record sequence), feeds every record to one `Normalizer`, and collects data
/// quality findings per stream and symbol. Library code: returns a report, prints nothing.
public final class Validator {
    public let paths: [String]
    public let options: ValidationOptions

    public init(paths: [String], options: ValidationOptions = ValidationOptions()) {
        self.paths = paths
        self.options = options
    }

    /// Reads every record. Throws `CaptureError` for a capture that cannot be opened or is
    /// corrupt (validation needs every record; `capture check` locates the damage).
    public func run() throws -> ValidationReport {
        var options = ReplayOptions()
        options.readAhead = self.options.readAhead
        let headers = try paths.map { try CaptureReader(path: $0).header }
        let engine = ReplayEngine(paths: paths, options: options)
        let state = ValidationState(paths: paths, options: self.options, headers: headers, engine: engine)
        let summary = try engine.run(into: state)
        // Validation needs every record: damage is an error (`capture check` locates it).
        if let error = summary.incompleteError { throw error }
        for (path, tail) in summary.truncatedTails {
            if let file = paths.firstIndex(of: path) { state.truncated(tail, file: file) }
        }
        return state.finish()
    }
}

/// The mutable state of one validation run.
final class ValidationState: ReplaySink {
    var report = ValidationReport()
    let options: ValidationOptions
    let paths: [String]
    /// The engine whose normalizer decoded each record (its diagnostics tell what failed).
    private unowned let engine: ReplayEngine
    private var counted: [StreamID: Counters] = [:]
    /// Per file: stream byte → slot (one per distinct header stream id, `-` for none) and known stream.
    private let slots: [[Int]]
    private let slotNames: [String]
    /// Per file: receive time and sequence of its previous record.
    private var fileLast: [(recv: Int64, seq: UInt64)?]
    /// Per slot: receive time of its latest received record (frames and REST), recent frame hashes.
    private var streamLast: [Int64?]
    private var windows: [FrameHashWindow]
    /// Event-level state (see ValidationState+Events).
    var lastTradePrice: [EventKey: FixedDecimal] = [:]
    var lastEvent: [EventKey: FindingExample] = [:]
    var binanceLastSecond: [Symbol: Int64] = [:]

    init(paths: [String], options: ValidationOptions, headers: [CaptureHeader], engine: ReplayEngine) {
        self.engine = engine
        self.paths = paths
        self.options = options
        let names = headers.map { h in (0...255).map { i in i < h.streams.count ? h.streams[i].id : StreamSymbol.none } }
        slotNames = Array(Set(names.joined())).sorted()
        let slotOf = Dictionary(uniqueKeysWithValues: slotNames.enumerated().map { ($1, $0) })
        slots = names.map { $0.map { slotOf[$0]! } }
        streamLast = Array(repeating: nil, count: slotNames.count)
        windows = Array(repeating: FrameHashWindow(capacity: options.duplicateWindow), count: slotNames.count)
        fileLast = Array(repeating: nil, count: paths.count)
        report.files = paths
        report.options = options
    }

    func example(_ record: RawRecord, file: Int, _ detail: String) -> FindingExample {
        FindingExample(recv: record.recv, file: paths[file], seq: record.seq, detail: detail)
    }

    /// One record in merge order, decoded by the engine into `events`.
    func replay(_ record: RawRecord, file: Int, stream id: StreamID?, events: [MarketEvent]) {
        let t = record.recv.rawValue
        report.records += 1
        if report.firstRecv.map({ t < $0.rawValue }) ?? true { report.firstRecv = record.recv }
        if report.lastRecv.map({ t > $0.rawValue }) ?? true { report.lastRecv = record.recv }
        let slot = slots[file][Int(record.streamIndex)]
        let name = slotNames[slot]
        var stream: StreamSymbol { StreamSymbol(name) }

        if let previous = fileLast[file], t < previous.recv {
            report.add(.timeBackwards, stream, example(record, file: file,
                "\(ValidationFormat.seconds(previous.recv - t)) earlier than record #\(previous.seq)"))
        }
        fileLast[file] = (t, record.seq)

        switch record.kind {
        case .gap:
            report.add(.gapRecord, stream, example(record, file: file, "gap record: " + Self.text(record.payload)))
            return
        case .disconnect:
            report.add(.disconnect, stream, example(record, file: file, "disconnect: " + Self.text(record.payload)))
            return
        case .text, .binary, .rest:
            break
        default:
            return
        }
        if name != StreamSymbol.none {
            if let last = streamLast[slot], t - last > options.gap.rawValue {
                report.add(.receiveGap, stream, example(record, file: file, "\(ValidationFormat.seconds(t - last)) since the previous record of the stream"))
            }
            streamLast[slot] = max(t, streamLast[slot] ?? .min)
        }
        var duplicate = false
        if record.kind != .rest {
            duplicate = windows[slot].insert(FNV1a.hash(record.payload))
        }
        guard record.kind != .binary, let id else {
            if duplicate { report.add(.duplicateFrame, stream, example(record, file: file, "\(record.payload.count) bytes seen before")) }
            return
        }
        checkDecoded(record, id, file: file, duplicate: duplicate, events: events)
    }

    private func checkDecoded(_ record: RawRecord, _ id: StreamID, file: Int, duplicate: Bool, events: [MarketEvent]) {
        let before = counted[id] ?? Counters()
        let after = counters(id)
        counted[id] = after
        let stream = StreamSymbol(id.rawValue)
        let detail = after.samples > before.samples ? after.lastDetail : nil
        if after.malformed > before.malformed {
            report.add(.malformed, stream, example(record, file: file, detail ?? "malformed frame"))
        }
        if after.unknown > before.unknown {
            report.add(.unknownChannel, stream, example(record, file: file, detail ?? "unknown channel"))
        }
        // Frames liqsim ignores (acks, pongs, order books) repeat by nature: not reported.
        if duplicate && !(after.ignored > before.ignored && events.isEmpty) {
            // Attributed to the symbol of the frame's events when they have exactly one.
            let symbols = Set(events.map(\.symbol))
            let key = symbols.count == 1 ? StreamSymbol(id.rawValue, symbols.first!.description) : stream
            report.add(.duplicateFrame, key, example(record, file: file, "\(record.payload.count) bytes seen before"))
        }
        for event in events { check(event, record: record, file: file) }
    }

    private struct Counters { var malformed = 0, unknown = 0, ignored = 0, samples = 0; var lastDetail: String? }

    private func counters(_ id: StreamID) -> Counters {
        guard let d = engine.streamDiagnostics.first(where: { $0.0 == id })?.1 else { return Counters() }
        return Counters(malformed: d.malformed, unknown: d.unknownChannel, ignored: d.ignored, samples: d.samples.count, lastDetail: d.samples.last?.detail)
    }

    func truncated(_ tail: TruncatedTail, file: Int) {
        let last = fileLast[file]
        report.add(.truncatedTail, StreamSymbol(StreamSymbol.none), FindingExample(
            recv: UnixNanos(last?.recv ?? 0), file: paths[file], seq: last.map { $0.seq + 1 } ?? 0, detail: tail.description))
    }

    func finish() -> ValidationReport {
        finishEvents()
        report.findings = report.findings.filter { !$0.value.isEmpty }
        return report
    }
}
