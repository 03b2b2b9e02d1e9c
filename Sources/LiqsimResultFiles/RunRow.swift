/// One row of runs.csv: the run id, its shown parameters as text (`BTCUSDT`, `0.5`) and
/// its metrics at full precision. runs.csv rounds the metrics (`RunColumns.text`);
/// results.sqlite stores them as they are.
public struct RunRow: Sendable, Equatable {
    public var run: Int
    public var parameters: [String]
    public var metrics: [Double]

    public init(run: Int, parameters: [String], metrics: [Double]) {
        self.run = run; self.parameters = parameters; self.metrics = metrics
    }

    /// The best of `rows` by `metric` (larger is better; NaN and a missing metric rank
    /// last; ties: the lower run id). `metricNames` names `metrics`' columns.
    public static func best(_ rows: [RunRow], metricNames: [String], by metric: String = RunColumns.ranking) -> RunRow? {
        ranked(rows, metricNames: metricNames, by: metric).first
    }

    /// `rows` best first by `metric`, as `best` orders them.
    public static func ranked(_ rows: [RunRow], metricNames: [String], by metric: String = RunColumns.ranking) -> [RunRow] {
        let k = metricNames.firstIndex(of: metric)
        func key(_ r: RunRow) -> Double {
            guard let k, k < r.metrics.count, !r.metrics[k].isNaN else { return -.infinity }
            return r.metrics[k]
        }
        return rows.sorted { a, b in
            let x = key(a), y = key(b)
            return x != y ? x > y : a.run < b.run
        }
    }
}
