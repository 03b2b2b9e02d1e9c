import LiqsimCore
import LiqsimRegimes

/// Everything computed once per scenario — the tape, regimes, every distinct rule's
/// signals and fill schedule — so that each grid point only combines and simulates.
/// Immutable once built (every stored property is a `let`), so the sweep's threads share it.
public final class SharedPass: Sendable {
    public let scenario: Scenario
    public let tape: MarketTape
    /// Per symbol: volatility regime, and trend fits by window over log close and over the composite.
    public let volatility: [VolatilitySeries]
    public let priceTrends: [[Int: TrendSeries]]
    public let sentimentTrends: [TrendSeries]
    private let signals: [SignalKey: RuleSignal]
    private let strengths: [SignalKey: [Double]]
    private let fillSchedules: [FillKey: FillSchedule]
    /// Per symbol: where each bar's mark prices are (liquidation checks).
    private let markIndex: [MarkIndex]
    /// Per scenario rule: its keys' places in a grid point's values (the same for every
    /// point), and its weight's.
    private let ruleSlots: [[String: Int]]
    private let weightSlots: [Int]
    /// Per grid axis: whether it shapes a simulator (the symbol and the rules' parameters).
    let simulatorAxes: [Bool]
    /// Monotonic time spent in regimes (volatility and every trend fit) and in rule signals.
    public let regimeTime: Duration, signalTime: Duration

    /// The trend window of the regime columns in results.sqlite (the schema's default).
    public static let reportWindow = 60

    /// A rule's signals on one symbol: one per distinct parameter set (rules are values).
    struct SignalKey: Hashable, Sendable { var symbol: Int; var rule: RuleKey }
    /// A fill schedule: the fill model is the key.
    struct FillKey: Hashable, Sendable { var symbol: Int; var fill: LatencyFill }

    /// A rule as a dictionary key. `AnyHashable` cannot say that what it wraps is
    /// `Sendable`; every `StrategyRule` is, so the wrapper is.
    struct RuleKey: Hashable, @unchecked Sendable {
        let rule: AnyHashable
        init(_ rule: any StrategyRule) { self.rule = AnyHashable(rule) }
    }

    /// `points`: the grid points this process will run (a shard's); nil = all.
    public init(scenario: Scenario, tape: MarketTape, points wanted: [Int]? = nil) {
        self.scenario = scenario
        self.tape = tape
        let grid = scenario.grid
        let ruleSlots = scenario.rules.map { grid.point(0).slots(of: $0.name) }
        self.ruleSlots = ruleSlots
        weightSlots = scenario.rules.map { grid.axisIndex($0.name + ".weight")! }
        let parameters = Set(scenario.rules.flatMap { rule in rule.parameters.map { rule.name + "." + $0.key } } + ["symbol"])
        let simulatorAxes = grid.axes.map { parameters.contains($0.name) }
        self.simulatorAxes = simulatorAxes
        BLASThreads.pinToOne()
        let clock = ContinuousClock()
        let regimeStart = clock.now
        let inputs = tape.symbols.map { RuleInputs(tape: $0, regimes: scenario.regimes) }
        // results.sqlite's bars carry the default window's trend labels, whatever the rules use.
        for symbol in inputs { _ = symbol.priceTrend(window: Self.reportWindow) }
        volatility = inputs.map(\.volatility)
        sentimentTrends = tape.symbols.map { RollingOLS.trend($0.composite, window: Self.reportWindow) }
        var regimeTime = clock.now - regimeStart

        let signalStart = clock.now, fittedBefore = inputs.reduce(Duration.zero) { $0 + $1.fitTime }
        var signals: [SignalKey: RuleSignal] = [:], strengths: [SignalKey: [Double]] = [:]
        var fillSchedules: [FillKey: FillSchedule] = [:]
        var seen = Set<Int>()   // symbol and rule parameters seen (weights do not change signals)
        for k in wanted ?? Array(0..<grid.count) {
            let p = grid.point(k)
            let s = Self.symbolIndex(p, tape)
            for rule in seen.insert(grid.index(k, along: simulatorAxes)).inserted ? Self.rules(of: p, scenario, ruleSlots) : [] {
                let key = SignalKey(symbol: s, rule: RuleKey(rule))
                guard signals[key] == nil else { continue }
                let signal = rule.signals(tape.symbols[s], inputs[s])
                signals[key] = signal
                strengths[key] = signal.strength
            }
            let fill = FillKey(symbol: s, fill: LatencyFill(point: p))
            if fillSchedules[fill] == nil { fillSchedules[fill] = fill.fill.schedule(tape.symbols[s]) }
        }
        self.signals = signals
        self.strengths = strengths
        self.fillSchedules = fillSchedules
        // Trend fits the rules asked for count as regime time, as the report window's does.
        let fitted = inputs.reduce(Duration.zero) { $0 + $1.fitTime } - fittedBefore
        signalTime = clock.now - signalStart - fitted
        regimeTime += fitted
        self.regimeTime = regimeTime
        priceTrends = inputs.map(\.trends)
        markIndex = tape.symbols.map(MarkIndex.init)
    }

