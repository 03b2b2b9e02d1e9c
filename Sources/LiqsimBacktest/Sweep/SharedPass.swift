import Foundation
import LiqsimCore
import LiqsimRegimes

/// Everything computed once per scenario — the tape, regimes, every distinct rule's
/// signals and fill schedule — so that each grid point only combines and simulates.
public final class SharedPass: @unchecked Sendable {   // immutable after init
    public let scenario: Scenario
    public let tape: MarketTape
    /// Per symbol: volatility regime, and trend fits by window over log close and over the composite.
    public let volatility: [VolatilitySeries]
    public let priceTrends: [[Int: TrendSeries]]
    public let sentimentTrends: [TrendSeries]
    private var signals: [SignalKey: RuleSignal] = [:]
    private var strengths: [SignalKey: [Double]] = [:]
    private var fillSchedules: [FillKey: FillSchedule] = [:]
    /// Per symbol: a zero strength column for rule slots a scenario does not use.
    private let zeros: [[Double]]
    public private(set) var regimeSeconds = 0.0, signalSeconds = 0.0

    /// The trend window of the regime columns in results.sqlite (the schema's default).
    public static let reportWindow = 60

    struct SignalKey: Hashable { var symbol: Int; var rule: RuleKey }
    enum RuleKey: Hashable { case trend(TrendRule), range(RangeRule), cascade(CascadeRule) }
    struct FillKey: Hashable { var symbol: Int; var latency: Int64 }

    /// `points`: the grid points this process will run (a shard's); nil = all.
    public init(scenario: Scenario, tape: MarketTape, points wanted: [Int]? = nil) {
        self.scenario = scenario
        self.tape = tape
        BLASThreads.pinToOne()
        let regimeStart = Date()
        let grid = scenario.grid
        let indices = wanted ?? Array(0..<grid.count)
        var parameters = VolatilityParameters()
        parameters.rvWindow = scenario.regimes.volatilityWindow
        parameters.zLookback = scenario.regimes.zLookback
        parameters.minSamples = scenario.regimes.minSamples
        parameters.harPeriod = scenario.regimes.harPeriod
        parameters.refitEvery = scenario.regimes.refitEvery
        // Trend fits for every window any rule uses (read off the axes, not the points).
        // The default window is always fitted: results.sqlite's bars carry its trend labels.
        let windows = Set([Self.reportWindow] + ["trend.window", "range.window"].flatMap { name in
            grid.axisIndex(name).map { grid.axes[$0].values.compactMap { $0.number.map(Int.init) } } ?? []
        }).sorted()
        var volatility: [VolatilitySeries] = [], priceTrends: [[Int: TrendSeries]] = [], sentimentTrends: [TrendSeries] = []
        for t in tape.symbols {
            let logClose = t.close.map { Foundation.log($0) }
            volatility.append(VolatilityRegime.compute(close: t.close, parameters: parameters))
            priceTrends.append(Dictionary(uniqueKeysWithValues: windows.map { ($0, RollingOLS.trend(logClose, window: $0)) }))
            sentimentTrends.append(RollingOLS.trend(t.composite, window: Self.reportWindow))
        }
        self.volatility = volatility
        self.priceTrends = priceTrends
        self.sentimentTrends = sentimentTrends
        zeros = tape.symbols.map { [Double](repeating: 0, count: $0.count) }
        regimeSeconds = Date().timeIntervalSince(regimeStart)

        let signalStart = Date()
        for k in indices {
            let p = grid.point(k)
            let s = symbolIndex(p)
            for rule in Self.rules(of: p, scenario: scenario) where signals[SignalKey(symbol: s, rule: rule)] == nil {
                let signal = compute(rule, symbol: s)
                signals[SignalKey(symbol: s, rule: rule)] = signal
                strengths[SignalKey(symbol: s, rule: rule)] = signal.strength
            }
            let latency = Self.model(of: p).latencyNanos
            if fillSchedules[FillKey(symbol: s, latency: latency)] == nil {
                fillSchedules[FillKey(symbol: s, latency: latency)] = FillSchedule(tape: tape.symbols[s], latencyNanos: latency)
            }
        }
        signalSeconds = Date().timeIntervalSince(signalStart)
    }

    func symbolIndex(_ p: GridPoint) -> Int {
        let name = p.text("symbol")
        return tape.symbols.firstIndex { $0.symbol.description == name } ?? 0
    }

