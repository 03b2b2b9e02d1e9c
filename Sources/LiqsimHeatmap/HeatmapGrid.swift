import LiqsimCore

/// The time × price density of estimated liquidation levels of one symbol, long and short
/// separately: what `liqsim heatmap` prints and draws, and what a report panel embeds.
public struct HeatmapGrid: Sendable, Equatable {
    public var symbol: Symbol
    /// Price bucket width (USD); bucket `i` covers [i × bucket, (i + 1) × bucket).
    public var bucket: FixedDecimal
    /// Column width in nanoseconds.
    public var interval: Int64
    /// Time order; a column holds the levels standing at its end.
    public var columns: [HeatmapColumn]

    public init(symbol: Symbol, bucket: FixedDecimal, interval: Int64, columns: [HeatmapColumn]) {
        self.symbol = symbol; self.bucket = bucket; self.interval = interval; self.columns = columns
    }

    /// Lower bound of bucket `i`, exact.
    public func price(ofBucket i: Int) -> FixedDecimal {
        FixedDecimal(mantissa: Int64(i) * bucket.mantissa, scale: bucket.scale)
    }

    /// Lowest and highest bucket holding any level in any column (nil when there is none).
    public var bucketRange: ClosedRange<Int>? {
        var low = Int.max, high = Int.min
        for c in columns {
            for side in [c.long, c.short] {
                if let f = side.first { low = min(low, f.bucket) }
                if let l = side.last { high = max(high, l.bucket) }
            }
        }
        return low <= high ? low...high : nil
    }

    /// The last column whose end is at or before `time` (the last column when `time` is nil).
    public func columnIndex(at time: UnixNanos?) -> Int? {
        guard let time else { return columns.indices.last }
        return columns.lastIndex { $0.end <= time }
    }

    /// The same grid with buckets `k` times wider (levels summed): what a picture with
    /// fewer pixel rows than buckets draws.
    public func coarsened(by k: Int) -> HeatmapGrid {
        guard k > 1 else { return self }
        func merge(_ levels: [HeatmapColumn.Level]) -> [HeatmapColumn.Level] {
            var out: [HeatmapColumn.Level] = []
            for level in levels {
                let b = level.bucket >= 0 ? level.bucket / k : -((-level.bucket + k - 1) / k)
                if out.last?.bucket == b { out[out.count - 1].usd += level.usd } else { out.append(.init(bucket: b, usd: level.usd)) }
            }
            return out
        }
        let wider = FixedDecimal(mantissa: bucket.mantissa * Int64(k), scale: bucket.scale)
        return HeatmapGrid(symbol: symbol, bucket: wider, interval: interval,
                           columns: columns.map { HeatmapColumn(start: $0.start, end: $0.end, price: $0.price, long: merge($0.long), short: merge($0.short)) })
    }
}
