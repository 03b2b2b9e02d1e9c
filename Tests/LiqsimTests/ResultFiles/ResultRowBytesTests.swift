import LiqsimCore
import LiqsimResultFiles
import Testing

/// trades.csv and equity.csv lines are built as bytes; they must be exactly the text of
/// the one CSV codec over the rows' fields.
@Suite struct ResultRowBytesTests {
    static let times: [Int64] = [0, 1_767_225_600_000_000_000, 1_767_225_659_999_999_999, 1_767_312_000_123_000_000, -1_000_000, -86_400_000_000_001,
                                 4_102_444_799_999_000_000]

    @Test func timesAreResultTextTimes() {
        for t in Self.times {
            var out: [UInt8] = []
            ResultText.appendTime(t, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == ResultText.time(t), "\(t)")
        }
    }

    /// Times across the years a time's text covers (1677–2262 in ns; before 1970 too) and
    /// every millisecond digit, appended after earlier bytes: `time`'s text, byte for byte.
    @Test func timesAcrossYearsAreResultTextTimes() {
        var out = Array("x,".utf8), expected = "x,"
        var t: Int64 = -9_200_000_000_000_000_000
        for k in 0..<4_000 {
            ResultText.appendTime(t, to: &out)
            expected += ResultText.time(t)
            t += 4_600_000_000_000_000 + Int64(k) * 1_000_001 + Int64(k % 1_000) * 1_000_000
        }
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    @Test func tradeLinesAreTheCodecsText() {
        let odd: [Double] = [0, -0.0, 1, -2, 0.1, 87_000.123456789, -1e-9, 1e15, 3e17, .nan, .infinity, -.infinity, 0.00049999, -12.345]
        var rows: [TradeRow] = []
        for (k, v) in odd.enumerated() {
            rows.append(TradeRow(run: k, trade: k + 1, symbol: k % 3 == 0 ? "BTC,\"USDT\"" : "牛来USDT", side: k % 2 == 0 ? "long" : "short",
                                 entryTime: Self.times[k % Self.times.count], exitTime: Self.times[(k + 1) % Self.times.count],
                                 entryPrice: v, exitPrice: -v, quantity: v, reason: k % 4 == 0 ? "a\nreason" : "trend",
                                 pnlUSD: v, feesUSD: v / 3, fundingUSD: -v / 7, openAtEnd: k % 2 == 0, acrossGap: k % 3 == 0))
        }
        for row in rows {
            var out: [UInt8] = []
            row.appendCSV(to: &out)
            #expect(String(decoding: out, as: UTF8.self) == CSVFields.line(row.fields) + "\n", "\(row)")
        }
    }

    @Test func equityPositionsAreExact() {
        var csv = EquityCSV(closeTimes: [[1_767_225_660_000_000_000]])
        csv.begin(run: 7, series: 0)
        for p in [0, -0.0, 3, -3, 0.125, 1e15, 12_345.678] as [Double] {
            var out: [UInt8] = []
            csv.append(bar: 0, equityUSD: 100_000.005, drawdownPct: 0.00005, position: p)
            csv.take(into: &out)
            #expect(String(decoding: out, as: UTF8.self) == "7,2026-01-01T00:01:00.000Z,\(ResultText.fixed(100_000.005, 2)),\(ResultText.fixed(0.00005, 4)),\(ResultText.exact(p))\n", "\(p)")
        }
    }

    /// The fast path's rounding (no libm call) against the codec's on the values where
    /// rounding decides: half cents and half basis points (every one below 50 and 0.5, then
    /// every 1,003rd up to ~100,000 and ~1,000), their neighbours one ulp away, values whose
    /// scaled fraction is the largest below one half (the `⌊x + ½⌋` trap), and values at the
    /// fast path's limit (9e15 units: 9e13 in cents, 9e11 in basis points) on both sides.
    @Test func equityRoundingMatchesTheCodecAtTies() {
        var values: [Double] = [0.49999999999999994, 0.5, -0.5, 4.5e-3, 0.49999999999999994 / 100, 0.49999999999999994 / 10_000,
                                8.99e12, 9e12, 9e10 + 0.005, 2.5e11 + 0.125,
                                9e13, 9e13.nextDown, 9e13 - 0.005, 9e13 - 0.015, 9e11, 9e11.nextDown, 9e11 - 0.00005, 9e11 - 0.00015]
        for k in Array(0..<5_000) + (0..<10_000).map({ $0 * 1_003 }) {
            let tie = Double(2 * k + 1) / 200, small = Double(2 * k + 1) / 20_000
            values += [tie, tie.nextUp, tie.nextDown, -tie, small, small.nextUp, small.nextDown]
        }
        var csv = EquityCSV(closeTimes: [[1_767_225_660_000_000_000]])
        csv.begin(run: 3, series: 0)
        var out: [UInt8] = [], codec = ""
        for v in values {
            csv.append(bar: 0, equityUSD: v, drawdownPct: v, position: 0)
            codec += CSVFields.line(EquityRow(run: 3, time: "2026-01-01T00:01:00.000Z", equityUSD: v, drawdownPct: v, position: 0).fields) + "\n"
            if csv.isFull { csv.take(into: &out) }
        }
        csv.take(into: &out)
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n"), expected = codec.split(separator: "\n")
        #expect(lines.count == expected.count)
        let first = zip(lines, expected).first { $0 != $1 }
        #expect(first == nil, "first difference: \(String(describing: first))")
    }

    /// equity.csv's writer: its lines are the codec's text of the rows' fields for odd
    /// values, repeated values (copied from the previous row) and every time form.
    @Test func equityCSVLinesAreTheRowsBytes() {
        let odd: [Double] = [0, -0.0, 1, -2, 0.005, 0.015, -0.004999, 100_000.005, 87_000.123456789, 1e-9, 12_345.678, 1e15, 3e17, -4e16,
                             .nan, .infinity, -.infinity, 0.00049999, 0.00005, 99.99995]
        var csv = EquityCSV(closeTimes: [[1_767_225_600_000_000_000], Self.times])
        for run in [0, 7, 1_234_567] {
            csv.begin(run: run, series: 1)
            var out: [UInt8] = [], codec = ""
            for k in 0..<(odd.count * 3) {
                // Values change every row, then repeat in pairs (a flat position, an idle run).
                let e = odd[k % odd.count], d = odd[(k / 2) % odd.count], p = odd[(k / 3 + run) % odd.count]
                let bar = k % Self.times.count
                csv.append(bar: bar, equityUSD: e, drawdownPct: d, position: p)
                codec += CSVFields.line(EquityRow(run: run, time: ResultText.time(Self.times[bar]), equityUSD: e, drawdownPct: d, position: p).fields) + "\n"
            }
            csv.take(into: &out)
            #expect(String(decoding: out, as: UTF8.self) == codec, "run \(run)")
        }
        #expect(String(decoding: EquityCSV.header, as: UTF8.self) == CSVFields.line(EquityRow.header) + "\n")
    }

    /// Past a chunk (about a MiB) the lines go on where they stopped: taken whenever full,
    /// the bytes are those of the rows one after another.
    @Test func equityCSVChunksJoinUp() {
        var csv = EquityCSV(closeTimes: [Self.times])
        var out: [UInt8] = [], codec = "", takes = 0
        for run in 0..<3 {
            csv.begin(run: run * 1_000_003, series: 0)
            for k in 0..<10_000 {
                let e = 100_000 + Double(k) * 1.2345, d = Double(k % 97) / 7, p = Double(k / 50) * 0.001
                csv.append(bar: k % Self.times.count, equityUSD: e, drawdownPct: d, position: p)
                codec += CSVFields.line(EquityRow(run: run * 1_000_003, time: ResultText.time(Self.times[k % Self.times.count]), equityUSD: e,
                                                  drawdownPct: d, position: p).fields) + "\n"
                if csv.isFull { csv.take(into: &out); takes += 1 }
            }
        }
        csv.take(into: &out)
        #expect(takes >= 1 && out.count > 1 << 20)
        #expect(String(decoding: out, as: UTF8.self) == codec)
    }
}
