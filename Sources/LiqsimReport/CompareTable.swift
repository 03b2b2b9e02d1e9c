import LiqsimResultFiles

/// `liqsim compare`: one table across result directories — parameters first, then the
/// metrics — best first by a chosen metric, with the best value of each metric marked.
public struct CompareTable {
    public enum Format: String, CaseIterable, Sendable { case table, md, csv, json }

    public private(set) var columns: [String] = []
    public private(set) var rows: [[String]] = []
    /// Per metric column index: the row indices holding its best value.
    public private(set) var best: [Int: Set<Int>] = [:]
    public let metricNames = RunColumns.metrics
    public private(set) var sources: [ResultDirectory] = []
    /// Facts the reader should know: missing shards, liquidation totals that are lower
    /// bounds, spans too short to trust a ratio.
    public private(set) var notes: [String] = []
    /// The metric the rows are sorted by.
    public let sort: String

    /// Merges the directories: per scenario name the newest grid (scenario text and input
    /// bytes) unless `allGrids`; per run id the newest directory's row (so shards merge and
    /// re-runs replace). The best value of each metric is found over all merged runs, then
    /// marked where a shown row holds it.
    public init(_ directories: [ResultDirectory], sort: String = "sharpe", top: Int? = nil, allGrids: Bool = false) throws {
        guard !directories.isEmpty else { throw CompareError("no result directories found; run `liqsim backtest SCENARIO` first") }
        guard metricNames.contains(sort) else {
            throw CompareError("--sort \(sort): unknown metric; use one of \(metricNames.joined(separator: ", "))")
        }
        self.sort = sort
        var groups: [String: [ResultDirectory]] = [:]
        for d in directories { groups[allGrids ? Self.grid(d) : d.scenario, default: []].append(d) }
        var chosen: [ResultDirectory] = []
        for key in groups.keys.sorted() {
            var group = groups[key]!.sorted { ($0.manifest.created, $0.path) < ($1.manifest.created, $1.path) }
            if !allGrids, let newest = group.last { group = group.filter { Self.grid($0) == Self.grid(newest) } }
            chosen += group
            notes += Self.missingShards(group)
        }
        sources = chosen
        notes += Self.lowerBoundNotes(chosen)
        notes += Self.shortSpans(chosen)
        let multipleScenarios = Set(chosen.map(Self.grid)).count > 1
        var parameters: [String] = []
        for d in chosen { for c in d.runs.parameterNames where !metricNames.contains(c) && !parameters.contains(c) { parameters.append(c) } }
        columns = (multipleScenarios ? ["scenario"] : []) + ["run"] + parameters + metricNames
        // Newest directory last: its rows replace older ones of the same run.
        var byRun: [String: (order: Int, row: [String])] = [:]
        var order = 0
        var gridOf: [String: ResultDirectory] = [:]   // the newest directory of each grid
        for d in chosen {
            gridOf[Self.grid(d)] = d
            let index = Dictionary(d.runs.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            for run in d.runs.rows {
                let r = d.runs.fields(run)
                let key = Self.grid(d) + "|" + r[0]
                let row = columns.map { c -> String in
                    if c == "scenario" { return d.scenario }
                    return index[c].map { r[$0] } ?? ""
                }
                byRun[key] = (byRun[key]?.order ?? order, row)
                order += 1
            }
        }
        // Deflate again over each grid's merged runs: shards give the whole grid's dsr.
        for (grid, d) in gridOf {
            let keys = byRun.keys.filter { $0.hasPrefix(grid + "|") }.sorted()
            var rows = keys.map { byRun[$0]!.row }
            Self.redeflate(&rows, columns: columns, trials: d.manifest.grid.points, barSeconds: d.manifest.barSeconds)
            for (key, row) in zip(keys, rows) { byRun[key]!.row = row }
        }
        let sortColumn = columns.firstIndex(of: sort)!
        let descending = !RunColumns.smallerIsBetter.contains(sort)
        var merged = byRun.values.sorted { $0.order < $1.order }.map(\.row)
        merged.sort { a, b in
            let x = Self.number(a[sortColumn]), y = Self.number(b[sortColumn])
            if x != y { return descending ? x > y : x < y }
            return a.lexicographicallyPrecedes(b)   // deterministic ties
        }
        var targets: [Int: Double] = [:]
        for name in metricNames where !RunColumns.unranked.contains(name) {
            let c = columns.firstIndex(of: name)!
            let values = merged.map { Self.number($0[c]) }.filter { $0 != -.infinity }
            if let target = RunColumns.smallerIsBetter.contains(name) ? values.min() : values.max() { targets[c] = target }
        }
        if let top { merged = Array(merged.prefix(max(0, top))) }
        rows = merged
        for (c, target) in targets {
            best[c] = Set(rows.indices.filter { Self.number(rows[$0][c]) == target })
        }
    }

    /// One grid: the scenario's name and text, and the input bytes it ran on.
    static func grid(_ d: ResultDirectory) -> String { d.scenario + "|" + d.manifest.scenario.sha256 + "|" + d.inputsSHA256 }

    /// "shards 0, 2 of 4 present" when a sharded grid is incomplete.
    static func missingShards(_ group: [ResultDirectory]) -> [String] {
        var present: [Int: Set<Int>] = [:]
        for d in group {
            let parts = d.manifest.shard.split(separator: "/").compactMap { Int($0) }
            if parts.count == 2, parts[1] > 1 { present[parts[1], default: []].insert(parts[0]) }
        }
        guard let name = group.first?.scenario else { return [] }
        return present.keys.sorted().compactMap { n in
            let have = present[n]!
            guard have.count < n else { return nil }
            let missing = (0..<n).filter { !have.contains($0) }.map(String.init).joined(separator: ", ")
            return "\(name): shards \(missing) of \(n) missing; their runs are not in the table"
        }
    }

    /// One note per scenario whose inputs hold a capped venue's liquidations (Binance: at most
    /// one per symbol per second): its counts and USD, and every metric of rules that read
    /// them, rest on lower bounds.
    static func lowerBoundNotes(_ chosen: [ResultDirectory]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for d in chosen where !d.manifest.lowerBounds.isEmpty && seen.insert(d.scenario).inserted {
            let parts = d.manifest.lowerBounds.map { "\($0.exchange) \($0.symbol) \($0.liquidations) liquidations, \($0.cappedSeconds) s at the maximum" }
            out.append("\(d.scenario): liquidation counts and USD from \(Set(d.manifest.lowerBounds.map(\.exchange)).sorted().joined(separator: ", ")) "
                       + "are lower bounds (at most one liquidation per symbol per second is published): " + parts.joined(separator: "; "))
        }
        return out
    }

    /// "cascade: the data spans 1.00 days, under 30: …" per grid whose runs span less.
    static func shortSpans(_ directories: [ResultDirectory]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for d in directories where seen.insert(grid(d)).inserted {
            guard let k = d.runs.metricNames.firstIndex(of: "days") else { continue }
            let days = d.runs.rows.map { $0.metrics[k] }.filter { !$0.isNaN }.max() ?? .nan
            guard days < Significance.shortSpanDays else { continue }
            out.append("\(d.scenario): the data spans \(RunColumns.text("days", days)) days, under \(Int(Significance.shortSpanDays)): "
                       + "its ratios carry wide standard errors (sharpe_se); psr and dsr say how likely each Sharpe beats 0 and luck")
        }
        return out
    }

    /// Numbers for sorting: empty and unparsable text sort last.
    static func number(_ text: String) -> Double {
        if text == "inf" { return .infinity }
        return Double(text) ?? -.infinity
    }
}

public struct CompareError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
