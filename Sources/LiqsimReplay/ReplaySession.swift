#if canImport(Glibc)
import Glibc
#endif
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges

/// One replay run: merges the captures by (receive time, file order, record sequence),
/// normalizes every frame, paces, writes the chosen format to `output`, and hashes the
/// JSON lines of all emitted events into the digest (whatever the format or speed).
public final class ReplaySession {
    public let paths: [String]
    public let options: ReplayOptions
    private let output: Int32

    public init(paths: [String], options: ReplayOptions, output: Int32 = STDOUT_FILENO) {
        self.paths = paths
        self.options = options
        self.output = output
    }

    /// Runs to the end. Throws `CaptureError` for inputs that cannot be opened (nothing is
    /// written then); damage met mid-run ends the run with `incompleteReason` set.
    public func run() throws -> ReplaySummary {
        let started = Pacer.monotonicNanos()
        var summary = ReplaySummary()
        summary.files = paths.count
        // Read-ahead decompresses on a second thread per file; past a few files the threads
        // would only compete, so larger merges read synchronously.
        let readAhead = options.readAhead && paths.count <= 4
        let sources = try paths.enumerated().map { i, path in
            try RecordSource(path: path, fileIndex: i, from: options.from, to: options.to, skipCorrupt: options.skipCorrupt, readAhead: readAhead)
        }
        let streamMaps: [[StreamID?]] = sources.map { s in (0...255).map { s.reader.header.streamID(at: UInt8($0)) } }
        do {
            for source in sources { try source.start() }
        } catch let error as CaptureError {
            summary.incompleteReason = error.description
        }
        var merger = RecordMerger(summary.incompleteReason == nil ? sources : [])
        let from = options.from ?? UnixNanos(.min)
        var normalizer = Normalizer()
        var pacer = Pacer(options.speed, maxGap: options.maxGap)
        var events: [MarketEvent] = []
        events.reserveCapacity(256)
        var recordsByKind = [Int](repeating: 0, count: 256)
        let json = OutputBuffer(capacity: 1 << 17)
        let log = OutputBuffer(capacity: 1 << 14)
        let digest = SHA256Digest()
        let writeJSON = options.format == .jsonl, writeLog = options.format == .log
        let symbols = options.symbols

        func flush() {
            digest.update(json.bytes)
            if writeJSON { writeAll(json.bytes) }
            json.removeAll()
            if log.count > 0 { writeAll(log.bytes); log.removeAll() }
        }

        while let source = merger.top {
            let record = source.head!
            if record.recv < from {
                // Warm-up: state from before --from (e.g. OKX instruments) reaches the adapters, nothing is emitted.
                if let stream = streamMaps[source.fileIndex][Int(record.streamIndex)], record.kind == .rest {
                    normalizer.decode(ExchangeInput(kind: .rest, recv: record.recv, payload: record.body, url: record.restURL), stream: stream, into: &events)
                    events.removeAll(keepingCapacity: true)
                }
                summary.warmUpRecords += 1
                do { try source.advance() } catch let error as CaptureError {
                    summary.incompleteReason = error.description
                    break
                }
                merger.topAdvanced()
                continue
            }
            if pacer.mustWait(for: record.recv) {
                flush()
                pacer.wait(for: record.recv)
            }
            if summary.firstRecv == nil { summary.firstRecv = record.recv }
            summary.lastRecv = record.recv
            summary.records += 1
            recordsByKind[Int(record.kindByte)] += 1
            let stream = streamMaps[source.fileIndex][Int(record.streamIndex)]
            switch record.kindByte {
            case RecordKind.text.rawValue:
                if let stream { normalizer.decode(ExchangeInput(kind: .frame, recv: record.recv, payload: record.payload), stream: stream, into: &events) }
                else { summary.unknownRecords += 1 }
            case RecordKind.rest.rawValue:
                if let stream { normalizer.decode(ExchangeInput(kind: .rest, recv: record.recv, payload: record.body, url: record.restURL), stream: stream, into: &events) }
                else { summary.unknownRecords += 1 }
            case RecordKind.binary.rawValue: summary.binaryFrames += 1
            case RecordKind.gap.rawValue: summary.gapMarkers += 1
            default: if record.kind == nil { summary.unknownRecords += 1 }
            }
            if !events.isEmpty {
                for event in events {
                    if let symbols, !symbols.contains(event.symbol) && !symbols.contains(rawSymbol(event)) { continue }
                    summary.eventsEmitted += 1
                    summary.eventsByKind[event.kind.rawValue] += 1
                    json.appendJSONLine(event)
                    if writeLog, case .liquidation(let l) = event { log.appendLogLine(l) }
                }
                events.removeAll(keepingCapacity: true)
                if json.count >= 1 << 16 || log.count >= 1 << 13 { flush() }
            }
            do {
                try source.advance()
            } catch let error as CaptureError {
                summary.incompleteReason = error.description
                break
            }
            merger.topAdvanced()
        }
        flush()
        summary.digest = digest.finalizeHex()
        for (i, kind) in RecordKind.allCases.enumerated() where recordsByKind[Int(kind.rawValue)] > 0 {
            _ = i
            summary.recordsByKind[kind] = recordsByKind[Int(kind.rawValue)]
        }
        summary.streams = normalizer.streamDiagnostics
        for (i, source) in sources.enumerated() {
            source.finish()
            for region in source.scanner.skipped { summary.skippedRegions.append((paths[i], region)) }
            if let tail = source.scanner.truncatedTail { summary.truncatedTails.append((paths[i], tail)) }
            summary.outOfOrderRecords += source.outOfOrder
        }
        summary.wallSeconds = Double(Pacer.monotonicNanos() - started) / 1e9
        return summary
    }

    private func rawSymbol(_ e: MarketEvent) -> Symbol {
        switch e {
        case .liquidation(let x): x.rawSymbol
        case .trade(let x): x.rawSymbol
        case .mark(let x): x.rawSymbol
        case .openInterest(let x): x.rawSymbol
        case .longShortRatio(let x): x.symbol
        case .instrument(let x): x.rawSymbol
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        var done = 0
        while done < bytes.count {
            let n = write(output, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 { if errno == EINTR { continue }; return }   // EPIPE: reader went away
            done += n
        }
    }
}

extension OutputBuffer {
    /// `20260921 | 12:34:56 UTC | binance-usdm | BTCUSDT | LONG  | 0.190 | $15,703.86` (+ ` | INSTITUTIONAL ≥ $100k`).
    public func appendLogLine(_ l: Liquidation) {
        let t = UTCDateTime(l.ts)
        append(int: t.year, width: 4); append(int: t.month, width: 2); append(int: t.day, width: 2)
        append(" | ")
        append(int: t.hour, width: 2); append(UInt8(ascii: ":")); append(int: t.minute, width: 2); append(UInt8(ascii: ":")); append(int: t.second, width: 2)
        append(" UTC | "); append(l.stream.jsonValue)
        append(" | "); append(l.symbol)
        append(l.side == .long ? " | LONG  | " : " | SHORT | ")
        append(l.qty)
        append(" | $"); append(groupedCents: l.usdCents)
        if l.isInstitutional { append(" | INSTITUTIONAL") }
        append(UInt8(ascii: "\n"))
    }
}
