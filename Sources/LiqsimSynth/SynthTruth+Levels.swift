import LiqsimCore

/// Where the open positions' liquidation prices are: the ground truth the liquidation-level
/// heatmap (`liqsim heatmap`, docs/heatmap.md) is checked against. Snapshots only read
/// the position book, so they never change the capture or any random draw.
struct LiquidationLevelSnapshot {
    var ts: Int64
    var symbol: Symbol
    var mid: FixedDecimal
    /// Width of a price bucket: `levelBucketTicks` price ticks.
    var bucket: FixedDecimal
    /// Bucket index (lower bound = index × bucket) → USD at the liquidation price, by side, ascending.
    var long: [(bucket: Int64, usd: Double)]
    var short: [(bucket: Int64, usd: Double)]
}

extension SynthTruth {
    /// Snapshot cadence in simulation time: on every whole hour after the start, and at the end.
    static let levelEvery: Int64 = 3_600_000_000_000
    /// Snapshot buckets are this many price ticks wide (BTC tick 0.1 → $10), fine enough
    /// to re-aggregate to any coarser multiple.
    static let levelBucketTicks: Int64 = 100

    /// Buckets every open position's liquidation price: USD = base quantity × liquidation price.
    mutating func snapshotLevels(_ m: SymbolMarket, at ts: Int64) {
        let bucket = FixedDecimal(mantissa: m.tick.mantissa * Self.levelBucketTicks, scale: m.tick.scale)
        let width = bucket.doubleValue
        var long: [Int64: Double] = [:], short: [Int64: Double] = [:]
        for p in m.book.positions where p.alive {
            let usd = m.quantity(p.lots, exchange: p.exchange).doubleValue * p.liquidationPrice
            let index = Int64((p.liquidationPrice / width).rounded(.down))
            if p.long { long[index, default: 0] += usd } else { short[index, default: 0] += usd }
        }
        func sorted(_ d: [Int64: Double]) -> [(bucket: Int64, usd: Double)] { d.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
        levelSnapshots.append(LiquidationLevelSnapshot(ts: ts, symbol: m.symbol, mid: SymbolMarket.quantize(m.mid, m.tick), bucket: bucket,
                                                       long: sorted(long), short: sorted(short)))
    }

    /// `liquidation_levels` lines: `long`/`short` are `[bucket lower bound, USD]` pairs, ascending.
    func writeLevels(into out: OutputBuffer) {
        for s in levelSnapshots {
            out.append("{\"type\":\"liquidation_levels\",\"ts_ns\":"); out.append(int: s.ts)
            out.append(",\"symbol\":\""); out.append(s.symbol)
            out.append("\",\"mid\":\""); out.append(s.mid)
            out.append("\",\"bucket\":\""); out.append(s.bucket)
            out.append("\",\"long\":"); appendLevels(s.long, bucket: s.bucket, into: out)
            out.append(",\"short\":"); appendLevels(s.short, bucket: s.bucket, into: out)
            out.append("}\n")
        }
    }

    private func appendLevels(_ levels: [(bucket: Int64, usd: Double)], bucket: FixedDecimal, into out: OutputBuffer) {
        out.append("[")
        for (i, level) in levels.enumerated() {
            if i > 0 { out.append(",") }
            out.append("[\""); out.append(FixedDecimal(mantissa: level.bucket * bucket.mantissa, scale: bucket.scale))
            out.append("\","); out.append(cents: Int64((level.usd * 100).rounded())); out.append("]")
        }
        out.append("]")
    }
}
