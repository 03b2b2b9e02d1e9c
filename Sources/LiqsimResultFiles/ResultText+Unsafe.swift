import LiqsimCore

extension ResultText {
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` of `t` (a year in 0…9999) written into a 24-byte stack
    /// buffer and appended with one copy: per-byte appends each check the array's
    /// uniqueness and capacity (~1,000 instructions a time, two per trade, on two threads).
    static func appendTimeBytes(_ t: UTCDateTime, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { b in
            func two(_ v: Int, at i: Int) {
                b[i] = UInt8(truncatingIfNeeded: 48 + v / 10)
                b[i + 1] = UInt8(truncatingIfNeeded: 48 + v % 10)
            }
            two(t.year / 100, at: 0); two(t.year % 100, at: 2); b[4] = UInt8(ascii: "-")
            two(t.month, at: 5); b[7] = UInt8(ascii: "-"); two(t.day, at: 8); b[10] = UInt8(ascii: "T")
            two(t.hour, at: 11); b[13] = UInt8(ascii: ":"); two(t.minute, at: 14); b[16] = UInt8(ascii: ":"); two(t.second, at: 17)
            let ms = t.nanos / 1_000_000
            b[19] = UInt8(ascii: "."); b[20] = UInt8(truncatingIfNeeded: 48 + ms / 100); two(ms % 100, at: 21); b[23] = UInt8(ascii: "Z")
            out.append(contentsOf: UnsafeBufferPointer(b))
        }
    }
}
