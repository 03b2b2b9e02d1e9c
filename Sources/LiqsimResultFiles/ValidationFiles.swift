/// One walk-forward fold: a row of folds.csv (docs/metrics.md, "Out of sample"). Windows
/// hold the bars closing after `from` up to `to`; `run` is the grid point the train window
/// chose by `chosen_by`; metrics in sample (`is_`) and out of sample (`oos_`).
public struct FoldRow: Sendable, Equatable {
    public var fold: Int
    public var trainFrom: String, trainTo: String, testFrom: String, testTo: String
    public var run: Int
    public var chosenBy: String
    /// In `FoldRow.metrics` order.
    public var inSample: [Double], outOfSample: [Double]

    public init(fold: Int, trainFrom: String, trainTo: String, testFrom: String, testTo: String, run: Int, chosenBy: String,
                inSample: [Double], outOfSample: [Double]) {
        self.fold = fold; self.trainFrom = trainFrom; self.trainTo = trainTo; self.testFrom = testFrom; self.testTo = testTo
        self.run = run; self.chosenBy = chosenBy; self.inSample = inSample; self.outOfSample = outOfSample
    }

    /// The metrics shown in and out of sample, side by side.
    public static let metrics = ["total_return_pct", "sharpe", "max_drawdown_pct", "psr", "trades", "liquidations"]

    public static let header = ["fold", "train_from", "train_to", "test_from", "test_to", "run", "chosen_by"]
        + metrics.flatMap { ["is_" + $0, "oos_" + $0] }

    public var fields: [String] {
        [String(fold), trainFrom, trainTo, testFrom, testTo, String(run), chosenBy]
            + zip(inSample, outOfSample).enumerated().flatMap { k, v in [RunColumns.text(Self.metrics[k], v.0), RunColumns.text(Self.metrics[k], v.1)] }
    }

    public static func csv(_ rows: [FoldRow]) -> String {
        ([header] + rows.map(\.fields)).map(CSVFields.line).joined(separator: "\n") + "\n"
    }

    /// Reads folds.csv text; errors name the line.
    public static func parse(_ text: String) throws -> [FoldRow] {
        let records: [[String]]
        do { records = try CSVFields.parse(text) } catch let error as CSVError { throw ResultFileError("folds.csv", error.description) }
        guard records.first == header else { throw ResultFileError("folds.csv", "line 1: expected the header " + header.joined(separator: ",")) }
        return try records.dropFirst().enumerated().map { i, f in
            guard f.count == header.count, let fold = Int(f[0]), let run = Int(f[5]) else {
                throw ResultFileError("folds.csv", "line \(i + 2): expected \(header.count) fields with whole fold and run numbers")
            }
            var values: [Double] = []
            for (k, text) in f[7...].enumerated() {
                guard let v = ResultText.number(text) else { throw ResultFileError("folds.csv", "line \(i + 2): \(header[7 + k]) '\(text)' is not a number") }
                values.append(v)
            }
            return FoldRow(fold: fold, trainFrom: f[1], trainTo: f[2], testFrom: f[3], testTo: f[4], run: run, chosenBy: f[6],
                           inSample: stride(from: 0, to: values.count, by: 2).map { values[$0] },
                           outOfSample: stride(from: 1, to: values.count, by: 2).map { values[$0] })
        }
    }
}

/// validation.csv: what the scenario's out-of-sample evaluation found, as `key,value` rows
/// (docs/metrics.md, "Out of sample"): the walk-forward settings and the stitched
/// out-of-sample metrics (`oos_*`), and the probability of backtest overfitting (`pbo*`).
public struct ValidationSummary: Sendable, Equatable {
    public var pairs: [(key: String, value: String)]

    public init(pairs: [(key: String, value: String)]) { self.pairs = pairs }

    public static func == (a: ValidationSummary, b: ValidationSummary) -> Bool {
        a.pairs.map(\.key) == b.pairs.map(\.key) && a.pairs.map(\.value) == b.pairs.map(\.value)
    }

    public subscript(_ key: String) -> String? { pairs.first { $0.key == key }?.value }

    public var csv: String { ([["key", "value"]] + pairs.map { [$0.key, $0.value] }).map(CSVFields.line).joined(separator: "\n") + "\n" }

    public static func parse(_ text: String) throws -> ValidationSummary {
        let records: [[String]]
        do { records = try CSVFields.parse(text) } catch let error as CSVError { throw ResultFileError("validation.csv", error.description) }
        guard records.first == ["key", "value"] else { throw ResultFileError("validation.csv", "line 1: expected the header key,value") }
        for (i, r) in records.enumerated() where r.count != 2 { throw ResultFileError("validation.csv", "line \(i + 1): expected 2 fields") }
        return ValidationSummary(pairs: records.dropFirst().map { ($0[0], $0[1]) })
    }
}
