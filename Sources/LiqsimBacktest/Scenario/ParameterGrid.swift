/// One grid axis: a parameter (`trend.weight`, `execution.fee_bps`, `symbol`) and its values.
public struct GridAxis: Sendable, Equatable {
    public var name: String
    public var values: [ScenarioValue]
}

/// The Cartesian product of the axes. Grid points are numbered in row-major order: the
/// first axis changes slowest, so point numbers (run ids) depend only on the scenario.
public struct ParameterGrid: Sendable {
    /// Grids are refused above this many runs (each run keeps its metrics in memory).
    public static let maximumPoints = 10_000_000
    public private(set) var axes: [GridAxis] = []
    private var positions: [String: Int] = [:]

    public init() {}

    mutating func append(_ axis: GridAxis) {
        positions[axis.name] = axes.count
        axes.append(axis)
    }

    public var count: Int { axes.reduce(1) { $0 * $1.values.count } }

    /// The axes shown in result tables: the symbol, every strategy weight, and any other
    /// parameter with more than one value.
    public var shownAxes: [GridAxis] {
        axes.filter { $0.values.count > 1 || $0.name == "symbol" || $0.name.hasSuffix(".weight") }
    }

    public func axisIndex(_ name: String) -> Int? { positions[name] }

    /// The number of point `index` in the sub-grid of the axes marked in `kept` (one flag
    /// per axis): points that agree on those axes share it.
    public func index(_ index: Int, along kept: [Bool]) -> Int {
        var rest = index, out = 0, scale = 1
        for a in axes.indices.reversed() {
            let n = axes[a].values.count
            if kept[a] { out += rest % n * scale; scale *= n }
            rest /= n
        }
        return out
    }

    /// The point with number `index` (0 ≤ index < count).
    public func point(_ index: Int) -> GridPoint {
        var rest = index
        var choice = [Int](repeating: 0, count: axes.count)
        for a in axes.indices.reversed() {
            choice[a] = rest % axes[a].values.count
            rest /= axes[a].values.count
        }
        return GridPoint(index: index, values: axes.indices.map { axes[$0].values[choice[$0]] }, names: positions)
    }
}

/// One set of parameter values: a run.
public struct GridPoint: Sendable {
    public let index: Int
    public let values: [ScenarioValue]
    let names: [String: Int]

    public subscript(_ name: String) -> ScenarioValue? { names[name].map { values[$0] } }

    /// A number parameter. The schema guarantees presence and type for its own keys, so a
    /// key it does not hold, or a value of another type, is a programming error: it traps.
    public func number(_ name: String) -> Double { typed(name, \.number, "a number") }
    public func text(_ name: String) -> String { typed(name, \.text, "a word") }
    public func flag(_ name: String) -> Bool { typed(name, \.flag, "true or false") }

    /// The keys under `prefix.` without it, and where their values sit in `values`.
    public func slots(of prefix: String) -> [String: Int] {
        let head = prefix + "."
        return Dictionary(uniqueKeysWithValues: names.compactMap { name, slot in
            name.hasPrefix(head) ? (String(name.dropFirst(head.count)), slot) : nil
        })
    }

    private func typed<T>(_ name: String, _ get: (ScenarioValue) -> T?, _ what: String) -> T {
        guard let value = self[name] else { preconditionFailure("grid key \(name) is not in the scenario schema") }
        guard let typed = get(value) else { preconditionFailure("grid key \(name) holds \(value), not \(what)") }
        return typed
    }
}
