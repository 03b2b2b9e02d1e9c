/// The sweep's work list, built on one thread before the workers start: per grid point the
/// index of its simulator (one per distinct symbol, rule set and latency), its weights and
/// execution model as plain values.
///
/// Why: with two workers reading the same arrays, every retain and release of those arrays
/// (struct copies, dictionary lookups, `withUnsafeBufferPointer`) is an atomic write to a
/// cache line both cores want; that made two threads do a third more work than one. Each
/// worker therefore runs on its own deep copies of the few simulators (`Simulator.privateCopy`)
/// and reads only value types from the plan.
struct SweepPlan: @unchecked Sendable {   // read-only once built
    struct Run {
        var simulator: Int
        var weights: (Double, Double, Double)
        var model: ExecutionModel
    }

    let runs: [Run]
    let simulators: [Simulator]

    init(shared: SharedPass, grid: ParameterGrid, points: [Int]) {
        var index: [SharedPass.SimulatorKey: Int] = [:]
        var simulators: [Simulator] = []
        var runs: [Run] = []
        runs.reserveCapacity(points.count)
        for k in points {
            let p = grid.point(k)
            let model = SharedPass.model(of: p)
            let key = shared.simulatorKey(for: p)
            let id: Int
            if let known = index[key] { id = known } else {
                id = simulators.count
                index[key] = id
                simulators.append(shared.simulator(for: p))
            }
            let w = shared.weights(of: p)
            runs.append(Run(simulator: id, weights: (w[0], w[1], w[2]), model: model))
        }
        self.runs = runs
        self.simulators = simulators
    }
}

extension Simulator {
    /// A copy sharing no array storage with the original (see `SweepPlan`).
    func privateCopy() -> Simulator {
        func fresh<T>(_ a: [T]) -> [T] { a.withUnsafeBufferPointer { Array($0) } }
        var t = SymbolTape(symbol: tape.symbol, interval: tape.interval)
        t.closeTime = fresh(tape.closeTime)
        t.close = fresh(tape.close)
        t.fundings = fresh(tape.fundings)
        var f = fills
        f.time = fresh(fills.time)
        f.price = fresh(fills.price)
        f.acrossGap = fresh(fills.acrossGap)
        return Simulator(tape: t, fills: f, strengths: strengths.map(fresh))
    }
}
