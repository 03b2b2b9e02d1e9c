import LiqsimCore

extension HeatmapSVG {
    /// Price labels on the left and UTC time labels below, with faint grid lines.
    static func axes(_ grid: HeatmapGrid, _ layout: Layout) -> String {
        let width = grid.bucket.doubleValue
        let plot = layout.plot
        var out = "<g fill=\"\(ink)\" font-size=\"11\">\n"
        // Price: a 1-2-5 step giving about 8 labels.
        let low = Double(layout.rows.lowerBound) * width, high = Double(layout.rows.upperBound + 1) * width
        let step = niceStep((high - low) / 8)
        var p = (low / step).rounded(.up) * step
        while p <= high {
            let y = layout.y(price: p / width)
            out += "<line x1=\"\(fmt(plot.x))\" y1=\"\(fmt(y))\" x2=\"\(fmt(plot.x + plot.width))\" y2=\"\(fmt(y))\" stroke=\"\(gridInk)\" stroke-width=\"0.5\"/>"
            out += "<text x=\"\(fmt(plot.x - 6))\" y=\"\(fmt(y + 4))\" text-anchor=\"end\">\(priceLabel(p, step: step))</text>\n"
            p += step
        }
        // Time: a round step giving at most about 8 labels, at multiples of the step since midnight UTC.
        guard let first = grid.columns.first?.start.rawValue, let last = grid.columns.last?.end.rawValue else { return out + "</g>\n" }
        let span = last - first
        let candidates: [Int64] = [60, 300, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800].map { $0 * 1_000_000_000 }
        let tick = candidates.first(where: { span / $0 <= 8 }) ?? candidates[candidates.count - 1]
        var t = (first + tick - 1) / tick * tick
        while t <= last {
            let x = plot.x + Double(t - first) / Double(span) * plot.width
            out += "<line x1=\"\(fmt(x))\" y1=\"\(fmt(plot.y))\" x2=\"\(fmt(x))\" y2=\"\(fmt(plot.y + plot.height))\" stroke=\"\(gridInk)\" stroke-width=\"0.5\"/>"
            // Labels at the plot's edges are anchored inside it so they are not clipped.
            let anchor = x > plot.x + plot.width - 40 ? "end" : x < plot.x + 40 ? "start" : "middle"
            out += "<text x=\"\(fmt(x))\" y=\"\(fmt(plot.y + plot.height + 16))\" text-anchor=\"\(anchor)\">\(timeLabel(t, withDate: tick >= 86_400_000_000_000 || t % 86_400_000_000_000 == 0))</text>\n"
            t += tick
        }
        return out + "</g>\n"
    }

    /// The 1-2-5 value at or above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for m in [1.0, 2.0, 5.0, 10.0] where m * magnitude >= raw { return m * magnitude }
        return 10 * magnitude
    }

    /// Grouped thousands, and as many decimals as the step needs.
    static func priceLabel(_ p: Double, step: Double) -> String {
        var decimals: UInt8 = 0
        var s = step
        while s < 1 && decimals < 8 { s *= 10; decimals += 1 }
        return HeatmapGrid.grouped(p, decimals: decimals)
    }

    /// `14:00`, or `01-02 00:00` at midnight and for multi-day steps.
    static func timeLabel(_ t: Int64, withDate: Bool) -> String {
        let d = UTCDateTime(UnixNanos(t))
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let time = two(d.hour) + ":" + two(d.minute)
        return withDate ? two(d.month) + "-" + two(d.day) + " " + time : time
    }

    /// `5m`, `1h`, `90s`.
    static func durationLabel(_ ns: Int64) -> String {
        let s = ns / 1_000_000_000
        if s % 86_400 == 0 { return "\(s / 86_400)d" }
        if s % 3_600 == 0 { return "\(s / 3_600)h" }
        if s % 60 == 0 { return "\(s / 60)m" }
        return "\(s)s"
    }
}
