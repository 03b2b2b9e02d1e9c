import LiqsimCore

/// Draws a heatmap grid as a standalone SVG picture (Coinglass-style): time on x, price on y,
/// long levels in red and short levels in green with opacity rising with USD, the traded
/// close as a white line. The string has no external references, so an HTML report can
/// inline it as a panel.
public enum HeatmapSVG {
    /// Opacity steps of the cell colors: equal-step runs along time merge into one rectangle.
    static let steps = 12
    static let longColor = "#ff3b5c", shortColor = "#2ee59d", background = "#0e1117", ink = "#c9d1d9", gridInk = "#30363d"
    static let margin = (left: 78.0, right: 16.0, top: 40.0, bottom: 34.0)

    /// The whole picture, `width` × `height` pixels.
    public static func render(_ fine: HeatmapGrid, width: Int = 1200, height: Int = 700) -> String {
        let w = Double(max(width, 300)), h = Double(max(height, 200))
        let plot = Plot(x: margin.left, y: margin.top, width: w - margin.left - margin.right, height: h - margin.top - margin.bottom)
        // At most one bucket per pixel row: finer buckets are summed (the title names the drawn bucket).
        var grid = fine
        if let rows = visibleRows(fine), Double(rows.count) > plot.height {
            // A 1-2-5 factor keeps the drawn bucket a round width (5 → 100, not 85).
            grid = fine.coarsened(by: Int(niceStep(Double(rows.count) / plot.height)))
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" "
            + "font-family=\"-apple-system,Segoe UI,Helvetica,Arial,sans-serif\" font-size=\"12\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"\(background)\"/>\n"
        let title = "\(grid.symbol) estimated liquidation levels · bucket \(grid.bucket) USD · \(durationLabel(grid.interval)) columns"
        svg += "<text x=\"\(margin.left)\" y=\"22\" fill=\"\(ink)\" font-size=\"14\" font-weight=\"600\">\(escaped(title))</text>\n"
        svg += legend(x: w - margin.right)
        guard let rows = visibleRows(grid), !grid.columns.isEmpty else {
            svg += "<text x=\"\(fmt(plot.x + plot.width / 2))\" y=\"\(fmt(plot.y + plot.height / 2))\" fill=\"\(ink)\" text-anchor=\"middle\">no estimated levels</text>\n</svg>\n"
            return svg
        }
        let layout = Layout(grid: grid, rows: rows, plot: plot)
        svg += axes(grid, layout)
        svg += "<g shape-rendering=\"crispEdges\">\n"
        svg += cells(grid, layout, side: .long)
        svg += cells(grid, layout, side: .short)
        svg += "</g>\n"
        svg += priceLine(grid, layout)
        svg += "<rect x=\"\(fmt(plot.x))\" y=\"\(fmt(plot.y))\" width=\"\(fmt(plot.width))\" height=\"\(fmt(plot.height))\" fill=\"none\" stroke=\"\(gridInk)\"/>\n"
        svg += "</svg>\n"
        return svg
    }

    /// The plot area in pixels.
    struct Plot { var x, y, width, height: Double }

    /// Maps columns and price buckets to pixels.
    struct Layout {
        let rows: ClosedRange<Int>
        let plot: Plot
        let columnWidth: Double, rowHeight: Double
        /// The largest cell of either side: the top opacity step.
        let maxUSD: Double

        init(grid: HeatmapGrid, rows: ClosedRange<Int>, plot: Plot) {
            self.rows = rows
            self.plot = plot
            columnWidth = plot.width / Double(grid.columns.count)
            rowHeight = plot.height / Double(rows.count)
            maxUSD = HeatmapSVG.largestCell(grid) ?? 1
        }

        func x(column: Int) -> Double { plot.x + Double(column) * columnWidth }
        /// Top edge of bucket `b` (higher prices are higher up).
        func y(bucket b: Int) -> Double { plot.y + Double(rows.upperBound - b) * rowHeight }
        /// The y of a price given in buckets (fractional).
        func y(price buckets: Double) -> Double { plot.y + (Double(rows.upperBound + 1) - buckets) * rowHeight }

        /// 0 (not drawn) … `steps`: the square root lifts mid-sized levels into view.
        func step(_ usd: Double) -> Int { Int(((usd / maxUSD).squareRoot() * Double(HeatmapSVG.steps)).rounded()) }
    }

    /// Buckets worth showing: every bucket holding at least 1% of the largest cell, and the
    /// price line, with two buckets of room.
    static func visibleRows(_ grid: HeatmapGrid) -> ClosedRange<Int>? {
        let maxUSD = largestCell(grid) ?? 0
        guard maxUSD > 0 else { return nil }
        var low = Int.max, high = Int.min
        for column in grid.columns {
            for side in [column.long, column.short] {
                for level in side where level.usd >= maxUSD * 0.01 {
                    low = min(low, level.bucket); high = max(high, level.bucket)
                }
            }
        }
        let width = grid.bucket.doubleValue
        for column in grid.columns {
            guard let p = column.price else { continue }
            low = min(low, Int((p.low / width).rounded(.down))); high = max(high, Int((p.high / width).rounded(.down)))
        }
        return (low - 2)...(high + 2)
    }

    /// The largest cell's USD (long then short levels of each column in order, as `max()`
    /// compares), read in place: a month's grid is tens of millions of levels, never copied.
    static func largestCell(_ grid: HeatmapGrid) -> Double? {
        var largest: Double?
        for column in grid.columns {
            for side in [column.long, column.short] {
                for level in side {
                    if let l = largest { if l < level.usd { largest = level.usd } } else { largest = level.usd }
                }
            }
        }
        return largest
    }

    /// One side's cells, merged along time into runs of equal opacity step.
    static func cells(_ grid: HeatmapGrid, _ layout: Layout, side: LiquidatedSide) -> String {
        let rowCount = layout.rows.count
        var steps = [[UInt8]](repeating: [UInt8](repeating: 0, count: grid.columns.count), count: rowCount)
        for (c, column) in grid.columns.enumerated() {
            for level in side == .long ? column.long : column.short where layout.rows.contains(level.bucket) {
                steps[level.bucket - layout.rows.lowerBound][c] = UInt8(min(layout.step(level.usd), HeatmapSVG.steps))
            }
        }
        let color = side == .long ? longColor : shortColor
        var out = "<g fill=\"\(color)\">\n"
        for r in 0..<rowCount {
            let bucket = layout.rows.lowerBound + r
            var c = 0
            while c < grid.columns.count {
                let s = steps[r][c]
                var end = c + 1
                while end < grid.columns.count && steps[r][end] == s { end += 1 }
                if s > 0 {
                    out += "<rect x=\"\(fmt(layout.x(column: c)))\" y=\"\(fmt(layout.y(bucket: bucket)))\" width=\"\(fmt(Double(end - c) * layout.columnWidth))\" "
                        + "height=\"\(fmt(layout.rowHeight))\" fill-opacity=\"\(fmt(Double(s) / Double(HeatmapSVG.steps), decimals: 3))\"/>\n"
                }
                c = end
            }
        }
        return out + "</g>\n"
    }

    /// The close of every column that has a price, at the column's right edge.
    static func priceLine(_ grid: HeatmapGrid, _ layout: Layout) -> String {
        let width = grid.bucket.doubleValue
        var points: [String] = []
        for (c, column) in grid.columns.enumerated() {
            guard let p = column.price else { continue }
            points.append(fmt(layout.x(column: c + 1)) + "," + fmt(layout.y(price: p.close / width)))
        }
        guard !points.isEmpty else { return "" }
        return "<polyline fill=\"none\" stroke=\"#ffffff\" stroke-width=\"1.5\" stroke-linejoin=\"round\" points=\"\(points.joined(separator: " "))\"/>\n"
    }

    static func legend(x right: Double) -> String {
        var out = "<g font-size=\"12\" fill=\"\(ink)\">\n"
        var x = right - 330
        for (label, color) in [("long levels", longColor), ("short levels", shortColor)] {
            out += "<rect x=\"\(fmt(x))\" y=\"12\" width=\"14\" height=\"12\" fill=\"\(color)\"/><text x=\"\(fmt(x + 19))\" y=\"22\">\(label)</text>\n"
            x += 110
        }
        out += "<line x1=\"\(fmt(x))\" y1=\"18\" x2=\"\(fmt(x + 18))\" y2=\"18\" stroke=\"#ffffff\" stroke-width=\"1.5\"/><text x=\"\(fmt(x + 23))\" y=\"22\">price</text>\n"
        return out + "</g>\n"
    }

    /// `&`, `<`, `>` and quotes escaped for text and attribute values.
    static func escaped(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Fixed decimals without Foundation formatting: the same bytes on every platform.
    static func fmt(_ v: Double, decimals: Int = 1) -> String {
        let scale = decimals == 3 ? 1000.0 : 10.0
        let units = Int64((v * scale).rounded())
        let sign = units < 0 ? "-" : ""
        let a = abs(units), whole = a / Int64(scale), frac = String(a % Int64(scale))
        return sign + String(whole) + "." + String(repeating: "0", count: (decimals == 3 ? 3 : 1) - frac.count) + frac
    }
}
