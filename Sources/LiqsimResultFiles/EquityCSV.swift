/// equity.csv's lines built as bytes straight into one buffer, with no String per row (a
/// 1,000-run grid writes 1.44 M rows): the run's number and each bar close's text are made
/// once, the numbers digit by digit, and a value equal to the previous row's (a flat
/// position, a run out of the market) copies that row's bytes. The bytes are exactly
/// the codec's line of `EquityRow.fields` (`ResultRowBytesTests`).
public struct EquityCSV {
    public static let header = Array((CSVFields.line(EquityRow.header) + "\n").utf8)

    /// Every bar close's text (`ResultText.time`), one after another: bar k's is
    /// `times[offsets[k]..<offsets[k + 1]]`.
    private var times: [UInt8] = []
    private var offsets: [Int] = [0]
    /// "<run>," of the run being written.
    private var run: [UInt8] = []
    private var equity = Column(), drawdown = Column(), position = Column()

    /// `closeTimes`: the symbol's bar closes in ns, as the tape holds them.
    public init(closeTimes: [Int64]) {
        times.reserveCapacity(closeTimes.count * 24)
        for t in closeTimes {
            ResultText.appendTime(t, to: &times)
            offsets.append(times.count)
        }
    }

    /// Starts a run: its rows follow with `append`.
    public mutating func begin(run: Int) {
        self.run = Array(String(run).utf8) + [UInt8(ascii: ",")]
    }

    /// Appends the line of the current run at bar `bar`.
    public mutating func append(bar: Int, equityUSD: Double, drawdownPct: Double, position: Double, to out: inout [UInt8]) {
        out.append(contentsOf: run)
        out.append(contentsOf: times[offsets[bar]..<offsets[bar + 1]])
        out.append(UInt8(ascii: ","))
        equity.append(equityUSD, to: &out) { Self.appendFixed($0, places: 2, scale: 100, to: &$1) }
        out.append(UInt8(ascii: ","))
        drawdown.append(drawdownPct, to: &out) { Self.appendFixed($0, places: 4, scale: 10_000, to: &$1) }
        out.append(UInt8(ascii: ","))
        self.position.append(position, to: &out) { ResultText.appendExact($0, to: &$1) }
        out.append(UInt8(ascii: "\n"))
    }

    /// One column's last value (its bit pattern) and its bytes.
    private struct Column {
        var bits: UInt64?
        var bytes: [UInt8] = []

        mutating func append(_ value: Double, to out: inout [UInt8], format: (Double, inout [UInt8]) -> Void) {
            if value.bitPattern != bits {
                bits = value.bitPattern
                bytes.removeAll(keepingCapacity: true)
                format(value, &bytes)
            }
            out.append(contentsOf: bytes)
        }
    }

    /// `ResultText.appendFixed(value, places)`: the same rounding (half away from zero of
    /// |value| × 10^places) and the same bytes; its path for NaN, infinities and huge values.
    static func appendFixed(_ value: Double, places: Int, scale: UInt64, to out: inout [UInt8]) {
        let scaled = (abs(value) * Double(scale)).rounded()
        guard value.isFinite, scaled < 9e15 else { return ResultText.appendFixed(value, places, to: &out) }
        let units = UInt64(scaled)
        if units != 0 && value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(units / scale, count: 1, to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(units % scale, count: places, to: &out)
    }

    /// `v`'s decimal digits, zero-padded on the left to at least `count`.
    private static func appendDigits(_ v: UInt64, count: Int, to out: inout [UInt8]) {
        var n = 1, x = v
        while x >= 10 { x /= 10; n += 1 }
        let start = out.count, width = max(n, count)
        for _ in 0..<width { out.append(UInt8(ascii: "0")) }
        var y = v, i = start + width - 1
        while y > 0 { out[i] = UInt8(truncatingIfNeeded: y % 10) &+ 48; y /= 10; i -= 1 }
    }
}
