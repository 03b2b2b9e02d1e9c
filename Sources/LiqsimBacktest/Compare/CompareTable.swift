/// `liqsim compare`: one table across result directories — parameters first, then the
/// metrics — best first by a chosen metric, with the best value of each metric marked.
public struct CompareTable {
    public enum Format: String, CaseIterable, Sendable { case table, md, csv, json }

    public private(set) var columns: [String] = []
    public private(set) var rows: [[String]] = []
    /// Per metric column index: the row indices holding its best value.
    public private(set) var best: [Int: Set<Int>] = [:]
    public let metricNames = RunMetrics.names
    public private(set) var sources: [ResultDirectory] = []

    /// Merges the directories: per scenario name the newest grid (scenario text) unless
    /// `allGrids`; per run id the newest directory's row (so shards merge and re-runs replace).
    public init(_ directories: [ResultDirectory], sort: String = "sharpe", top: Int? = nil, allGrids: Bool = false) throws {
        guard !directories.isEmpty else { throw CompareError("no result directories found; run `liqsim backtest SCENARIO` first") }
        guard metricNames.contains(sort) else {
            throw CompareError("--sort \(sort): unknown metric; use one of \(metricNames.joined(separator: ", "))")
        }
        var groups: [String: [ResultDirectory]] = [:]
        for d in directories { groups[allGrids ? d.scenario + "|" + d.scenarioSHA256 : d.scenario, default: []].append(d) }
        var chosen: [ResultDirectory] = []
        for key in groups.keys.sorted() {
            var group = groups[key]!.sorted { ($0.created, $0.path) < ($1.created, $1.path) }
            if !allGrids, let newest = group.last { group = group.filter { $0.scenarioSHA256 == newest.scenarioSHA256 } }
            chosen += group
        }
        sources = chosen
        let multipleScenarios = Set(chosen.map { $0.scenario + "|" + $0.scenarioSHA256 }).count > 1
        var parameters: [String] = []
        for d in chosen { for c in d.header.dropFirst() where !metricNames.contains(c) && !parameters.contains(c) { parameters.append(c) } }
        columns = (multipleScenarios ? ["scenario"] : []) + ["run"] + parameters + metricNames
        // Newest directory last: its rows replace older ones of the same run.
        var byRun: [String: (order: Int, row: [String])] = [:]
        var order = 0
        for d in chosen {
            let index = Dictionary(uniqueKeysWithValues: d.header.enumerated().map { ($1, $0) })
            for r in d.rows {
                let key = d.scenario + "|" + d.scenarioSHA256 + "|" + r[0]
                let row = columns.map { c -> String in
                    if c == "scenario" { return d.scenario }
                    return index[c].map { r[$0] } ?? ""
                }
                byRun[key] = (byRun[key]?.order ?? order, row)
                order += 1
            }
        }
        let sortColumn = columns.firstIndex(of: sort)!
        let descending = !RunMetrics.smallerIsBetter.contains(sort)
        var merged = byRun.values.sorted { $0.order < $1.order }.map(\.row)
        merged.sort { a, b in
            let x = Self.number(a[sortColumn]), y = Self.number(b[sortColumn])
            if x != y { return descending ? x > y : x < y }
            return a.lexicographicallyPrecedes(b)   // deterministic ties
        }
        if let top { merged = Array(merged.prefix(max(0, top))) }
        rows = merged
        for name in metricNames where !RunMetrics.unranked.contains(name) {
            let c = columns.firstIndex(of: name)!
            let values = rows.map { Self.number($0[c]) }
            guard let target = RunMetrics.smallerIsBetter.contains(name) ? values.min() : values.max(), target.isFinite || target == .infinity else { continue }
            best[c] = Set(values.indices.filter { values[$0] == target })
        }
    }

    /// Numbers for sorting: empty and unparsable text sort last.
    static func number(_ text: String) -> Double {
        if text == "inf" { return .infinity }
        return Double(text) ?? -.infinity
    }
}
