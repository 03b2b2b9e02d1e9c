import LiqsimCore

extension HeatmapGrid {
    /// The strongest `n` levels of column `index` as a text table, with their distance from
    /// the column's last price.
    public func table(top n: Int, column index: Int) -> String {
        guard columns.indices.contains(index) else { return "no heatmap columns\n" }
        let column = columns[index]
        let close = column.price?.close
        var lines = ["\(symbol) estimated liquidation levels at \(column.end)" +
                     (close.map { " · last price \(HeatmapGrid.grouped($0, decimals: 2))" } ?? "") +
                     " · bucket \(bucket) USD"]
        let levels = topLevels(n, column: index)
        if levels.isEmpty { return lines.joined() + "\nno estimated levels (no open-interest increase seen)\n" }
        lines.append(pad("#", 3) + "  " + pad("side", 5, left: true) + "  " + pad("price range", 25, left: true) + "  " + pad("est. USD", 15) + "  " + pad("distance", 9))
        let width = bucket.doubleValue
        for (i, level) in levels.enumerated() {
            let low = level.low.doubleValue
            let range = HeatmapGrid.grouped(low, decimals: bucket.scale) + " – " + HeatmapGrid.grouped(low + width, decimals: bucket.scale)
            let distance = close.map { c -> String in
                let pct = ((low + width / 2) / c - 1) * 100
                return (pct >= 0 ? "+" : "") + HeatmapGrid.grouped(pct, decimals: 2) + "%"
            } ?? ""
            lines.append(pad("\(i + 1)", 3) + "  " + pad(level.side == .long ? "long" : "short", 5, left: true) + "  " + pad(range, 25, left: true) + "  " +
                         pad(HeatmapGrid.grouped(level.usd.rounded(), decimals: 0), 15) + "  " + pad(distance, 9))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let n = s.count
        guard n < width else { return s }
        let fill = String(repeating: " ", count: width - n)
        return left ? s + fill : fill + s
    }

    /// `1234567.891` → `1,234,567.89` (fixed decimals, thousands separators).
    static func grouped(_ value: Double, decimals: UInt8) -> String {
        let scale = FixedDecimal.powersOfTen[Int(decimals)]
        let units = Int64((abs(value) * scale).rounded())
        let whole = units / Int64(scale), frac = units % Int64(scale)
        var digits = String(whole)
        var groups: [String] = []
        while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits.removeLast(3) }
        groups.insert(digits, at: 0)
        var text = (value < 0 && units != 0 ? "-" : "") + groups.joined(separator: ",")
        if decimals > 0 {
            let f = String(frac)
            text += "." + String(repeating: "0", count: Int(decimals) - f.count) + f
        }
        return text
    }
}
