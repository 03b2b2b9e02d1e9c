import LiqsimCore
import LiqsimResultFiles

extension CompareTable {
    public func render(_ format: Format) -> String {
        switch format {
        case .table: return text(markdown: false)
        case .md: return text(markdown: true)
        case .csv:
            return ([columns] + rows).map(CSVFields.line).joined(separator: "\n") + "\n"
        case .json: return json()
        }
    }

    private func marked(_ r: Int, _ c: Int, markdown: Bool) -> String {
        let value = rows[r][c]
        guard best[c]?.contains(r) == true else { return value }
        return markdown ? "**\(value)**" : value + "*"
    }

    /// Aligned columns (numbers right-aligned), the best value of each metric marked.
    private func text(markdown: Bool) -> String {
        let cells = rows.indices.map { r in columns.indices.map { marked(r, $0, markdown: markdown) } }
        if markdown {
            let table = TextTable(header: columns, rows: cells).markdown(rule: "---:")
            return table.joined(separator: "\n") + "\n\n**bold**: best value in its column (\(rows.count) runs" + legendSuffix + "); " + sortLegend + "\n"
                + notes.map { "\n" + $0 + "\n" }.joined() + validationText(markdown: true)
        }
        let table = TextTable(header: columns, rows: cells, alignments: numericColumns.map { $0 ? .right : .left })
        return table.padded(rule: true).joined(separator: "\n") + "\n* best value in its column (\(rows.count) runs" + legendSuffix + "); " + sortLegend + "\n"
            + notes.map { $0 + "\n" }.joined() + validationText(markdown: false)
    }

    /// What the order of the rows means.
    private var sortLegend: String {
        "rows sorted by " + (sort == RunColumns.ranking ? RunColumns.rankingLabel : sort)
    }

    private var legendSuffix: String {
        let names = Set(sources.map(\.scenario)).sorted()
        return "; " + names.joined(separator: ", ") + " from \(sources.count) result director\(sources.count == 1 ? "y" : "ies")"
    }

    /// Metric columns, `run`, and parameters whose shown values are all numbers.
    private var numericColumns: [Bool] {
        columns.indices.map { c in
            metricNames.contains(columns[c]) || columns[c] == "run" || rows.allSatisfy { Double($0[c]) != nil && $0[c] != "inf" && $0[c] != "nan" }
        }
    }

    /// Rows as objects (numbers as JSON numbers; `inf` as the string "inf"), the best rows per
    /// metric as their positions in `rows` (rows carry scenario and run), and the notes.
    private func json() -> String {
        let numeric = numericColumns
        var out = "{\"columns\": [" + columns.map { JSONText.quote($0) }.joined(separator: ", ") + "],\n \"rows\": [\n"
        out += rows.map { row in
            "  {" + columns.indices.map { c in
                let v = row[c]
                let isNumber = numeric[c] && Double(v) != nil && v != "inf" && v != "-inf"
                return JSONText.quote(columns[c]) + ": " + (isNumber ? v : JSONText.quote(v))
            }.joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        out += "\n ],\n \"best_rows\": {" + best.keys.sorted().map { c in
            JSONText.quote(columns[c]) + ": [" + best[c]!.sorted().map(String.init).joined(separator: ", ") + "]"
        }.joined(separator: ", ") + "},\n \"sort\": " + JSONText.quote(sort)
            + ",\n \"notes\": [" + notes.map { JSONText.quote($0) }.joined(separator: ", ") + "],\n \"validation\": " + validationJSON() + "}\n"
        return out
    }
}
