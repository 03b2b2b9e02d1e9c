/// A table of text cells written as padded columns or a Markdown pipe table: the one
/// writer behind liqsim's terminal and Markdown tables. Widths count `Character`s.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    /// The column titles; empty for a table of rows only (no header line, no rule).
    public var header: [String]
    public var rows: [[String]]
    /// Per column; columns without one are left-aligned.
    public var alignments: [Alignment]

    public init(header: [String], rows: [[String]], alignments: [Alignment] = []) {
        self.header = header; self.rows = rows; self.alignments = alignments
    }

    /// Each column's width: its widest cell, header included.
    public var widths: [Int] {
        // A loop, not nested map/max: that one-liner took 1.7 s to type-check (issue 16).
        var widths: [Int] = []
        for line in [header] + rows {
            for (c, cell) in line.enumerated() {
                if c == widths.count { widths.append(0) }
                widths[c] = max(widths[c], cell.count)
            }
        }
        return widths
    }

    /// Padded columns joined by `gap`: the header, a rule of dashes under it when `rule`,
    /// then the rows. `trimTrailing` drops the spaces that pad a line's last cells.
    /// `widths` fixes the columns' widths instead of fitting the widest cell (a report
    /// whose layout is part of its format): a longer cell then pushes the rest of its line
    /// right, and columns past the list are not padded.
    public func padded(gap: String = "  ", rule: Bool = false, trimTrailing: Bool = false, widths fixed: [Int]? = nil) -> [String] {
        let widths = fixed ?? self.widths
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { c, cell in
                Self.pad(cell, to: c < widths.count ? widths[c] : 0, alignment(c))
            }.joined(separator: gap)
            guard trimTrailing else { return text }
            return String(text[..<(text.lastIndex { $0 != " " }.map(text.index(after:)) ?? text.startIndex)])
        }
        guard !header.isEmpty else { return rows.map(line) }
        var out = [line(header)]
        if rule { out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: gap)) }
        return out + rows.map(line)
    }

    /// A Markdown pipe table. `rule` is each column's cell under the header: `---` plain,
    /// `---:` right-aligned. Cells are escaped (`markdownCell`), so data cannot add columns.
    public func markdown(rule: String = "---") -> [String] {
        func line(_ cells: [String]) -> String { "| " + cells.map(Self.markdownCell).joined(separator: " | ") + " |" }
        return [line(header), "|" + header.map { _ in rule + "|" }.joined()] + rows.map(line)
    }

    /// A cell as Markdown table text: `|` and `\` escaped with a backslash, line breaks as spaces.
    public static func markdownCell(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "|" || $0 == "\\" || $0.isNewline }) else { return cell }
        var out = ""
        for c in cell {
            if c == "|" || c == "\\" { out.append("\\") }
            out.append(c.isNewline ? " " : c)
        }
        return out
    }

    /// `cell` filled with spaces to `width` on the side `alignment` leaves open; a wider
    /// cell is never cut.
    public static func pad(_ cell: String, to width: Int, _ alignment: Alignment = .left) -> String {
        alignment == .right ? fill(cell, to: width) + cell : cell + fill(cell, to: width)
    }

    /// The spaces `pad` adds: for writers that style a cell apart from its padding (the
    /// dashboard's colored cells).
    public static func fill(_ cell: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - cell.count))
    }

    private func alignment(_ column: Int) -> Alignment { column < alignments.count ? alignments[column] : .left }
}
