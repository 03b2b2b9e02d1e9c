import LiqsimCore

extension HeatmapGrid {
    /// The strongest `n` levels of column `index` as a text table, with their distance from
    /// the column's last price.
    public func table(top n: Int, column index: Int) -> String {
        guard columns.indices.contains(index) else { return "no heatmap columns\n" }
        let column = columns[index]
        let close = column.price?.close
        let title = "\(symbol) estimated liquidation levels at \(column.end)" +
            (close.map { " · last price \(Self.grouped($0, decimals: 2))" } ?? "") + " · bucket \(bucket) USD"
        let levels = topLevels(n, column: index)
        if levels.isEmpty { return title + "\nno estimated levels (no open-interest increase seen)\n" }
        let width = bucket.doubleValue
        let rows = levels.enumerated().map { i, level -> [String] in
            let low = level.low.doubleValue
            let range = Self.grouped(low, decimals: bucket.scale) + " – " + Self.grouped(low + width, decimals: bucket.scale)
            let distance = close.map { c -> String in
                let pct = ((low + width / 2) / c - 1) * 100
                return (pct >= 0 ? "+" : "") + Self.grouped(pct, decimals: 2) + "%"
            } ?? ""
            return ["\(i + 1)", level.side == .long ? "long" : "short", range, Self.grouped(level.usd.rounded(), decimals: 0), distance]
        }
        // Fixed widths: the layout is this report's format, whatever the numbers' lengths.
        let table = TextTable(header: ["#", "side", "price range", "est. USD", "distance"], rows: rows,
                              alignments: [.right, .left, .left, .right, .right])
        return ([title] + table.padded(widths: [3, 5, 25, 15, 9])).joined(separator: "\n") + "\n"
    }

    /// Grouped fixed decimals (`NumberText.grouped`); `-` for NaN and infinities.
    static func grouped(_ value: Double, decimals: UInt8) -> String {
        NumberText.grouped(value, decimals: Int(decimals)) ?? "-"
    }
}
