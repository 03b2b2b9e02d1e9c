import LiqsimCore

extension HeatmapGrid {
    /// Whole dollars: estimates carry no cents worth printing, and integers print identically everywhere.
    static func dollars(_ usd: Double) -> Int64 { Int64(usd.rounded()) }

    /// `time,price,long_usd,short_usd`: one row per column and bucket holding any level; time
    /// is the column's end (the levels standing then), price the bucket's lower bound.
    public func csv() -> String {
        let out = OutputBuffer(capacity: 1 << 16)
        out.append("time,price,long_usd,short_usd\n")
        for column in columns {
            var l = 0, s = 0
            while l < column.long.count || s < column.short.count {
                let lb = l < column.long.count ? column.long[l].bucket : Int.max
                let sb = s < column.short.count ? column.short[s].bucket : Int.max
                let b = min(lb, sb)
                out.append(string: column.end.description); out.append(",")
                out.append(price(ofBucket: b)); out.append(",")
                out.append(int: lb == b ? HeatmapGrid.dollars(column.long[l].usd) : 0); out.append(",")
                out.append(int: sb == b ? HeatmapGrid.dollars(column.short[s].usd) : 0); out.append("\n")
                if lb == b { l += 1 }
                if sb == b { s += 1 }
            }
        }
        return out.string
    }

    /// The whole grid as one JSON object: per column its end time, price bar and sparse
    /// `[bucket lower bound, USD]` pairs per side, then the strongest `top` levels at the end.
    public func json(top: Int) -> String {
        let out = OutputBuffer(capacity: 1 << 16)
        out.append("{\"symbol\":\""); out.append(symbol)
        out.append("\",\"bucket\":\""); out.append(bucket)
        out.append("\",\"interval_s\":"); out.append(int: interval / 1_000_000_000)
        out.append(",\"columns\":[")
        for (i, column) in columns.enumerated() {
            if i > 0 { out.append(",") }
            out.append("\n{\"end\":\""); out.append(string: column.end.description); out.append("\",\"price\":")
            if let p = column.price {
                out.append(string: "{\"open\":\(p.open),\"high\":\(p.high),\"low\":\(p.low),\"close\":\(p.close)}")
            } else {
                out.append("null")
            }
            out.append(",\"long\":"); appendLevels(column.long, to: out)
            out.append(",\"short\":"); appendLevels(column.short, to: out)
            out.append("}")
        }
        out.append("],\n\"top\":[")
        for (i, level) in topLevels(top, column: columns.count - 1).enumerated() {
            if i > 0 { out.append(",") }
            out.append("{\"side\":\""); out.append(level.side.jsonValue)
            out.append("\",\"price\":\""); out.append(level.low)
            out.append("\",\"usd\":"); out.append(int: HeatmapGrid.dollars(level.usd)); out.append("}")
        }
        out.append("]}\n")
        return out.string
    }

    private func appendLevels(_ levels: [HeatmapColumn.Level], to out: OutputBuffer) {
        out.append("[")
        for (i, level) in levels.enumerated() {
            if i > 0 { out.append(",") }
            out.append("[\""); out.append(price(ofBucket: level.bucket)); out.append("\",")
            out.append(int: HeatmapGrid.dollars(level.usd)); out.append("]")
        }
        out.append("]")
    }
}
