/// What one scenario parameter may hold, and its default. The one schema source: the
/// scenario reader validates against it and fills defaults from it; `ScenarioSchema` holds
/// the account and execution keys, each rule its own (`StrategyRule.parameters`), and
/// docs/scenarios.md and docs/strategies.md list them.
public struct ParameterSpec: Sendable {
    public enum Kind: Sendable {
        /// A number in [min, max] (`above: true` makes the lower bound exclusive).
        case number(min: Double, max: Double, integer: Bool, above: Bool)
        case choice([String])
        case flag
    }

    public let key: String
    public let kind: Kind
    public let defaultValue: ScenarioValue
    /// Bars of history a rule needs before it can fire: a value at least the bars of a
    /// symbol silences the rule there, and the shared pass warns.
    public let isLookback: Bool

    public init(key: String, kind: Kind, defaultValue: ScenarioValue, isLookback: Bool = false) {
        self.key = key
        self.kind = kind
        self.defaultValue = defaultValue
        self.isLookback = isLookback
    }

    public static func number(_ key: String, _ value: Double, min: Double = 0, max: Double = .greatestFiniteMagnitude, above: Bool = false) -> ParameterSpec {
        ParameterSpec(key: key, kind: .number(min: min, max: max, integer: false, above: above), defaultValue: .number(value))
    }

    public static func integer(_ key: String, _ value: Int, min: Int, max: Int = 1_000_000) -> ParameterSpec {
        ParameterSpec(key: key, kind: .number(min: Double(min), max: Double(max), integer: true, above: false), defaultValue: .number(Double(value)))
    }

    /// A whole number of bars of history (see `isLookback`).
    public static func lookback(_ key: String, _ value: Int, min: Int, max: Int) -> ParameterSpec {
        ParameterSpec(key: key, kind: .number(min: Double(min), max: Double(max), integer: true, above: false),
                      defaultValue: .number(Double(value)), isLookback: true)
    }

    public static func choice(_ key: String, _ options: [String], default value: String) -> ParameterSpec {
        ParameterSpec(key: key, kind: .choice(options), defaultValue: .text(value))
    }

    public static func flag(_ key: String, _ value: Bool) -> ParameterSpec {
        ParameterSpec(key: key, kind: .flag, defaultValue: .flag(value))
    }

    /// Checks a value; nil when valid, else what is wrong.
    func problem(with value: ScenarioValue) -> String? {
        switch (kind, value) {
        case (.number(let lo, let hi, let integer, let above), .number(let v)):
            if !v.isFinite { return "must be a finite number" }
            if integer && v != v.rounded() { return "must be a whole number" }
            if above ? v <= lo : v < lo { return "must be \(above ? "above" : "at least") \(ScenarioValue.number(lo))" }
            if v > hi { return "must be at most \(ScenarioValue.number(hi))" }
            return nil
        case (.choice(let options), .text(let s)):
            return options.contains(s) ? nil : "must be one of \(options.joined(separator: ", "))"
        case (.flag, .flag):
            return nil
        case (.number, _): return "expected a number"
        case (.choice(let options), _): return "expected one of \(options.joined(separator: ", "))"
        case (.flag, _): return "expected true or false"
        }
    }
}
