/// Little-endian bytes of a cached tape: integers, doubles by bit pattern (exact, NaN
/// included), arrays with their count, strings as UTF-8. Bulk arrays: TapeBytes+Unsafe.swift.
struct TapeBytesWriter {
    var bytes: [UInt8] = []

    mutating func int(_ v: Int64) {
        var x = UInt64(bitPattern: v)
        for _ in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: x)); x >>= 8 }
    }

    mutating func double(_ v: Double) { int(Int64(bitPattern: v.bitPattern)) }

    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        int(Int64(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

/// Reads what `TapeBytesWriter` wrote; any overrun or impossible count is a damaged file.
struct TapeBytesReader {
    struct Damaged: Error {}
    let bytes: [UInt8]
    var at = 0

    mutating func int() throws -> Int64 {
        guard at + 8 <= bytes.count else { throw Damaged() }
        var x: UInt64 = 0
        for i in (0..<8).reversed() { x = x << 8 | UInt64(bytes[at + i]) }
        at += 8
        return Int64(bitPattern: x)
    }

    mutating func double() throws -> Double { Double(bitPattern: UInt64(bitPattern: try int())) }

    mutating func count(_ elementSize: Int) throws -> Int {
        let n = try int()
        guard n >= 0, n <= (bytes.count - at) / max(1, elementSize) else { throw Damaged() }
        return Int(n)
    }

    mutating func string() throws -> String {
        let n = try count(1)
        defer { at += n }
        return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
    }
}
