/// What one scenario parameter may hold, and its default. The schema tables below are the
/// single source for validation, defaults and docs/scenarios.md.
struct ParameterSpec: Sendable {
    enum Kind: Sendable {
        /// A number in [min, max] (`above: true` makes the lower bound exclusive).
        case number(min: Double, max: Double, integer: Bool, above: Bool)
        case choice([String])
        case flag
    }

    let key: String
    let kind: Kind
    let defaultValue: ScenarioValue

    static func number(_ key: String, _ value: Double, min: Double = 0, max: Double = .greatestFiniteMagnitude, above: Bool = false) -> ParameterSpec {
        ParameterSpec(key: key, kind: .number(min: min, max: max, integer: false, above: above), defaultValue: .number(value))
    }

    static func integer(_ key: String, _ value: Int, min: Int, max: Int = 1_000_000) -> ParameterSpec {
        ParameterSpec(key: key, kind: .number(min: Double(min), max: Double(max), integer: true, above: false), defaultValue: .number(Double(value)))
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

/// The parameters of each grid section (SPEC §6). Any of them may be given as a list: a grid axis.
enum ScenarioSchema {
    static let account: [ParameterSpec] = [
        .number("equity_usd", 100_000, min: 0, above: true),
        .number("max_leverage", 1, min: 0, max: 125, above: true),
    ]

    static let execution: [ParameterSpec] = [
        .number("fee_bps", 4, max: 1_000),
        .number("slippage_bps", 1, max: 1_000),
        .number("latency_ms", 100, max: 3_600_000),
        ParameterSpec(key: "funding", kind: .flag, defaultValue: .flag(true)),
        // Trade only when the target differs from the position by more than this share of
        // the largest position (equity × max_leverage): otherwise every small change of a
        // rule's confidence would pay fees.
        .number("rebalance", 0.1, max: 0.99),   // at 1 no position could ever open (|target| ≤ 1)
    ]

    static let trend: [ParameterSpec] = [
        .number("weight", 1, min: -100, max: 100),
        .integer("window", 60, min: 3, max: 100_000),
        .number("entry", 0.5, max: 1),
        .number("t", 2, min: 0, above: true),
    ]

    static let range: [ParameterSpec] = [
        .number("weight", 1, min: -100, max: 100),
        .integer("window", 60, min: 3, max: 100_000),
        .number("z_entry", 2, min: 0, max: 100, above: true),
        .number("neutral", 0.2, max: 1),
    ]

    static let cascade: [ParameterSpec] = [
        .number("weight", 1, min: -100, max: 100),
        ParameterSpec(key: "mode", kind: .choice(["fade", "follow"]), defaultValue: .text("fade")),
        .integer("lookback", 5, min: 1, max: 10_000),
        .number("k_sigma", 3, min: 0, max: 100, above: true),
        .number("funding_extreme", 0.0003, max: 1),
        .number("oi_drop_pct", 1, max: 100),
        .number("volume_spike", 3, min: 0, max: 1_000, above: true),
        .number("liq_volume_pct", 2, max: 100),
        .number("risk", 0.6, max: 1),
        .integer("min_conditions", 3, min: 1, max: 6),
        .integer("hold", 30, min: 1, max: 100_000),
    ]

    static let strategies: [(name: String, parameters: [ParameterSpec])] = [
        ("trend", trend), ("range", range), ("cascade", cascade),
    ]
}
