/// A table of text cells written as padded columns, a Markdown pipe table or CSV: the one
/// writer behind liqsim's terminal and Markdown tables. Widths count `Character`s.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var header: [String]
    public var rows: [[String]]
    /// Per column; columns without one are left-aligned.
    public var alignments: [Alignment]

    public init(header: [String], rows: [[String]], alignments: [Alignment] = []) {
        self.header = header; self.rows = rows; self.alignments = alignments
    }

    /// Padded columns joined by `gap`: the header, a rule of dashes under it when `rule`,
    /// then the rows. `trimTrailing` drops the spaces that pad a line's last cells.
    public func padded(gap: String = "  ", rule: Bool = false, trimTrailing: Bool = false) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: max(0, widths[c] - cell.count))
                return alignment(c) == .right ? pad + cell : cell + pad
            }.joined(separator: gap)
            guard trimTrailing else { return text }
            return String(text[..<(text.lastIndex { $0 != " " }.map(text.index(after:)) ?? text.startIndex)])
        }
        var out = [line(header)]
        if rule { out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: gap)) }
        return out + rows.map(line)
    }

    /// A Markdown pipe table. `rule` is each column's cell under the header: `---` plain,
    /// `---:` right-aligned.
    public func markdown(rule: String = "---") -> [String] {
        ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in rule + "|" }.joined()]
            + rows.map { "| " + $0.joined(separator: " | ") + " |" }
    }

    private func alignment(_ column: Int) -> Alignment { column < alignments.count ? alignments[column] : .left }
}
