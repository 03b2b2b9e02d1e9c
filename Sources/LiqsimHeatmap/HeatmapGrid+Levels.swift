import LiqsimCore

/// One of the strongest estimated liquidation levels at a time.
public struct HeatmapLevel: Sendable, Equatable {
    public var side: LiquidatedSide
    /// Price bucket index; the level's prices are [low, low + bucket).
    public var bucket: Int
    public var low: FixedDecimal
    public var usd: Double
}

extension HeatmapGrid {
    /// The `n` strongest peaks of column `index`, both sides together, by USD (ties: lower
    /// price first). A peak is a bucket holding more than the bucket below it and at least as
    /// much as the bucket above (a missing bucket holds 0), so one cluster spread over
    /// neighbouring buckets counts once.
    public func topLevels(_ n: Int, column index: Int) -> [HeatmapLevel] {
        guard columns.indices.contains(index), n > 0 else { return [] }
        let column = columns[index]
        var peaks: [HeatmapLevel] = []
        for (side, levels) in [(LiquidatedSide.long, column.long), (.short, column.short)] {
            for i in HeatmapGrid.peakIndices(levels) {
                peaks.append(HeatmapLevel(side: side, bucket: levels[i].bucket, low: price(ofBucket: levels[i].bucket), usd: levels[i].usd))
            }
        }
        peaks.sort { $0.usd != $1.usd ? $0.usd > $1.usd : $0.bucket < $1.bucket }
        return Array(peaks.prefix(n))
    }

    /// The `n` strongest peaks of one side of column `index`.
    public func topLevels(_ n: Int, side: LiquidatedSide, column index: Int) -> [HeatmapLevel] {
        guard columns.indices.contains(index) else { return [] }
        let levels = side == .long ? columns[index].long : columns[index].short
        var peaks = HeatmapGrid.peakIndices(levels).map {
            HeatmapLevel(side: side, bucket: levels[$0].bucket, low: price(ofBucket: levels[$0].bucket), usd: levels[$0].usd)
        }
        peaks.sort { $0.usd != $1.usd ? $0.usd > $1.usd : $0.bucket < $1.bucket }
        return Array(peaks.prefix(n))
    }

    /// Indices of the local maxima of sparse ascending buckets (absent buckets hold 0).
    static func peakIndices(_ levels: [HeatmapColumn.Level]) -> [Int] {
        levels.indices.filter { i in
            let below = i > 0 && levels[i - 1].bucket == levels[i].bucket - 1 ? levels[i - 1].usd : 0
            let above = i + 1 < levels.count && levels[i + 1].bucket == levels[i].bucket + 1 ? levels[i + 1].usd : 0
            return levels[i].usd > below && levels[i].usd >= above
        }
    }
}
