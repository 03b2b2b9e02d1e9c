#if canImport(Glibc)
import Glibc
#endif
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges
import LiqsimPipeline

/// One replay run: merges the captures by (receive time, file order, record sequence),
/// normalizes every frame, paces, writes the chosen format to `output`, and hashes the
/// JSON lines of all emitted events into the digest (whatever the format or speed).
public final class ReplaySession {
    public let paths: [String]
    public let options: ReplayOptions
    private let output: Int32
    private let observer: ReplayObserver?
    /// The pipeline of the last run (views, bar columns), when enabled.
    public private(set) var pipeline: Pipeline?

    public init(paths: [String], options: ReplayOptions, output: Int32 = STDOUT_FILENO, observer: ReplayObserver? = nil) {
        self.paths = paths
        self.options = options
        self.output = output
        self.observer = observer
    }

    /// Runs to the end. Throws `CaptureError` for inputs that cannot be opened (nothing is
    /// written then); damage met mid-run ends the run with `incompleteReason` set.
    public func run() throws -> ReplaySummary {
        let started = SystemTime().monotonic()
        // Read-ahead decompresses on a second thread per file; past a few files the threads
        // would only compete, so larger merges read synchronously.
        let readAhead = options.readAhead && paths.count <= 4
        let sources = try paths.enumerated().map { i, path in
            try RecordSource(path: path, fileIndex: i, from: options.from, to: options.to, skipCorrupt: options.skipCorrupt, readAhead: readAhead)
        }
        let state = try RunState(options: options, sources: sources, paths: paths, output: output, observer: observer)
        state.summary.files = paths.count
        do {
            for source in sources { try source.start() }
            var merger = RecordMerger(sources)
            while let source = merger.top {
                state.handle(source.head!, from: source)
                if state.outputClosed {
                    state.summary.incompleteReason = "standard output was closed by its reader after \(state.summary.eventsEmitted) events"
                    state.summary.stoppedByOutput = true
                    break
                }
                try source.advance()
                merger.topAdvanced()
            }
        } catch let error as CaptureError {
            state.summary.incompleteReason = error.description
        }
        var summary = state.finish()
        pipeline = state.pipeline
        for (i, source) in sources.enumerated() {
            source.finish()
            for region in source.scanner.skipped { summary.skippedRegions.append((paths[i], region)) }
            if let tail = source.scanner.truncatedTail { summary.truncatedTails.append((paths[i], tail)) }
            summary.outOfOrderRecords += source.outOfOrder
        }
        summary.wallSeconds = SystemTime().monotonic().duration(since: started).inSeconds
        return summary
    }
}

/// The mutable state of one run: normalizer, pacer, output buffers, digest and counters.
private final class RunState {
    var summary = ReplaySummary()
    private var normalizer = Normalizer()
    private var pacer: Pacer<SystemTime>
    private var events: [MarketEvent] = []
    private var recordsByKind = [Int](repeating: 0, count: 256)
    private let streamMaps: [[StreamID?]]
    private let from: UnixNanos
    private let symbols: Set<Symbol>?
    private let writeJSON: Bool, writeLog: Bool
    private let json = OutputBuffer(capacity: 1 << 17)
    private let log = OutputBuffer(capacity: 1 << 14)
    private let digest = SHA256Digest()
    private let output: Int32
    private let observer: ReplayObserver?
    let pipeline: Pipeline?
    private var signals: [PipelineSignal] = []
    let recorder: SnapshotRecorder?
    private let dashboard: DashboardRenderer?
    private let dashboardLive: Bool
    private var throttle = RedrawThrottle()
    private let title: String
    private let speedLabel: String

    init(options: ReplayOptions, sources: [RecordSource], paths: [String], output: Int32, observer: ReplayObserver?) throws {
        self.observer = observer
        pacer = Pacer(options.speed, maxGap: options.maxGap, time: SystemTime())
        streamMaps = sources.map { s in (0...255).map { s.reader.header.streamID(at: UInt8($0)) } }
        from = options.from ?? UnixNanos(.min)
        symbols = options.symbols
        writeJSON = options.format == .jsonl
        writeLog = options.format == .log
        self.output = output
        pipeline = options.pipeline.map { Pipeline(config: $0) }
        recorder = try options.database.map { try SnapshotRecorder(path: $0) }
        let terminal = isatty(output) == 1
        dashboardLive = options.format == .dashboard && terminal
        dashboard = options.format == .dashboard && options.pipeline != nil
            ? DashboardRenderer(color: terminal && getenv("NO_COLOR") == nil, width: RunState.terminalWidth(output)) : nil
        title = paths.joined(separator: " ")
        speedLabel = options.speed.description
        events.reserveCapacity(256)
    }

