import Foundation
import Synchronization

/// One finished run.
public struct RunResult: Sendable {
    public var point: GridPoint
    public var metrics: RunMetrics
    public var trades: [TradeRecord]
    /// Equity and position at the bars `Simulator.sampledBars(count:stride: curveStride)`.
    public var equity: [Double]
    public var position: [Double]
    public var curveStride: Int
    /// Per CSCV block: bars, Σr and Σr² of its bar returns (empty unless the sweep was asked for blocks).
    public var blocks: [Double] = []
}

/// Runs grid points over a shared pass on `jobs` threads. Each point is simulated
/// independently and stored at its own slot, so the results (and their digest) do not
/// depend on the number of threads or their timing.
public enum SweepEngine {
    /// Which grid points a shard runs: every `count`-th point starting at `index` (0-based).
    public struct Shard: Sendable, Equatable, CustomStringConvertible {
        public var index: Int, count: Int
        public init(index: Int, count: Int) { self.index = index; self.count = count }
        public static let whole = Shard(index: 0, count: 1)
        public var description: String { "\(index)/\(count)" }

        /// `I/N` with 0 ≤ I < N.
        public init?(argument: String) {
            let parts = argument.split(separator: "/")
            guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
            self.init(index: i, count: n)
        }

        public func points(of total: Int) -> [Int] { Array(stride(from: index, to: total, by: count)) }
    }

    /// Rows of equity.csv (runs × kept bars) are held to about this many.
    public static let curveRowBudget = 5_000_000

    /// Every bar's equity while runs × bars fit the budget, else every k-th bar.
    public static func curveStride(runs: Int, bars: Int, budget: Int = curveRowBudget) -> Int {
        let budget = max(1, budget)
        return max(1, (runs * bars + budget - 1) / budget)
    }

    /// `splits`: CSCV blocks each run sums its returns over (`RunResult.blocks`; 0: none).
    /// `rowBudget`: the equity rows kept in all (`curveStride`); a smaller one lets a small
    /// market exercise the thinned curves a grid of millions of bar·runs gets.
    public static func run(_ shared: SharedPass, points: [Int], jobs: Int, recordCurves: Bool = true, splits: Int = 0,
                           rowBudget: Int = curveRowBudget, progress: (@Sendable (Int, Int) -> Void)? = nil) -> [RunResult] {
        let grid = shared.scenario.grid
        let slots = Slots(count: points.count)
        let next = Atomic<Int>(0), done = Atomic<Int>(0)
        let workers = max(1, min(jobs, points.count))
        let stride = curveStride(runs: points.count, bars: shared.tape.symbols.map(\.count).max() ?? 0, budget: rowBudget)
        let plan = SweepPlan(shared: shared, grid: grid, points: points)
        let work: @Sendable () -> Void = {
            let simulators = plan.simulators.map { $0.privateCopy() }
            let weights = plan.weights.privateCopy()
            while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                guard k < points.count else { return }
                let run = plan.runs[k]
                let outcome = simulators[run.simulator].run(weights: plan.weights(of: k, in: weights), model: run.model,
                                                            record: recordCurves, stride: stride, splits: splits)
                slots.store(k, outcome)
                let finished = done.add(1, ordering: .relaxed).newValue
                progress?(finished, points.count)
            }
        }
        if workers == 1 {
            work()
        } else {
            let group = DispatchGroup()
            for _ in 0..<workers {
                group.enter()
                Thread { work(); group.leave() }.start()
            }
            group.wait()
        }
        return zip(points, slots.results()).map { k, outcome in
            RunResult(point: grid.point(k), metrics: outcome.metrics, trades: outcome.trades, equity: outcome.equity,
                      position: outcome.position, curveStride: stride, blocks: outcome.blocks)
        }
    }
}

/// Outcome slots written by the workers, each slot by exactly one worker.
private final class Slots: @unchecked Sendable {
    private var storage: [Simulator.Outcome?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func store(_ k: Int, _ outcome: Simulator.Outcome) {
        lock.lock(); storage[k] = outcome; lock.unlock()
    }

    func results() -> [Simulator.Outcome] { storage.map { $0! } }
}
