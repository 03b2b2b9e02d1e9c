import LiqsimCore

/// `EquityCSV`'s bytes: one allocation written through its pointer, a row at a time. A row
/// is at most a few hundred bytes (a run number, a time, two fixed numbers — over 300 bytes
/// only on `String(format:)`'s path for huge values — and a position), so a chunk of
/// `threshold` plus 4 KiB never overflows when it is taken once it holds `threshold`; each
/// copy still checks its bounds.
final class ByteChunk {
    static let threshold = 1 << 20
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    func take(into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        count = 0
    }

    /// One equity.csv line: `run` ("<run>,"), `times[time]`, the equity to the cent, the
    /// drawdown to 4 decimals, `position` (its text). (The time as a range of the series'
    /// bytes, not a slice: a slice would retain and release them on every row.)
    func row(run: [UInt8], times: [UInt8], time: Range<Int>, equityUSD: Double, drawdownPct: Double, position: [UInt8]) {
        precondition(count <= Self.threshold, "take the chunk once it is full")
        var i = count
        i = copy(run, at: i)
        precondition(time.upperBound <= times.count)
        i = times.withUnsafeBufferPointer { copy(UnsafeBufferPointer(rebasing: $0[time]), at: i) }
        base[i] = UInt8(ascii: ","); i += 1
        i = fixed(equityUSD, places: 2, scale: 100, at: i)
        base[i] = UInt8(ascii: ","); i += 1
        i = fixed(drawdownPct, places: 4, scale: 10_000, at: i)
        base[i] = UInt8(ascii: ","); i += 1
        i = copy(position, at: i)
        precondition(i < capacity)
        base[i] = UInt8(ascii: "\n")
        count = i + 1
    }

    private func copy(_ bytes: some Collection<UInt8>, at i: Int) -> Int {
        bytes.withContiguousStorageIfAvailable { b in
            precondition(i + b.count < capacity)
            (base + i).update(from: b.baseAddress!, count: b.count)
            return i + b.count
        } ?? copy(Array(bytes), at: i)
    }

    private func fixed(_ value: Double, places: Int, scale: UInt64, at start: Int) -> Int {
        guard let (units, negative) = EquityCSV.fixedUnits(value, scale: scale) else {
            var text: [UInt8] = []
            ResultText.appendFixed(value, places, to: &text)
            return copy(text, at: start)
        }
        var i = start
        if negative { base[i] = UInt8(ascii: "-"); i += 1 }
        i = digits(units / scale, count: 1, at: i)
        base[i] = UInt8(ascii: "."); i += 1
        return digits(units % scale, count: places, at: i)
    }

    /// `v`'s decimal digits, zero-padded on the left to at least `count` (two per division,
    /// `OutputBuffer`'s digit pairs; `v` < 9e15, so at most 16 digits).
    private func digits(_ v: UInt64, count: Int, at i: Int) -> Int {
        precondition(i + 20 < capacity)
        return OutputBuffer.writeDigits(v, width: count, from: base + i) - base
    }
}
