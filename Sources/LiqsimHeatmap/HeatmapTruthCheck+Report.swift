import LiqsimCore

extension HeatmapTruthCheck {
    /// Counts over a comparison: how many of the heatmap's peaks sit within one bucket of a true cluster.
    public struct Score: Sendable, Equatable {
        /// Strongest peak per side and snapshot within one bucket of a true cluster.
        public var strongest = 0
        /// Any of the top peaks within one bucket of a true cluster.
        public var top = 0, topCount = 0
        /// The largest true bucket within one bucket of one of the top peaks.
        public var largest = 0
        public var comparisons = 0

        public init(_ comparisons: [Comparison]) {
            self.comparisons = comparisons.count
            for c in comparisons {
                if c.distances[0] <= 1 { strongest += 1 }
                top += c.distances.filter { $0 <= 1 }.count
                topCount += c.distances.count
                if c.largestTrueDistance <= 1 { largest += 1 }
            }
        }
    }

    /// A text report: the score, then one line per snapshot and side.
    public static func report(_ comparisons: [Comparison], grid: HeatmapGrid) -> String {
        let s = Score(comparisons)
        var lines = ["vs ground truth: \(s.comparisons) snapshot sides, bucket \(grid.bucket) USD, a true cluster holds ≥ \(Int(clusterShare * 100))% of the side's largest true bucket",
                     "  strongest level within 1 bucket of a true cluster: \(s.strongest)/\(s.comparisons)",
                     "  top levels within 1 bucket of a true cluster:      \(s.top)/\(s.topCount)",
                     "  largest true bucket within 1 bucket of a top level: \(s.largest)/\(s.comparisons)",
                     "  time (UTC)               side   top levels (buckets to nearest true cluster)        largest true   est./true USD"]
        // Fixed widths: the peaks and the largest true bucket padded, the time and the ratio as they are.
        let rows = comparisons.map { c -> [String] in
            let peaks = zip(c.peaks, c.distances).map { "\(grid.price(ofBucket: $0)) (\($1))" }.joined(separator: ", ")
            let ratio = c.trueUSD > 0 ? HeatmapGrid.grouped(c.estimatedUSD / c.trueUSD, decimals: 2) : "-"
            return [c.time.description, c.side == .long ? "long" : "short", peaks, grid.price(ofBucket: c.largestTrue).description, ratio]
        }
        lines += TextTable(header: [], rows: rows).padded(widths: [0, 5, 52, 13, 0]).map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }
}
