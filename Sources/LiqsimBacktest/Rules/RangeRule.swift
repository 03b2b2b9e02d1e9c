import LiqsimRegimes

/// range (SPEC §6; docs/strategies.md): when the market is neutral (|composite| <
/// `neutral`) and volatility is COMPRESSED or NORMAL, fade the distance of the close from
/// the rolling regression line: z = the last residual ÷ the residual standard error;
/// z > `zEntry` → short, z < −`zEntry` → long. Confidence = min(1, |z| ÷ 2·zEntry).
public struct RangeRule: StrategyRule {
    public static let name = "range"
    public static let parameters: [ParameterSpec] = [
        .lookback("window", 60, min: 3, max: 100_000),
        .number("z_entry", 2, min: 0, max: 100, above: true),
        .number("neutral", 0.2, max: 1),
    ]

    public var window: Int
    public var zEntry: Double
    public var neutral: Double

    public init(window: Int, zEntry: Double, neutral: Double) {
        self.window = window
        self.zEntry = zEntry
        self.neutral = neutral
    }

    public init(point: RulePoint, scenario: Scenario) {
        self.init(window: point.integer("window"), zEntry: point.number("z_entry"), neutral: point.number("neutral"))
    }

    public func signals(_ tape: SymbolTape, _ inputs: RuleInputs) -> RuleSignal {
        signals(composite: tape.composite, trend: inputs.priceTrend(window: window), volatility: inputs.volatility.labels)
    }

    public func signals(composite: [Double], trend: TrendSeries, volatility: [VolatilityLabel]) -> RuleSignal {
        var out = RuleSignal(count: composite.count)
        for i in composite.indices where abs(composite[i]) < neutral && volatility[i] != .elevated {
            let z = trend.lastResidualZ[i]
            guard z.isFinite, abs(z) > zEntry else { continue }
            out.signal[i] = z > 0 ? -1 : 1
            out.confidence[i] = min(1, abs(z) / (2 * zEntry))
        }
        return out
    }
}
