/// Simulates one run over a symbol's tape: combines the rules' strengths with the run's
/// weights, decides at each bar close, fills at the fill schedule, settles funding, marks
/// to market at closes (docs/strategies.md, "Execution"). Pure: the same inputs give the
/// same outcome on any thread.
struct Simulator: Sendable {
    let tape: SymbolTape
    let fills: FillSchedule
    /// The rules combined: the scenario's strategies, in order.
    let ruleCount: Int
    /// Signal × confidence per bar and rule, bar-major: bar i's rules at
    /// i·ruleCount ..< (i+1)·ruleCount, so the walk reads one contiguous row per bar.
    let strengths: [Double]
    /// Where each bar's marks are, and their range (`MarkIndex`).
    let marks: MarkIndex

    /// `columns`: per rule, its strength at each bar of `tape`. `marks`: the tape's
    /// `MarkIndex` when the caller holds it (the shared pass), else computed here.
    init(tape: SymbolTape, fills: FillSchedule, strengths columns: [[Double]], marks: MarkIndex? = nil) {
        precondition(!columns.isEmpty && columns.allSatisfy { $0.count == tape.count }, "one strength per bar for each rule")
        let rules = columns.count
        var rows = [Double](repeating: 0, count: tape.count * rules)
        for (k, column) in columns.enumerated() {
            for (i, s) in column.enumerated() { rows[i * rules + k] = s }
        }
        self.init(tape: tape, fills: fills, ruleCount: rules, rows: rows, marks: marks ?? MarkIndex(tape))
    }

    init(tape: SymbolTape, fills: FillSchedule, ruleCount: Int, rows: [Double], marks: MarkIndex) {
        self.tape = tape
        self.fills = fills
        self.ruleCount = ruleCount
        strengths = rows
        self.marks = marks
    }

    /// What the bar walk accumulates (Simulator+Unsafe.swift).
    struct WalkState {
        var stats: ReturnStatistics
        var ledger = TradeLedger()
        var fees = 0.0, funding = 0.0, exposed = 0, liquidations = 0
        /// Per block of `splits` (CSCV): bars, Σr and Σr² of its bar returns, interleaved.
        var blocks: [Double] = []
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
        /// Bars, Σr and Σr² per CSCV block (empty unless asked for).
        var blocks: [Double] = []
    }

    /// `weights`: one per rule, in the order of the strength columns. `bars`: the bars to
    /// walk (all by default), from flat with the model's equity; a position still open after
    /// the last is closed at its close. `splits`: CSCV blocks to sum returns over (0: none).
    func run<Fill, Fee>(weights: [Double], model: ExecutionModel<Fill, Fee>, record: Bool, stride: Int = 1,
                        bars: Range<Int>? = nil, splits: Int = 0) -> Outcome {
        run(weights: weights[...], model: model, record: record, stride: stride, bars: bars, splits: splits)
    }

    func run<Fill, Fee>(weights: ArraySlice<Double>, model: ExecutionModel<Fill, Fee>, record: Bool, stride: Int = 1,
                        bars range: Range<Int>? = nil, splits: Int = 0) -> Outcome {
        let bars = range ?? 0..<tape.count
        var state = walk(weights: weights, model: model, stride: record ? max(1, stride) : 0, bars: bars, splits: splits)
        let n = bars.count
        if n > 0 { state.ledger.close(at: tape.closeTime[bars.upperBound - 1], price: tape.close[bars.upperBound - 1], position: state.position) }
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
        m.liquidations = state.liquidations
        let span = n > 0 ? tape.closeTime[bars.upperBound - 1] - (tape.closeTime[bars.lowerBound] - tape.interval) : 0
        m.setSignificance(stats, barsPerYear: barsPerYear, days: Double(span) / 86_400_000_000_000)
        return Outcome(metrics: m, trades: trades, equity: equityCurve, position: positions, blocks: state.blocks)
    }
}
