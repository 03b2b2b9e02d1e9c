import Foundation
import LiqsimResultFiles

/// One walk-forward fold: its windows (bars closing after `from`, up to `to`), the grid
/// point the train window chose, its metrics in sample (train) and out of sample (test),
/// and its out-of-sample equity at every test bar close.
public struct WalkForwardFold: Sendable {
    public var fold: Int
    public var trainFrom: Int64, trainTo: Int64, testFrom: Int64, testTo: Int64
    public var run: Int
    public var inSample: RunMetrics
    public var outOfSample: RunMetrics
    public var time: [Int64] = []
    public var equity: [Double] = []
}

/// Walk-forward evaluation (docs/scenarios.md, "Out-of-sample evaluation"): the folds and
/// the out-of-sample equity stitched from their test windows, each starting flat with the
/// equity the previous one ended with.
public struct WalkForwardResult: Sendable {
    public var settings: ValidationSettings.WalkForward
    public var folds: [WalkForwardFold]
    /// The stitched out-of-sample curve's metrics (significance over its bars).
    public var outOfSample: RunMetrics
}

enum WalkForward {
    /// The folds' windows over [start, end]: train (from, to] then test (to, to + test],
    /// moved by `step`; anchored windows keep `start` as the train window's start.
    static func windows(_ w: ValidationSettings.WalkForward, start: Int64, end: Int64) -> [(trainFrom: Int64, trainTo: Int64, testTo: Int64)] {
        var out: [(Int64, Int64, Int64)] = []
        var k: Int64 = 0
        while true {
            let trainTo = start + w.train + k * w.step, testTo = trainTo + w.test
            guard testTo <= end else { break }
            out.append((w.anchored ? start : start + k * w.step, trainTo, testTo))
            k += 1
        }
        return out
    }

    /// The bars of `tape` closing in (from, to].
    static func bars(_ tape: SymbolTape, from: Int64, to: Int64) -> Range<Int> {
        func firstAfter(_ t: Int64) -> Int {
            var lo = 0, hi = tape.count
            while lo < hi { let mid = (lo + hi) / 2; if tape.closeTime[mid] <= t { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        return firstAfter(from)..<firstAfter(to)
    }

    /// A metric's value for choosing: larger is better (smaller-is-better metrics negated), NaN last.
    static func score(_ m: RunMetrics, by metric: String) -> Double {
        let v = m.values[RunColumns.metrics.firstIndex(of: metric)!]
        if v.isNaN { return -.infinity }
        return RunColumns.smallerIsBetter.contains(metric) ? -v : v
    }

    static func run(_ shared: SharedPass, settings w: ValidationSettings.WalkForward, jobs: Int) -> WalkForwardResult? {
        let scenario = shared.scenario, tapes = shared.tape.symbols
        let points = Array(0..<scenario.grid.count)
        let plan = SweepPlan(shared: shared, grid: scenario.grid, points: points)
        let start = scenario.from?.rawValue ?? tapes.compactMap { t in t.closeTime.first.map { $0 - t.interval } }.min() ?? 0
        let end = scenario.to?.rawValue ?? tapes.compactMap(\.closeTime.last).max() ?? 0
        let windows = windows(w, start: start, end: end)
        guard !windows.isEmpty else { return nil }
        let barsPerYear = 365.0 * 86_400_000_000_000 / Double(scenario.bar)
        var folds: [WalkForwardFold] = []
        var carried: Double?
        var curve: [Double] = [], initial = 0.0
        for (f, window) in windows.enumerated() {
            let scores = parallelMap(points.count, jobs: jobs) { k -> Double in
                let run = plan.runs[k], simulator = plan.simulators[run.simulator]
                let range = bars(simulator.tape, from: window.trainFrom, to: window.trainTo)
                let m = simulator.run(weights: plan.weights(of: k, in: plan.weights), model: run.model, record: false, bars: range).metrics
                return score(m, by: w.metric)
            }
            var best = 0
            for k in 1..<points.count where scores[k] > scores[best] { best = k }
            let run = plan.runs[best], simulator = plan.simulators[run.simulator]
            let weights = plan.weights(of: best, in: plan.weights)
            let train = simulator.run(weights: weights, model: run.model, record: false, bars: bars(simulator.tape, from: window.trainFrom, to: window.trainTo))
            var model = run.model
            if let carried { model.equityUSD = carried } else { initial = model.equityUSD }
            let range = bars(simulator.tape, from: window.trainTo, to: window.testTo)
            let test = simulator.run(weights: weights, model: model, record: true, bars: range)
            carried = test.metrics.finalEquityUSD
            curve += test.equity
            folds.append(WalkForwardFold(fold: f + 1, trainFrom: window.trainFrom, trainTo: window.trainTo, testFrom: window.trainTo, testTo: window.testTo,
                                         run: points[best], inSample: train.metrics, outOfSample: test.metrics,
                                         time: Array(simulator.tape.closeTime[range]), equity: test.equity))
        }
        return WalkForwardResult(settings: w, folds: folds, outOfSample: stitched(folds, curve: curve, initial: initial, barsPerYear: barsPerYear))
    }

    /// The metrics of the stitched out-of-sample curve.
    static func stitched(_ folds: [WalkForwardFold], curve: [Double], initial: Double, barsPerYear: Double) -> RunMetrics {
        let stats = ReturnStatistics(initialEquity: initial, equity: curve)
        var m = RunMetrics()
        (m.sharpe, m.sortino) = stats.ratios(barsPerYear: barsPerYear)
        m.finalEquityUSD = curve.last ?? initial
        m.totalReturnPct = initial > 0 ? (m.finalEquityUSD / initial - 1) * 100 : 0
        m.maxDrawdownPct = stats.maxDrawdown * 100
        for f in folds {
            m.trades += f.outOfSample.trades
            m.liquidations += f.outOfSample.liquidations
            m.feesUSD += f.outOfSample.feesUSD
            m.fundingUSD += f.outOfSample.fundingUSD
        }
        let days = folds.reduce(0.0) { $0 + Double($1.testTo - $1.testFrom) / 86_400_000_000_000 }
        m.setSignificance(stats, barsPerYear: barsPerYear, days: days)
        return m
    }

    /// `body(k)` for k in 0..<count on up to `jobs` threads, results in order.
    static func parallelMap<T: Sendable>(_ count: Int, jobs: Int, _ body: @Sendable @escaping (Int) -> T) -> [T] {
        let box = ResultBox<T>(count: count)
        let workers = max(1, min(jobs, count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for k in stride(from: worker, to: count, by: workers) { box.store(k, body(k)) }
        }
        return box.values()
    }
}

/// Slots written once each by the workers of `parallelMap`.
private final class ResultBox<T: Sendable>: @unchecked Sendable {   // guarded by `lock`
    private var storage: [T?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func store(_ k: Int, _ value: T) { lock.lock(); storage[k] = value; lock.unlock() }
    func values() -> [T] { storage.map { $0! } }
}
