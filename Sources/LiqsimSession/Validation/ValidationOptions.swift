import LiqsimCore

/// Thresholds of `liqsim validate`.
public struct ValidationOptions: Sendable, Equatable {
    /// Receive-time gaps between consecutive records of a stream longer than this are reported.
    public var gap = UnixNanos(30_000_000_000)
    /// A stream+symbol without events for longer than this is stale.
    public var stale = UnixNanos(300_000_000_000)
    /// Consecutive trades of a stream+symbol whose price moves by more than this percentage are outliers.
    public var outlierPercent = 10.0
    /// Recently seen frames remembered per stream for duplicate detection.
    public var duplicateWindow = 10_000
    /// Decompress the next block on a second thread (timing only; results are identical).
    public var readAhead = true

    public init() {}
}

/// Parses percentages such as `10%`, `12.5%` or `10` (meaning 10%).
public enum PercentArgument {
    public static func parse(_ text: String) -> Double? {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }), let v = Double(number), v.isFinite, v > 0 else { return nil }
        return v
    }
}

/// What a finding is about. The raw values are the keys of the JSON report; the order of
/// the cases is the order of the table.
public enum FindingKind: String, CaseIterable, Sendable, Comparable {
    /// Identical payload bytes on the same stream among its last `duplicateWindow` frames.
    case duplicateFrame = "duplicate_frame"
    /// More than `gap` of receive time between consecutive records of a stream.
    case receiveGap = "receive_gap"
    /// A recorded gap record: data known to be missing.
    case gapRecord = "gap_record"
    /// A recorded disconnect.
    case disconnect
    /// A record received earlier than its predecessor in the same file.
    case timeBackwards = "time_backwards"
    /// A non-positive price or quantity, a negative open interest, a share outside 0…100 %.
    case invalidValue = "invalid_value"
    /// A trade price more than `outlierPercent` away from the previous trade of the stream+symbol.
    case priceOutlier = "price_outlier"
    /// A stream+symbol without events for longer than `stale`.
    case stale
    /// Two Binance liquidations of one symbol in the same second (Binance pushes at most one).
    case binanceSameSecond = "binance_same_second"
    /// Frames the normalizer could not decode.
    case malformed
    /// Channels or REST endpoints the normalizer does not know.
    case unknownChannel = "unknown_channel"
    /// A capture whose writer was killed mid-block: its last records are unreadable.
    case truncatedTail = "truncated_tail"

    public static func < (a: FindingKind, b: FindingKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Formatting helpers shared by the checks and the renderers (no Foundation).
enum ValidationFormat {
    /// A span to the millisecond: `45.000s`, `11m 12.991s`, `2d 3h 0m 5.000s`.
    static func seconds(_ ns: Int64) -> String {
        let ms = (abs(ns) + 500_000) / 1_000_000
        let frac = String(ms % 1000)
        var s = "\(ms / 1000 % 60)." + String(repeating: "0", count: 3 - frac.count) + frac + "s"
        let minutes = ms / 60_000
        if minutes > 0 { s = "\(minutes % 60)m " + s }
        if minutes >= 60 { s = "\(minutes / 60 % 24)h " + s }
        if minutes >= 1440 { s = "\(minutes / 1440)d " + s }
        return (ns < 0 ? "-" : "") + s
    }

    /// A threshold as given on the command line: `30s`, `5m`, `250ms`, `1.5s` (as `1500ms`).
    static func duration(_ ns: Int64) -> String {
        for (unit, scale) in [("d", Int64(86_400_000_000_000)), ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000)]
        where ns >= scale && ns % scale == 0 {
            return "\(ns / scale)\(unit)"
        }
        return "\(ns)ns"
    }

    /// A number with two decimals, rounded half away from zero: `12.00`.
    static func twoDecimals(_ v: Double) -> String {
        let hundredths = Int64((abs(v) * 100).rounded())
        let frac = String(hundredths % 100)
        return (v < 0 && hundredths != 0 ? "-" : "") + "\(hundredths / 100)." + (frac.count == 1 ? "0" : "") + frac
    }

    /// `10` for integral values, else the shortest round-trip text (`12.5`).
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
