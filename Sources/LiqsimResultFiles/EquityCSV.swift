/// equity.csv's lines built as bytes straight into one chunk of memory, with no String and
/// no array growth per row (a 1,000-run grid writes 1.44 M rows): the run's number and each
/// bar close's text are made once, the numbers digit by digit, the position's text again
/// only when it changes. The bytes are exactly the codec's line of `EquityRow.fields`
/// (`ResultRowBytesTests`). The caller moves the chunk out with `take` whenever `isFull`.
public struct EquityCSV {
    public static let header = Array((CSVFields.line(EquityRow.header) + "\n").utf8)

    /// Each series' bar closes as text (`ResultText.time`), one after another: bar k's is
    /// `times[offsets[k]..<offsets[k + 1]]`.
    let series: [(times: [UInt8], offsets: [Int])]
    /// The current run's series, held apart so a row reads it without copying the tuple
    /// (two retains and releases a row).
    var times: [UInt8] = [], offsets: [Int] = [0]
    /// "<run>," of the run being written.
    var run: [UInt8] = []
    /// The last position written (its bit pattern) and its text.
    var positionBits: UInt64?
    var positionText: [UInt8] = []
    let chunk = ByteChunk(capacity: ByteChunk.threshold + 4_096)

    /// `closeTimes`: each series' (symbol's) bar closes in ns, as the tape holds them.
    public init(closeTimes: [[Int64]]) {
        series = closeTimes.map { closes in
            var times: [UInt8] = [], offsets = [0]
            times.reserveCapacity(closes.count * 24)
            for t in closes {
                ResultText.appendTime(t, to: &times)
                offsets.append(times.count)
            }
            return (times, offsets)
        }
    }

    /// Starts a run over series `series` (an index into `closeTimes`): its rows follow with `append`.
    public mutating func begin(run: Int, series: Int) {
        self.run = Array(String(run).utf8) + [UInt8(ascii: ",")]
        (times, offsets) = self.series[series]
    }

    /// Appends the current run's line at bar `bar`.
    public mutating func append(bar: Int, equityUSD: Double, drawdownPct: Double, position: Double) {
        if position.bitPattern != positionBits {
            positionBits = position.bitPattern
            positionText.removeAll(keepingCapacity: true)
            ResultText.appendExact(position, to: &positionText)
        }
        chunk.row(run: run, times: times, time: offsets[bar]..<offsets[bar + 1], equityUSD: equityUSD, drawdownPct: drawdownPct, position: positionText)
    }

    /// Whether the chunk holds about a MiB: time to `take` it.
    public var isFull: Bool { chunk.count >= ByteChunk.threshold }

    /// Appends the lines written so far to `out` and empties the chunk.
    public func take(into out: inout [UInt8]) { chunk.take(into: &out) }

    /// `ResultText.appendFixed(value, places)`'s bytes, or nil where that takes its slow
    /// path (NaN, infinities, |value| × 10^places ≥ 9e15): the same rounding (half away from
    /// zero of |value| × 10^places) as whole units of 10^-places.
    @inline(__always)
    static func fixedUnits(_ value: Double, scale: UInt64) -> (units: UInt64, negative: Bool)? {
        let scaled = abs(value) * Double(scale)
        guard value.isFinite, scaled < 9e15 else { return nil }
        // `scaled.rounded()` (half away from zero) without a call into libm: below 2^53 the
        // fraction `scaled − ⌊scaled⌋` is exact, so comparing it with one half decides alike.
        let whole = UInt64(scaled)
        let units = scaled - Double(whole) >= 0.5 ? whole + 1 : whole
        return (units, units != 0 && value < 0)
    }
}
