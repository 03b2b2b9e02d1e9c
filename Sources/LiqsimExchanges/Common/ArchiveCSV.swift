import LiqsimCore

/// A CSV file of an archive, read in place: lines, comma-separated fields, an optional
/// header row (detected per file: old Binance Vision files have none), numbers and exact
/// decimals straight from the bytes. Fields are unquoted, as in every archive liqsim reads.
public struct ArchiveCSV {
    public let bytes: [UInt8]
    /// Column names from the header row, or nil when the file starts with data.
    public private(set) var header: [String]?
    /// Offset of the first data line.
    var dataStart = 0
    /// The file's line number of the first data line.
    var firstLine = 1

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var end = 0
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        let first = trimmed(0..<end)
        // A header row starts with a letter; data rows start with a digit or a sign.
        if let c = first.first.map({ bytes[$0] }), !(c >= 0x30 && c <= 0x39) && c != UInt8(ascii: "-") {
            header = fields(first).map { text($0).lowercased() }
            dataStart = min(end + 1, bytes.count)
            firstLine = 2
        }
    }

    /// A later block of whole lines of the same file (read in pieces): the file's header
    /// row (or nil), and the file's line number of the block's first line.
    public init(_ bytes: [UInt8], header: [String]?, firstLine: Int) {
        self.bytes = bytes
        self.header = header
        self.firstLine = firstLine
    }

    /// The column index of each name: from the header row when there is one, else the
    /// archive's documented order (`defaults`). Nil names a column the file lacks.
    public func columns(_ names: [String], defaults: [String]) -> [Int?] {
        let order = header ?? defaults
        return names.map { order.firstIndex(of: $0) }
    }

    /// Each non-empty data line: its 1-based line number and field ranges.
    public func forEachRow(_ body: (Int, [Range<Int>]) throws -> Void) rethrows {
        var line = firstLine
        var start = dataStart
        var ranges: [Range<Int>] = []
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let row = trimmed(start..<end)
            if !row.isEmpty {
                ranges.removeAll(keepingCapacity: true)
                ranges.append(contentsOf: fields(row))
                try body(line, ranges)
            }
            line += 1
            start = end + 1
        }
    }

    func fields(_ row: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var from = row.lowerBound
        for i in row where bytes[i] == UInt8(ascii: ",") {
            out.append(from..<i)
            from = i + 1
        }
        out.append(from..<row.upperBound)
        return out
    }

    func trimmed(_ r: Range<Int>) -> Range<Int> {
        var upper = r.upperBound
        while upper > r.lowerBound, bytes[upper - 1] == 0x0D || bytes[upper - 1] == 0x20 { upper -= 1 }
        return r.lowerBound..<upper
    }

    public func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }

    public func int(_ r: Range<Int>) -> Int64? {
        guard !r.isEmpty else { return nil }
        var v: Int64 = 0
        var negative = false
        for i in r {
            let c = bytes[i]
            if i == r.lowerBound && c == UInt8(ascii: "-") { negative = true; continue }
            guard c >= 0x30 && c <= 0x39 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(c - 0x30))
            guard !o1, !o2 else { return nil }
            v = s
        }
        return negative ? -v : v
    }

    /// `true`/`false` in any case (old files write `True`).
    public func bool(_ r: Range<Int>) -> Bool? {
        switch text(r).lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }
}

/// Epoch times whose unit is read from their size: futures archives use milliseconds,
/// Binance spot moved to microseconds in 2025 and Tardis writes microseconds.
public enum EpochUnit: Sendable, Equatable {
    case millis, micros, nanos

    /// The unit of a present-day epoch number (ms ~1.7e12, µs ~1.7e15, ns ~1.7e18).
    public init(of value: Int64) {
        self = value < 100_000_000_000_000 ? .millis : value < 100_000_000_000_000_000 ? .micros : .nanos
    }

    public func nanos(_ value: Int64) -> UnixNanos {
        switch self {
        case .millis: UnixNanos(millis: value)
        case .micros: UnixNanos(value &* 1_000)
        case .nanos: UnixNanos(value)
        }
    }

    public var name: String { self == .millis ? "milliseconds" : self == .micros ? "microseconds" : "nanoseconds" }
}