    /// One record in merge order.
    @inline(__always)
    func handle(_ record: RawRecord, from source: RecordSource) {
        let stream = streamMaps[source.fileIndex][Int(record.streamIndex)]
        if record.recv < from {
            // Warm-up: state from before --from (OKX instruments, …) reaches the adapters; nothing is emitted.
            if record.kindByte == RecordKind.rest.rawValue, let stream { decode(record, stream) }
            events.removeAll(keepingCapacity: true)
            summary.warmUpRecords += 1
            return
        }
        if pacer.mustWait(for: record.recv) {
            flush()
            pacer.wait(for: record.recv)
        }
        if summary.firstRecv == nil { summary.firstRecv = record.recv }
        summary.lastRecv = record.recv
        summary.records += 1
        recordsByKind[Int(record.kindByte)] += 1
        switch record.kindByte {
        case RecordKind.text.rawValue, RecordKind.rest.rawValue:
            if let stream { decode(record, stream) } else { summary.unknownRecords += 1 }
        case RecordKind.binary.rawValue: summary.binaryFrames += 1
        case RecordKind.gap.rawValue:
            summary.gapMarkers += 1
            observer?.observeOutage(at: record.recv, stream: stream)
        case RecordKind.disconnect.rawValue:
            observer?.observeOutage(at: record.recv, stream: stream)
        default: if record.kind == nil { summary.unknownRecords += 1 }
        }
        if !events.isEmpty { emitEvents() }
        if dashboardLive, throttle.shouldRedraw(nowNanos: UInt64(SystemTime().monotonic().rawValue)) { drawDashboard(final: false) }
    }

    /// Draws the dashboard: in place on a terminal, or (final, piped) once as plain text.
    private func drawDashboard(final: Bool) {
        guard let dashboard, let pipeline else { return }
        let frame = DashboardFrame(clock: summary.lastRecv ?? .zero, speed: speedLabel, records: summary.records,
                                   events: summary.eventsEmitted, title: title)
        let screen = dashboard.render(frame, pipeline: pipeline)
        var text = dashboardLive ? dashboard.redraw(screen) : screen
        if final && dashboardLive { text += "\n" }
        text.withUTF8 { writeAll(UnsafeRawBufferPointer($0)) }
    }

    static func terminalWidth(_ fd: Int32) -> Int {
        var size = winsize()
        return ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col >= 40 ? Int(size.ws_col) : 120
    }

    @inline(__always)
    private func decode(_ record: RawRecord, _ stream: StreamID) {
        let input = record.kindByte == RecordKind.rest.rawValue
            ? ExchangeInput(kind: .rest, recv: record.recv, payload: record.body, url: record.restURL)
            : ExchangeInput(kind: .frame, recv: record.recv, payload: record.payload)
        normalizer.decode(input, stream: stream, into: &events)
    }

    private func emitEvents() {
        for event in events {
            if let symbols, !symbols.contains(event.symbol) && !symbols.contains(event.rawSymbol) { continue }
            // Window closes before this event come first: they describe earlier time.
            if let pipeline {
                // Closed windows first (the store reads state as of their close), then the event.
                pipeline.advance(to: event.recv.rawValue, into: &signals)
                if !signals.isEmpty { emitSignals() }
                pipeline.apply(event, into: &signals)
                if !signals.isEmpty { emitSignals() }
                recorder?.observe(event)
            }
            observer?.observe(event)
            summary.eventsEmitted += 1
            summary.eventsByKind[event.kind.rawValue] += 1
            json.appendJSONLine(event)
            if writeLog, case .liquidation(let l) = event { log.appendLogLine(l) }
        }
        events.removeAll(keepingCapacity: true)
        if json.count >= 1 << 16 || log.count >= 1 << 13 { flush() }
    }

    private func emitSignals() {
        var snapshots = false
        for signal in signals {
            summary.countSignal(signal)
            observer?.observe(signal)
            json.appendJSONLine(signal)
            if writeLog { log.appendLogLine(signal) }
            if let recorder, let pipeline, case .sentiment(let s) = signal { recorder.record(s, pipeline: pipeline); snapshots = true }
        }
        signals.removeAll(keepingCapacity: true)
        if snapshots {
            do { try recorder?.flush() } catch { summary.databaseError = "\(error)" }
        }
    }

    /// Hashes the JSON lines written so far and writes the chosen format.
    private func flush() {
        digest.update(json.bytes)
        if writeJSON { writeAll(json.bytes) }
        json.removeAll()
        if log.count > 0 { writeAll(log.bytes); log.removeAll() }
    }

    /// Flushes and completes the summary's digest and counters.
    func finish() -> ReplaySummary {
        flush()
        drawDashboard(final: true)   // leaves the final view on screen
        summary.digest = digest.finalizeHex()
        for kind in RecordKind.allCases where recordsByKind[Int(kind.rawValue)] > 0 {
            summary.recordsByKind[kind] = recordsByKind[Int(kind.rawValue)]
        }
        summary.streams = normalizer.streamDiagnostics
        summary.databaseBatches = recorder?.batches ?? 0
        if pacer.factor != nil { summary.pacingMaxLagNanos = pacer.maxLagNanos }
        return summary
    }

    /// Set when the reader of our output went away (`| head`): the run stops there.
    private(set) var outputClosed = false

    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        guard !outputClosed else { return }
        var done = 0
        while done < bytes.count {
            let n = write(output, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                outputClosed = true   // EPIPE (SIGPIPE is ignored by the CLI) or another write error
                return
            }
            done += n
        }
    }
}
