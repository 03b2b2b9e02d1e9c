/// Simulates one run over a symbol's tape: combines the rules' strengths with the run's
/// weights, decides at each bar close, fills at the fill schedule, settles funding, marks
/// to market at closes (docs/strategies.md, "Execution"). Pure: the same inputs give the
/// same outcome on any thread.
struct Simulator {
    let tape: SymbolTape
    let fills: FillSchedule
    /// The rules combined: the scenario's strategies, in order.
    let ruleCount: Int
    /// Signal × confidence per bar and rule, bar-major: bar i's rules at
    /// i·ruleCount ..< (i+1)·ruleCount, so the walk reads one contiguous row per bar.
    let strengths: [Double]

    /// `columns`: per rule, its strength at each bar of `tape`.
    init(tape: SymbolTape, fills: FillSchedule, strengths columns: [[Double]]) {
        precondition(!columns.isEmpty && columns.allSatisfy { $0.count == tape.count }, "one strength per bar for each rule")
        let rules = columns.count
        var rows = [Double](repeating: 0, count: tape.count * rules)
        for (k, column) in columns.enumerated() {
            for (i, s) in column.enumerated() { rows[i * rules + k] = s }
        }
        self.init(tape: tape, fills: fills, ruleCount: rules, rows: rows)
    }

    init(tape: SymbolTape, fills: FillSchedule, ruleCount: Int, rows: [Double]) {
        self.tape = tape
        self.fills = fills
        self.ruleCount = ruleCount
        strengths = rows
    }

    /// What the bar walk accumulates (Simulator+Unsafe.swift).
    struct WalkState {
        var stats: ReturnStatistics
        var ledger = TradeLedger()
        var fees = 0.0, funding = 0.0, exposed = 0
        var lastEquity: Double
        /// The position after the last bar.
        var position = 0.0
        var equity: [Double] = [], positions: [Double] = []
    }

    /// The bar indices whose equity a curve of `stride` keeps: every stride-th bar counted
    /// back from the last, so the final equity is always there.
    static func sampledBars(count n: Int, stride: Int) -> StrideTo<Int> {
        Swift.stride(from: n > 0 ? (n - 1) % max(1, stride) : 0, to: n, by: max(1, stride))
    }

    struct Outcome: Sendable {
        var metrics: RunMetrics
        var trades: [TradeRecord]
        /// Per bar when recorded: equity at the close and the position (base units) after it.
        var equity: [Double]
        var position: [Double]
    }

    /// `weights`: one per rule, in the order of the strength columns.
    func run<Fill, Fee>(weights: [Double], model: ExecutionModel<Fill, Fee>, record: Bool, stride: Int = 1) -> Outcome {
        run(weights: weights[...], model: model, record: record, stride: stride)
    }

    func run<Fill, Fee>(weights: ArraySlice<Double>, model: ExecutionModel<Fill, Fee>, record: Bool, stride: Int = 1) -> Outcome {
        var state = walk(weights: weights, model: model, stride: record ? max(1, stride) : 0)
        let n = tape.count
        if let last = tape.closeTime.last { state.ledger.close(at: last, price: tape.close[n - 1], position: state.position) }
        let stats = state.stats, ledger = state.ledger, exposed = state.exposed
        let fees = state.fees, funding = state.funding, lastEquity = state.lastEquity
        let equityCurve = state.equity, positions = state.positions

        var m = RunMetrics()
        let barsPerYear = 365.0 * 86_400_000_000_000 / Double(tape.interval)
        (m.sharpe, m.sortino) = stats.ratios(barsPerYear: barsPerYear)
        m.totalReturnPct = (lastEquity / model.equityUSD - 1) * 100
        m.maxDrawdownPct = stats.maxDrawdown * 100
        let trades = ledger.trades
        m.trades = trades.count
        var wins = 0, gains = 0.0, losses = 0.0
        for t in trades {
            if t.pnl > 0 { wins += 1; gains += t.pnl } else { losses -= t.pnl }
        }
        m.winRatePct = trades.isEmpty ? 0 : Double(wins) / Double(trades.count) * 100
        m.profitFactor = losses > 0 ? gains / losses : (gains > 0 ? .infinity : 0)
        m.exposurePct = n > 0 ? Double(exposed) / Double(n) * 100 : 0
        m.feesUSD = fees
        m.fundingUSD = funding
        m.finalEquityUSD = lastEquity
        return Outcome(metrics: m, trades: trades, equity: equityCurve, position: positions)
    }
}
