/// The parameters of each grid section (SPEC §6). Any of them may be given as a list: a grid axis.
enum ScenarioSchema {
    static let account: [ParameterSpec] = [
        .number("equity_usd", 100_000, min: 0, max: 1e12, above: true),   // sums of 10^12-dollar positions stay exact to the cent
        .number("max_leverage", 1, min: 0, max: 125, above: true),
        // docs/scenarios.md, "Margin": whose money backs the position, and what a liquidation costs.
        .choice("margin", Margin.Mode.allCases.map(\.rawValue), default: Margin.Mode.isolated.rawValue),
        .number("liquidation_fee_bps", 50, max: 1_000),
    ]

    static let execution: [ParameterSpec] = [
        .number("fee_bps", 4, max: 1_000),
        .number("slippage_bps", 1, max: 1_000),
        .number("latency_ms", 100, max: 3_600_000),
        .flag("funding", true),
        // Trade only when the target differs from the position by more than this share of
        // the largest position (equity × max_leverage): otherwise every small change of a
        // rule's confidence would pay fees.
        .number("rebalance", 0.1, max: 0.99),   // at 1 no position could ever open (|target| ≤ 1)
    ]

    /// Every rule's first key: its weight in the combination, read by the sweep, not the rule.
    static let weight = ParameterSpec.number("weight", 1, min: -100, max: 100)

    /// The keys of a rule's section: its weight, then the rule's own.
    static func strategy(_ rule: any StrategyRule.Type) -> [ParameterSpec] {
        [weight] + rule.parameters
    }
}