    /// The rules of a grid point, in `ruleNames` order (absent strategies are left out).
    static func rules(of p: GridPoint, scenario: Scenario) -> [RuleKey] {
        var out: [RuleKey] = []
        if scenario.strategies.contains("trend") {
            out.append(.trend(TrendRule(window: Int(p.number("trend.window")), entry: p.number("trend.entry"), tThreshold: p.number("trend.t"))))
        }
        if scenario.strategies.contains("range") {
            out.append(.range(RangeRule(window: Int(p.number("range.window")), zEntry: p.number("range.z_entry"), neutral: p.number("range.neutral"))))
        }
        if scenario.strategies.contains("cascade") {
            out.append(.cascade(CascadeRule(mode: CascadeRule.Mode(rawValue: p.text("cascade.mode")) ?? .fade, lookback: Int(p.number("cascade.lookback")),
                                            kSigma: p.number("cascade.k_sigma"), fundingExtreme: p.number("cascade.funding_extreme"),
                                            oiDropPct: p.number("cascade.oi_drop_pct"), volumeSpike: p.number("cascade.volume_spike"),
                                            liqVolumePct: p.number("cascade.liq_volume_pct"), risk: p.number("cascade.risk"),
                                            minConditions: Int(p.number("cascade.min_conditions")), hold: Int(p.number("cascade.hold")),
                                            volatilityWindow: scenario.regimes.volatilityWindow)))
        }
        return out
    }

    static func model(of p: GridPoint) -> ExecutionModel {
        ExecutionModel(equityUSD: p.number("account.equity_usd"), maxLeverage: p.number("account.max_leverage"),
                       feeBps: p.number("execution.fee_bps"), slippageBps: p.number("execution.slippage_bps"),
                       latencyMs: p.number("execution.latency_ms"), funding: p.flag("execution.funding"), rebalance: p.number("execution.rebalance"))
    }

    /// Weights in the order of `rules(of:)`, padded with zeros to the simulator's rule slots.
    func weights(of p: GridPoint) -> [Double] {
        scenario.strategies.map { p.number($0 + ".weight") } + Array(repeating: 0, count: Simulator.ruleSlots - scenario.strategies.count)
    }

    private func compute(_ rule: RuleKey, symbol s: Int) -> RuleSignal {
        let t = tape.symbols[s]
        switch rule {
        case .trend(let r): return r.signals(composite: t.composite, trend: priceTrends[s][r.window]!)
        case .range(let r): return r.signals(composite: t.composite, trend: priceTrends[s][r.window]!, volatility: volatility[s].labels)
        case .cascade(let r): return r.signals(t)
        }
    }

    /// Identifies the simulator of a grid point: symbol, rule parameters, latency.
    func simulatorKey(for p: GridPoint) -> SimulatorKey {
        SimulatorKey(symbol: symbolIndex(p), rules: Self.rules(of: p, scenario: scenario), latency: Self.model(of: p).latencyNanos)
    }

    struct SimulatorKey: Hashable { var symbol: Int; var rules: [RuleKey]; var latency: Int64 }

    /// The simulator of a grid point (shared inputs, no copies of the columns).
    func simulator(for p: GridPoint) -> Simulator {
        let s = symbolIndex(p)
        let columns = Self.rules(of: p, scenario: scenario).map { self.strengths[SignalKey(symbol: s, rule: $0)]! }
            + Array(repeating: zeros[s], count: Simulator.ruleSlots - scenario.strategies.count)
        return Simulator(tape: tape.symbols[s], fills: fillSchedules[FillKey(symbol: s, latency: Self.model(of: p).latencyNanos)]!, strengths: columns)
    }

    /// One rule's signals for a grid point (for reports and tests).
    public func signal(_ rule: String, for p: GridPoint) -> RuleSignal? {
        let s = symbolIndex(p)
        guard let k = scenario.strategies.firstIndex(of: rule) else { return nil }
        return signals[SignalKey(symbol: s, rule: Self.rules(of: p, scenario: scenario)[k])]
    }
}

extension SharedPass {
    /// The combined, clamped target (−1…1) of a grid point per bar (benchmarks, reports).
    public func combinedTarget(for p: GridPoint) -> [Double] {
        simulator(for: p).combined(weights: weights(of: p))
    }
}

extension SharedPass {
    /// Settings the data cannot honour (a window longer than the bars there are), each
    /// naming its field: the run goes on, but the user should know why a rule is silent.
    public var warnings: [String] {
        var out: [String] = []
        let grid = scenario.grid
        for t in tape.symbols {
            for name in ["trend.window", "range.window", "cascade.lookback"] {
                guard let a = grid.axisIndex(name), let strategy = name.split(separator: ".").first,
                      scenario.strategies.contains(String(strategy)) else { continue }
                for v in grid.axes[a].values { if let w = v.number, Int(w) >= t.count {
                    out.append("strategies.\(name) \(v) ≥ the \(t.count) bars of \(t.symbol): the \(strategy) rule cannot fire")
                } }
            }
            if scenario.regimes.minSamples + scenario.regimes.volatilityWindow > t.count {
                out.append("regimes: the volatility z-score needs \(scenario.regimes.volatilityWindow + scenario.regimes.minSamples) bars, "
                           + "\(t.symbol) has \(t.count): volatility reads NORMAL throughout")
            }
        }
        return out
    }
}
