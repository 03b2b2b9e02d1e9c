/// runs.csv: the header (`run`, the parameter names, the metric names from
/// `total_return_pct` on) and one `RunRow` per run, in run order.
public struct RunsTable: Sendable, Equatable {
    public var parameterNames: [String]
    public var metricNames: [String]
    public var rows: [RunRow]

    public init(parameterNames: [String], metricNames: [String] = RunColumns.metrics, rows: [RunRow]) {
        self.parameterNames = parameterNames; self.metricNames = metricNames; self.rows = rows
    }

    public var header: [String] { ["run"] + parameterNames + metricNames }

    /// A row's fields as runs.csv writes them.
    public func fields(_ row: RunRow) -> [String] {
        [String(row.run)] + row.parameters + zip(metricNames, row.metrics).map { RunColumns.text($0, $1) }
    }

    /// The text of runs.csv.
    public var csv: String {
        var out = CSVFields.line(header) + "\n"
        for r in rows { out += CSVFields.line(fields(r)) + "\n" }
        return out
    }

    /// The metric `name` of `row` (nil when the table has no such column).
    public func metric(_ name: String, of row: RunRow) -> Double? {
        metricNames.firstIndex(of: name).flatMap { $0 < row.metrics.count ? row.metrics[$0] : nil }
    }

    /// The best run by the ranking metric (ties: the lower run id).
    public var best: RunRow? { RunRow.best(rows, metricNames: metricNames) }

    /// Reads runs.csv text. Errors name the line and say what is wrong.
    public static func parse(_ text: String) throws -> RunsTable {
        let records: [[String]]
        do { records = try CSVFields.parse(text) } catch let error as CSVError { throw ResultFileError("runs.csv", error.description) }
        guard let header = records.first, header.first == "run", let first = header.firstIndex(of: RunColumns.metrics[0]) else {
            throw ResultFileError("runs.csv", "line 1: expected a header starting with 'run' and holding '\(RunColumns.metrics[0])'")
        }
        var table = RunsTable(parameterNames: Array(header[1..<first]), metricNames: Array(header[first...]), rows: [])
        for (i, fields) in records.dropFirst().enumerated() {
            guard fields.count == header.count else {
                throw ResultFileError("runs.csv", "line \(i + 2): \(fields.count) fields, the header has \(header.count)")
            }
            guard let run = Int(fields[0]) else { throw ResultFileError("runs.csv", "line \(i + 2): run '\(fields[0])' is not a whole number") }
            var metrics: [Double] = []
            for (name, text) in zip(table.metricNames, fields[first...]) {
                guard let v = ResultText.number(text) else { throw ResultFileError("runs.csv", "line \(i + 2): \(name) '\(text)' is not a number") }
                metrics.append(v)
            }
            table.rows.append(RunRow(run: run, parameters: Array(fields[1..<first]), metrics: metrics))
        }
        return table
    }
}
