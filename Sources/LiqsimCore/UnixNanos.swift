/// A point in time as nanoseconds since the Unix epoch, UTC.
///
/// Every event carries two: the exchange's own time and the local receive time.
/// Ordering and pacing use receive time only.
public struct UnixNanos: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64

    @inlinable public init(_ rawValue: Int64) { self.rawValue = rawValue }
    @inlinable public init(millis: Int64) { self.rawValue = millis &* 1_000_000 }

    public static let zero = UnixNanos(0)

    @inlinable public static func < (a: UnixNanos, b: UnixNanos) -> Bool { a.rawValue < b.rawValue }

    public var millis: Int64 { rawValue / 1_000_000 }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public var description: String { UTCDateTime(self).iso8601Millis }
}

/// Civil date and time in UTC, computed without Foundation (Howard Hinnant's algorithm)
/// so formatting is allocation-free and identical on every platform.
public struct UTCDateTime: Sendable, Equatable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int, nanos: Int

    public init(_ t: UnixNanos) {
        let ns = t.rawValue
        var secs = ns / 1_000_000_000
        var rem = ns % 1_000_000_000
        if rem < 0 { rem += 1_000_000_000; secs -= 1 }
        var days = secs / 86_400
        var sod = secs % 86_400
        if sod < 0 { sod += 86_400; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = Int(yoe + era * 400 + (m <= 2 ? 1 : 0))
        month = Int(m); day = Int(d)
        hour = Int(sod / 3_600); minute = Int(sod % 3_600 / 60); second = Int(sod % 60)
        nanos = Int(rem)
    }

    /// Days since 1970-01-01 for a civil date (inverse of the above).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYYMMDD`, the date column of the log and latest-N tables.
    public var compactDate: String { pad(year, 4) + pad(month, 2) + pad(day, 2) }
    /// `HH:MM:SS`.
    public var clock: String { pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2) }
    public var iso8601Millis: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + clock + "." + pad(nanos / 1_000_000, 3) + "Z"
    }

    private func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
