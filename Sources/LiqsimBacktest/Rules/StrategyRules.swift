/// Every strategy rule a scenario may configure, one line each. The order is the schema's:
/// the order of the `strategies` grid axes, of the sweep's strength columns and of the rule
/// a trade names as its reason.
public enum StrategyRules {
    public static let all: [any StrategyRule.Type] = [
        TrendRule.self,
        RangeRule.self,
        CascadeRule.self,
    ]
}
