/// The sweep's work list, built on one thread before the workers start: per grid point the
/// index of its simulator (one per distinct symbol, rule set and fill model) and its
/// execution model as plain values, and every point's weights in one flat array.
///
/// Why: with two workers reading the same arrays, every retain and release of those arrays
/// (struct copies, dictionary lookups, borrowing a buffer pointer) is an atomic write to a
/// cache line both cores want; that made two threads do a third more work than one. Each
/// worker therefore runs on its own deep copies of the few simulators and of the weights
/// (`privateCopy`) and reads only value types from the plan.
struct SweepPlan: Sendable {
    struct Run {
        var simulator: Int
        var model: DefaultExecution
    }

    let runs: [Run]
    let simulators: [Simulator]
    /// Rules per run, and run k's weights at k·ruleCount ..< (k+1)·ruleCount.
    let ruleCount: Int
    let weights: [Double]

    /// Points that agree on the symbol, the rules' parameters and the fill model share a
    /// simulator. Why an integer key first: building every point's rule values (existentials,
    /// boxing, hashing) cost a fifth of a 1,000-point sweep; the rules are built only for a
    /// shape not seen yet.
    private struct Shape: Hashable { var axes: Int; var fill: LatencyFill }

    init(shared: SharedPass, grid: ParameterGrid, points: [Int]) {
        var index: [SharedPass.SimulatorKey: Int] = [:], shapes: [Shape: Int] = [:]
        var simulators: [Simulator] = []
        var runs: [Run] = [], weights: [Double] = []
        runs.reserveCapacity(points.count)
        ruleCount = shared.scenario.rules.count
        weights.reserveCapacity(points.count * ruleCount)
        for k in points {
            let p = grid.point(k)
            let model = DefaultExecution(point: p, tiers: shared.scenario.marginTiers(for: p.text("symbol")))
            let shape = Shape(axes: grid.index(k, along: shared.simulatorAxes), fill: model.fill)
            let id: Int
            if let known = shapes[shape] { id = known } else {
                let key = shared.simulatorKey(for: p, fill: model.fill)
                if let same = index[key] { id = same } else {
                    id = simulators.count
                    index[key] = id
                    simulators.append(shared.simulator(for: key))
                }
                shapes[shape] = id
            }
            weights += shared.weights(of: p)
            runs.append(Run(simulator: id, model: model))
        }
        self.runs = runs
        self.simulators = simulators
        self.weights = weights
    }

    /// Run k's weights, from a worker's private copy of `weights`.
    func weights(of k: Int, in copy: [Double]) -> ArraySlice<Double> {
        copy[k * ruleCount ..< (k + 1) * ruleCount]
    }
}

extension Simulator {
    /// A copy sharing no array storage with the original (see `SweepPlan`).
    func privateCopy() -> Simulator {
        var t = SymbolTape(symbol: tape.symbol, interval: tape.interval)
        t.closeTime = tape.closeTime.privateCopy()
        t.close = tape.close.privateCopy()
        t.fundings = tape.fundings.privateCopy()
        // Marks are read only in the rare bars that can liquidate: shared, not copied.
        t.markTime = tape.markTime
        t.markPrice = tape.markPrice
        var f = fills
        f.time = fills.time.privateCopy()
        f.price = fills.price.privateCopy()
        f.acrossGap = fills.acrossGap.privateCopy()
        return Simulator(tape: t, fills: f, ruleCount: ruleCount, rows: strengths.privateCopy(), marks: marks.privateCopy())
    }
}

extension Array {
    /// A copy in new storage (a plain copy would share this one until written).
    func privateCopy() -> [Element] { map { $0 } }
}