    public var regimeSeconds: Double { regimeTime / .seconds(1) }
    public var signalSeconds: Double { signalTime / .seconds(1) }

    func symbolIndex(_ p: GridPoint) -> Int { Self.symbolIndex(p, tape) }

    private static func symbolIndex(_ p: GridPoint, _ tape: MarketTape) -> Int {
        let name = p.text("symbol")
        return tape.symbols.firstIndex { $0.symbol.description == name } ?? 0
    }

    /// The rules of a grid point, in the scenario's order.
    func rules(of p: GridPoint) -> [any StrategyRule] { Self.rules(of: p, scenario, ruleSlots) }

    private static func rules(of p: GridPoint, _ scenario: Scenario, _ ruleSlots: [[String: Int]]) -> [any StrategyRule] {
        zip(scenario.rules, ruleSlots).map { rule, slots in rule.init(point: RulePoint(p, rule: rule.name, slots: slots), scenario: scenario) }
    }

    /// Weights in the order of `rules(of:)`.
    func weights(of p: GridPoint) -> [Double] {
        weightSlots.map { p.values[$0].number! }
    }

    /// Identifies the simulator of a grid point: symbol, rule parameters, fill model.
    func simulatorKey(for p: GridPoint, fill: LatencyFill) -> SimulatorKey {
        SimulatorKey(symbol: symbolIndex(p), rules: rules(of: p).map(RuleKey.init), fill: fill)
    }

    struct SimulatorKey: Hashable, Sendable { var symbol: Int; var rules: [RuleKey]; var fill: LatencyFill }

    /// The simulator of a key (shared inputs).
    func simulator(for key: SimulatorKey) -> Simulator {
        let columns = key.rules.map { strengths[SignalKey(symbol: key.symbol, rule: $0)]! }
        return Simulator(tape: tape.symbols[key.symbol], fills: fillSchedules[FillKey(symbol: key.symbol, fill: key.fill)]!, strengths: columns,
                         marks: markIndex[key.symbol])
    }

    func simulator(for p: GridPoint) -> Simulator { simulator(for: simulatorKey(for: p, fill: LatencyFill(point: p))) }

    /// One rule's signals for a grid point (for reports and tests).
    public func signal(_ rule: String, for p: GridPoint) -> RuleSignal? {
        guard let k = scenario.strategies.firstIndex(of: rule) else { return nil }
        return signals[SignalKey(symbol: symbolIndex(p), rule: RuleKey(rules(of: p)[k]))]
    }
}

extension SharedPass {
    /// The combined, clamped target (−1…1) of a grid point per bar (benchmarks, reports).
    public func combinedTarget(for p: GridPoint) -> [Double] {
        simulator(for: p).combined(weights: weights(of: p))
    }
}
