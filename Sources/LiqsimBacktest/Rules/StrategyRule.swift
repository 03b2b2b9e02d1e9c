/// A strategy rule (docs/strategies.md): its keys under `strategies.<name>` in a scenario,
/// and its opinion at every bar close of one symbol.
///
/// A rule is a value built from one grid point; equal values give equal signals, so the
/// shared pass computes each distinct parameter set once per symbol (hence `Hashable`).
/// Adding a rule: a file here, one line in `StrategyRules.all`, its section in
/// docs/strategies.md. The scenario schema, the shared pass, the sweep and the result files
/// read the list; nothing else names a rule.
public protocol StrategyRule: Sendable, Hashable {
    /// The section under `strategies:` and the prefix of the rule's grid keys (`cascade.hold`).
    static var name: String { get }

    /// The rule's keys with their defaults and ranges, in schema order: its part of the
    /// scenario schema. `weight` is not among them: the schema gives every rule one, read by
    /// the sweep's combination, not by the rule.
    static var parameters: [ParameterSpec] { get }

    /// True when the rule cannot fire without liquidation records (the shared pass warns
    /// when the captures hold none). Default false.
    static var readsLiquidations: Bool { get }

    /// The rule at one grid point. Reads only the keys it declares; the scenario reader has
    /// validated them against `parameters`.
    init(point: RulePoint, scenario: Scenario)

    /// A signal in [−1, 1] and a confidence in [0, 1] at each bar close of `tape`, from data
    /// known at that close only.
    func signals(_ tape: SymbolTape, _ inputs: RuleInputs) -> RuleSignal
}

extension StrategyRule {
    public static var readsLiquidations: Bool { false }
}
