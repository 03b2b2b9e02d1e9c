import LiqsimRegimes

/// trend (SPEC §6; docs/strategies.md): long when the sentiment composite is above
/// `entry` and the price trend is STRENGTHENING (mean log return > 0, its Newey–West
/// t > `t`), short when the composite is below −`entry` and the trend is WEAKENING.
/// Confidence = R² × min(1, |t| ÷ 2t): it grows with both the fit's strength and its
/// significance.
public struct TrendRule: StrategyRule {
    public static let name = "trend"
    public static let parameters: [ParameterSpec] = [
        .lookback("window", 60, min: 3, max: 100_000),
        .number("entry", 0.5, max: 1),
        .number("t", 2, min: 0, max: 100, above: true),
    ]

    public var window: Int
    public var entry: Double
    public var tThreshold: Double

    public init(window: Int, entry: Double, tThreshold: Double) {
        self.window = window
        self.entry = entry
        self.tThreshold = tThreshold
    }

    public init(point: RulePoint, scenario: Scenario) {
        self.init(window: point.integer("window"), entry: point.number("entry"), tThreshold: point.number("t"))
    }

    public func signals(_ tape: SymbolTape, _ inputs: RuleInputs) -> RuleSignal {
        signals(composite: tape.composite, trend: inputs.priceTrend(window: window))
    }

    public func signals(composite: [Double], trend: TrendSeries) -> RuleSignal {
        var out = RuleSignal(count: composite.count)
        for i in composite.indices {
            let label = trend.label(at: i, tThreshold: tThreshold)
            let direction: Double
            if composite[i] > entry && label == .strengthening { direction = 1 }
            else if composite[i] < -entry && label == .weakening { direction = -1 }
            else { continue }
            out.signal[i] = direction
            out.confidence[i] = Self.clamp01(trend.rSquared[i] * min(1, abs(trend.driftT[i]) / (2 * tThreshold)))
        }
        return out
    }

    static func clamp01(_ x: Double) -> Double { x.isNaN ? 0 : min(1, max(0, x)) }
}
