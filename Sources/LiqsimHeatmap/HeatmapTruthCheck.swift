import Foundation
import LiqsimCore

/// Compares a heatmap with the generator's ground truth (`liqsim synth --truth`, its
/// `liquidation_levels` lines): are the estimate's peaks where the true positions' liquidation
/// prices cluster? Used by `liqsim heatmap --truth` and the tests (docs/heatmap.md, "Checked").
public enum HeatmapTruthCheck {
    /// One `liquidation_levels` line of one symbol: true USD per truth bucket, by side.
    public struct Snapshot: Sendable {
        public var time: UnixNanos
        public var long: [(low: FixedDecimal, usd: Double)]
        public var short: [(low: FixedDecimal, usd: Double)]
    }

    /// One side at one snapshot time, in grid buckets.
    public struct Comparison: Sendable {
        public var time: UnixNanos
        public var side: LiquidatedSide
        /// The heatmap's strongest peaks of the side, strongest first.
        public var peaks: [Int]
        /// For each peak: buckets to the nearest true cluster (a bucket holding at least
        /// `clusterShare` of the side's largest true bucket).
        public var distances: [Int]
        /// The largest true bucket, and buckets from it to the nearest of `peaks`.
        public var largestTrue: Int
        public var largestTrueDistance: Int
        public var trueUSD: Double, estimatedUSD: Double
    }

    /// A true cluster holds at least this share of the side's largest true bucket.
    public static let clusterShare = 0.5

    /// Reads the snapshots of `symbol` from a truth file.
    public static func load(path: String, symbol: Symbol) throws -> [Snapshot] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw TruthFileError(path: path, line: nil, message: "cannot read the truth file")
        }
        var snapshots: [Snapshot] = []
        for (n, line) in text.split(separator: "\n").enumerated() where line.contains("\"liquidation_levels\"") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let name = object["symbol"] as? String, let ts = object["ts_ns"] as? NSNumber,
                  let long = levels(object["long"]), let short = levels(object["short"]) else {
                throw TruthFileError(path: path, line: n + 1, message: "malformed liquidation_levels line")
            }
            if name == symbol.description { snapshots.append(Snapshot(time: UnixNanos(ts.int64Value), long: long, short: short)) }
        }
        return snapshots
    }

    private static func levels(_ value: Any?) -> [(low: FixedDecimal, usd: Double)]? {
        guard let pairs = value as? [[Any]] else { return nil }
        var out: [(low: FixedDecimal, usd: Double)] = []
        for pair in pairs {
            guard pair.count == 2, let text = pair[0] as? String, let low = FixedDecimal(text), let usd = pair[1] as? NSNumber else { return nil }
            out.append((low, usd.doubleValue))
        }
        return out
    }

    /// Compares every snapshot that falls on a column end with that column, per side.
    public static func compare(_ grid: HeatmapGrid, with snapshots: [Snapshot], top: Int = 3) -> [Comparison] {
        var out: [Comparison] = []
        for snapshot in snapshots {
            guard let c = grid.columns.firstIndex(where: { $0.end == snapshot.time }) else { continue }
            for side in [LiquidatedSide.long, .short] {
                let truth = rebucket(side == .long ? snapshot.long : snapshot.short, width: grid.bucket)
                guard let largest = truth.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { continue }
                let peaks = grid.topLevels(top, side: side, column: c).map(\.bucket)
                guard !peaks.isEmpty else { continue }
                let clusters = truth.filter { $0.value >= clusterShare * largest.value }.keys
                let distances = peaks.map { p in clusters.map { abs($0 - p) }.min()! }
                let estimated = (side == .long ? grid.columns[c].long : grid.columns[c].short).reduce(0) { $0 + $1.usd }
                out.append(Comparison(time: snapshot.time, side: side, peaks: peaks, distances: distances, largestTrue: largest.key,
                                      largestTrueDistance: peaks.map { abs($0 - largest.key) }.min()!,
                                      trueUSD: truth.values.reduce(0, +), estimatedUSD: estimated))
            }
        }
        return out
    }

    /// Truth buckets summed into grid buckets (by each truth bucket's lower bound).
    static func rebucket(_ levels: [(low: FixedDecimal, usd: Double)], width: FixedDecimal) -> [Int: Double] {
        var out: [Int: Double] = [:]
        for level in levels {
            let scale = max(level.low.scale, width.scale)
            let p = level.low.mantissa * pow10(scale - level.low.scale), w = width.mantissa * pow10(scale - width.scale)
            out[Int(p >= 0 ? p / w : -((-p + w - 1) / w)), default: 0] += level.usd
        }
        return out
    }

    private static func pow10(_ n: UInt8) -> Int64 { (0..<n).reduce(Int64(1)) { r, _ in r * 10 } }
}

/// A truth file that cannot be read or parsed.
public struct TruthFileError: Error, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String
    public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message); pass a file written by `liqsim synth --truth`" }
}
