import LiqsimCore
import LiqsimExchanges

/// What an import did: the inputs (name, SHA-256, checksum), the captures written (one
/// per UTC day) and every finding with its file and line.
public struct ImportReport: Sendable {
    public struct Day: Sendable, Equatable {
        public var date: String
        public var path: String
        public var records: Int
    }

    public var inputs: [InputFile] = []
    public var days: [Day] = []
    public var findings: [ArchiveFinding] = []
    /// The largest read, inflate or line buffer held while reading the files, in bytes
    /// (bounded by the piece size and the longest line, never by a file's size).
    public var largestBuffer = 0
    /// The most archive rows in memory at once (one day's, plus a block read ahead).
    public var peakRows = 0

    /// `file:line: kind: message` (line omitted for whole-file findings).
    public func describe(_ f: ArchiveFinding) -> String {
        let file = Int(f.file) < inputs.count ? inputs[Int(f.file)].path : "-"
        return (f.line > 0 ? "\(file):\(f.line)" : file) + ": \(f.kind.rawValue): \(f.message)"
    }

    /// Finding counts by kind, for a capture header's notes and the summary line.
    public func findingCounts(_ list: [ArchiveFinding]? = nil) -> String {
        var counts: [String: Int] = [:]
        for f in list ?? findings { counts[f.kind.rawValue, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}

/// The UTC day of a time: days since the epoch and `YYYY-MM-DD`.
enum UTCDay {
    static func index(_ t: UnixNanos) -> Int64 {
        let d = t.rawValue / 86_400_000_000_000
        return t.rawValue < 0 && t.rawValue % 86_400_000_000_000 != 0 ? d - 1 : d
    }

    static func name(_ day: Int64) -> String {
        String(UTCDateTime(UnixNanos(day * 86_400_000_000_000)).iso8601Millis.prefix(10))
    }

    /// `2023-01-01` → its day index; `2023-01` → the month's first day and day count.
    static func parse(_ text: String) -> (first: Int64, count: Int64)? {
        if text.count == 10, let t = TimeArgument.parse(text) { return (index(t), 1) }
        guard text.count == 7, let t = TimeArgument.parse(text + "-01") else { return nil }
        let parts = text.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        let next = m == 12 ? UTCDateTime.daysFromCivil(year: y + 1, month: 1, day: 1) : UTCDateTime.daysFromCivil(year: y, month: m + 1, day: 1)
        return (index(t), next - index(t))
    }
}

/// Tardis exchange ids as liqsim streams (for `--exchange`).
public enum TardisStreams {
    public static func stream(_ name: String) -> StreamID? { TardisCSV.stream(name) }
}
