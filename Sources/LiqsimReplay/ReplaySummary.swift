import LiqsimCapture
import LiqsimCore

/// Everything a replay counted. Rendered on stderr at the end of every run.
public struct ReplaySummary: Sendable {
    public var files = 0
    public var records = 0
    public var recordsByKind: [RecordKind: Int] = [:]
    /// Records whose kind byte or stream this version does not know.
    public var unknownRecords = 0
    public var binaryFrames = 0
    public var gapMarkers = 0
    /// State records before `--from` (REST, subscriptions) replayed into the adapters only.
    public var warmUpRecords = 0
    public var eventsEmitted = 0
    public var eventsByKind = [Int](repeating: 0, count: EventKind.allCases.count)
    /// Snapshot-store transactions written (`--db`) and the first write error, if any.
    public var databaseBatches = 0
    public var databaseError: String?
    /// Pipeline signals emitted: bars, sentiment, cascade risk, cascades, spikes.
    public var signalCounts = [Int](repeating: 0, count: 5)
    public var streams: [(StreamID, StreamDiagnostics)] = []
    public var skippedRegions: [(path: String, region: BlockScanner.SkippedRegion)] = []
    public var truncatedTails: [(path: String, tail: TruncatedTail)] = []
    public var outOfOrderRecords = 0
    /// Set when the run stopped early (corrupt data without --skip-corrupt, output closed).
    public var incompleteReason: String?
    /// The damage that ended the run, when it was damage (validation throws it).
    public var incompleteError: CaptureError?
    /// The run stopped because its output went away (a runtime condition, not bad input).
    public var stoppedByOutput = false
    public var digest: String?
    public var wallSeconds: Double = 0
    /// Paced runs: the largest delay of a record behind its due time (wall ns).
    public var pacingMaxLagNanos: Int64?
    public var firstRecv: UnixNanos?
    public var lastRecv: UnixNanos?

    public var skippedRecords: UInt64 { BlockScanner.total(skippedRegions.map { $0.region.records ?? 0 }) }

    public init() {}

    /// The run stopped because its output went away, after `events` events reached it.
    public mutating func stopByOutput(afterEvents events: Int) {
        incompleteReason = "standard output was closed by its reader after \(events) events"
        stoppedByOutput = true
    }

    /// Human-readable summary (stderr).
    public func render() -> String {
        var lines: [String] = []
        let kinds = RecordKind.allCases.compactMap { k in recordsByKind[k].map { "\(k.name) \(NumberText.grouped($0))" } }.joined(separator: ", ")
        var head = "replay: \(NumberText.grouped(files)) file\(files == 1 ? "" : "s"), \(NumberText.grouped(records)) records"
        if !kinds.isEmpty { head += " (\(kinds))" }
        if wallSeconds > 0 { head += " in \(twoDecimals(wallSeconds)) s (\(NumberText.grouped(Int(Double(records) / max(wallSeconds, 1e-9)))) records/s)" }
        lines.append(head)
        if let a = firstRecv, let b = lastRecv { lines.append("capture time: \(a) → \(b)") }
        if let lag = pacingMaxLagNanos { lines.append("pacing: records released at most \(twoDecimals(Double(lag) / 1e6)) ms after their due time") }
        let events = EventKind.allCases.map { "\($0.name) \(NumberText.grouped(eventsByKind[$0.rawValue]))" }.joined(separator: ", ")
        lines.append("events: \(NumberText.grouped(eventsEmitted)) (\(events))")
        if signalCounts.reduce(0, +) > 0 {
            let names = ["bar", "sentiment", "cascade_risk", "cascade", "spike"]
            lines.append("signals: " + zip(names, signalCounts).map { "\($0) \(NumberText.grouped($1))" }.joined(separator: ", "))
        }
        for (stream, d) in streams {
            let byType = EventKind.allCases.filter { d.events[$0.rawValue] > 0 }.map { "\($0.name) \(NumberText.grouped(d.events[$0.rawValue]))" }
            let events = "events \(NumberText.grouped(d.eventTotal))" + (byType.isEmpty ? "" : " (" + byType.joined(separator: ", ") + ")")
            var parts = ["frames \(NumberText.grouped(d.frames))", events, "ignored \(NumberText.grouped(d.ignored))"]
            parts.append("unknown \(NumberText.grouped(d.unknownChannel))")
            parts.append("malformed \(NumberText.grouped(d.malformed))")
            if d.duplicates > 0 { parts.append("duplicates \(NumberText.grouped(d.duplicates))") }
            if d.outOfScope > 0 { parts.append("out of scope \(NumberText.grouped(d.outOfScope))") }
            if d.missingInstrument > 0 { parts.append("missing ctVal \(NumberText.grouped(d.missingInstrument))") }
            lines.append("  \(stream.rawValue): " + parts.joined(separator: " · "))
            for s in d.samples { lines.append("    \(s.problem.rawValue) at recv \(s.recv): \(s.detail)") }
        }
        if databaseBatches > 0 { lines.append("snapshot store: \(NumberText.grouped(databaseBatches)) snapshots written") }
        if let databaseError { lines.append("snapshot store error: \(databaseError)") }
        if binaryFrames > 0 { lines.append("binary frames (kept verbatim, not decoded): \(NumberText.grouped(binaryFrames))") }
        if warmUpRecords > 0 { lines.append("warm-up: \(NumberText.grouped(warmUpRecords)) state records before --from fed to the normalizers (not emitted)") }
        if gapMarkers > 0 { lines.append("gap markers: \(NumberText.grouped(gapMarkers)) (data is missing around them)") }
        if unknownRecords > 0 { lines.append("records of unknown kind or stream: \(NumberText.grouped(unknownRecords))") }
        if outOfOrderRecords > 0 { lines.append("records out of receive order within a file: \(NumberText.grouped(outOfOrderRecords))") }
        lines.append("skipped corrupt: \(skippedRegions.count) region\(skippedRegions.count == 1 ? "" : "s"), \(NumberText.grouped(Int(clamping: skippedRecords))) records")
        for (path, r) in skippedRegions { lines.append("  \(path) at byte \(r.offset): \(r.reason)") }
        // The one warning about a truncated tail (the replay read everything before it).
        for (path, t) in truncatedTails { lines.append("warning: \(path): \(t.description); replayed the records before it") }
        if let incompleteReason { lines.append("INCOMPLETE: \(incompleteReason)") }
        lines.append("digest: " + (incompleteReason == nil ? (digest ?? "-") : "none (run incomplete)"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Timings with two decimals; `-` for NaN and infinities.
    private func twoDecimals(_ value: Double) -> String { NumberText.fixed(value, 2) ?? "-" }
}
