import Foundation
import LiqsimResultFiles

/// The compact form of report.html's per-run series (docs/report.md, "Size"): whole numbers,
/// each series delta-coded, as zigzag varints (7 bits a byte) in base64. A run's equity
/// points keep equity.csv's decimals (equity 2, drawdown 4), so the page's points are still
/// rows of the file; trade prices keep 8 significant digits (a chart's pixel is thousands
/// of times coarser), times their milliseconds, P&L its cents. The page's script expands
/// them once when it loads (`unpack` in report.js); `unpack` here is the same for tests.
public enum ReportPacking {
    /// Zigzag varints of `values`, base64.
    public static func pack(_ values: [Int64]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 3)
        for v in values {
            var z = UInt64(bitPattern: (v << 1) ^ (v >> 63))
            while z >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: z) | 0x80)
                z >>= 7
            }
            bytes.append(UInt8(z))
        }
        return Data(bytes).base64EncodedString()
    }

    /// `pack`'s integers back; nil for text that is not base64 or ends inside a number.
    public static func unpack(_ text: String) -> [Int64]? {
        guard let data = Data(base64Encoded: text) else { return nil }
        var out: [Int64] = [], z: UInt64 = 0, shift: UInt64 = 0
        for byte in data {
            guard shift < 64 else { return nil }
            z |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                out.append(Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1))
                z = 0; shift = 0
            } else {
                shift += 7
            }
        }
        return shift == 0 ? out : nil
    }

    /// The digits `NumberText.fixed(value, decimals)` prints, as a whole number (its
    /// rounding: half away from zero); nil for NaN, infinities and magnitudes a page's
    /// script could not hold exactly (2^50 and more).
    static func units(_ value: Double, _ decimals: Int) -> Int64? {
        guard value.isFinite else { return nil }
        let scaled = (abs(value) * (decimals >= 0 && decimals < powersOfTen.count ? powersOfTen[decimals] : pow(10, Double(decimals)))).rounded()
        guard scaled < 0x1p50 else { return nil }
        return value < 0 ? -Int64(scaled) : Int64(scaled)
    }

    /// 10^0 … 10^8 (every decimals `units` is asked for), exact as doubles, as `pow(10, n)`
    /// returns them: no libm call per value (a 1,000-run page converts ~0.7 M).
    private static let powersOfTen: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8]

    /// Each value minus the one before it (the first minus 0).
    static func deltas(_ values: [Int64]) -> [Int64] {
        var previous: Int64 = 0
        return values.map { v in defer { previous = v }; return v - previous }
    }

    /// A run's equity points as `"z":"…"`: bar indices, equity in cents and drawdown in
    /// 1/10,000 %, each series delta-coded, one after the other. nil when a point is not at a
    /// bar close or a value is not finite: the caller writes the plain arrays.
    static func equity(_ e: ReportData.Equity, barIndex: [Int64: Int]) -> String? {
        var bars: [Int64] = [], cents: [Int64] = [], drawdown: [Int64] = []
        for k in e.timeMs.indices {
            guard let i = barIndex[e.timeMs[k]], let c = units(e.equityUSD[k], 2), let d = units(e.drawdownPct[k], 4) else { return nil }
            bars.append(Int64(i)); cents.append(c); drawdown.append(d)
        }
        return "\"z\":\"" + pack(deltas(bars) + deltas(cents) + deltas(drawdown)) + "\""
    }

    /// A run's trades as `"px":P,"tz":"…"`, seven numbers a trade: flags (1 long, 2 open at
    /// the end), the reason's index in `reasons`, entry time minus the previous entry (ms),
    /// exit minus entry (ms), entry price minus the previous exit price and exit minus entry
    /// price (in units of 10^−P), P&L in cents. nil when a value is not finite.
    static func trades(_ trades: [ReportData.Trade], reasons: [String: Int]) -> String? {
        let largest = trades.reduce(0.0) { max($0, abs($1.entryPrice), abs($1.exitPrice)) }
        guard largest.isFinite else { return nil }
        var digits = 0, a = largest
        while a >= 1 { a /= 10; digits += 1 }
        let places = min(8, max(0, 8 - digits))
        var out: [Int64] = []
        out.reserveCapacity(trades.count * 7)
        var entry: Int64 = 0, price: Int64 = 0
        for t in trades {
            guard let pe = units(t.entryPrice, places), let px = units(t.exitPrice, places), let pnl = units(t.pnlUSD, 2),
                  let reason = reasons[t.reason] else { return nil }
            out.append((t.side == "long" ? 1 : 0) + (t.openAtEnd ? 2 : 0)); out.append(Int64(reason)); out.append(t.entryMs - entry)
            out.append(t.exitMs - t.entryMs); out.append(pe - price); out.append(px - pe); out.append(pnl)
            entry = t.entryMs; price = px
        }
        return "\"px\":\(places),\"tz\":\"" + pack(out) + "\""
    }
}
