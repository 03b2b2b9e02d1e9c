import Foundation
import Testing
@testable import LiqsimBacktest

/// What every rule in `StrategyRules.all` promises (StrategyRule, docs/strategies.md): its
/// keys are in the scenario schema with valid defaults and documented, it reads exactly the
/// keys it declares, and its signals stay in range and never read the future.
@Suite("Backtest strategy rule contract")
struct StrategyRuleContractTests {
    /// The generated market's scenario with `sections` as its strategies.
    static func scenario(_ sections: String) -> String {
        let text = BacktestMarkets.generatedScenario()
        let head = text.components(separatedBy: "strategies:")[0], tail = text.components(separatedBy: "\npipeline:")[1]
        return head + "strategies:\n" + sections + "pipeline:" + tail
    }

    /// Every rule of the list, each at its defaults.
    static var everyRule: String { scenario(StrategyRules.all.map { "  \($0.name): {}\n" }.joined()) }

    @Test func everyRulesKeysAreInTheSchemaWithValidDefaults() throws {
        let names = StrategyRules.all.map { $0.name }
        #expect(Set(names).count == names.count, "a rule's name is its section: unique")
        let scenario = try Scenario.parse(Self.everyRule, file: "all.yaml")
        #expect(scenario.strategies == names)
        let point = scenario.grid.point(0)
        for rule in StrategyRules.all {
            #expect(!rule.parameters.contains { $0.key == "weight" }, "\(rule.name): the schema adds weight")
            #expect(point[rule.name + ".weight"] == .number(1))
            for spec in rule.parameters {
                #expect(spec.problem(with: spec.defaultValue) == nil, "\(rule.name).\(spec.key): default \(spec.defaultValue)")
                #expect(point[rule.name + "." + spec.key] == spec.defaultValue, "\(rule.name).\(spec.key): an axis holding its default")
            }
            // The file is checked against the rule's keys: a misspelt one is refused, naming them.
            let bad = Self.everyRule.replacingOccurrences(of: "  \(rule.name): {}", with: "  \(rule.name): {bogus: 1}")
            let error = try #require(ScenarioTests.failure(bad))
            #expect(error.field == "strategies.\(rule.name).bogus" && error.line != nil)
            for spec in rule.parameters { #expect(error.message.contains(spec.key), "\(error.message)") }
        }
    }

    /// An unknown key traps (`GridPoint`), which a test cannot watch in-process; instead a
    /// logging view proves each rule reads exactly the keys it declares.
    @Test func everyKeyARuleReadsIsDeclared() throws {
        let scenario = try Scenario.parse(Self.everyRule, file: "all.yaml")
        for rule in StrategyRules.all {
            let log = KeyLog()
            _ = rule.init(point: RulePoint(scenario.grid.point(0), rule: rule.name, slots: scenario.grid.point(0).slots(of: rule.name), log: log), scenario: scenario)
            #expect(log.undeclared.isEmpty, "\(rule.name) reads undeclared keys \(log.undeclared)")
            #expect(Set(log.read) == Set(rule.parameters.map(\.key)), "\(rule.name) declares keys it never reads")
        }
    }

    @Test func everyRulesKeysAreDocumented() throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        let doc = try String(contentsOf: root.appendingPathComponent("docs/strategies.md"), encoding: .utf8)
        for rule in StrategyRules.all {
            let parts = doc.components(separatedBy: "\n## \(rule.name)\n")
            #expect(parts.count == 2, "docs/strategies.md has a section ## \(rule.name)")
            let section = parts.count == 2 ? parts[1].components(separatedBy: "\n## ")[0] : ""
            for spec in rule.parameters {
                #expect(section.contains("| `\(spec.key)` | \(spec.defaultValue) |"), "docs/strategies.md ## \(rule.name): row for \(spec.key)")
            }
        }
    }

    /// A lookback key (`ParameterSpec.lookback`) of at least the bars there are warns, naming
    /// its field, for whichever rule declares it.
    @Test func lookbacksLongerThanTheDataWarn() throws {
        let text = BacktestMarkets.handScenario(capture: BacktestMarkets.hand).replacingOccurrences(
            of: "  trend: {weight: 1}", with: "  trend: {window: [3, 60]}\n  range: {}\n  cascade: {lookback: [5, 6], hold: 7}")
        let scenario = try Scenario.parse(text, file: "hand.yaml")
        let shared = SharedPass(scenario: scenario, tape: try MarketTape.build(scenario))
        #expect(shared.warnings == [
            // The hand market has no liquidations: the cascade rule is said to be silent (issue 15).
            "strategies.cascade: the captures hold no liquidation records for BTCUSDT, so the cascade rule cannot fire and every run of it "
                + "trades nothing (Binance Vision archives have no liquidations: name captures that do, e.g. a Tardis import, under data.liquidations)",
            "strategies.trend.window 60 ≥ the 6 bars of BTCUSDT: the trend rule cannot fire",
            "strategies.range.window 60 ≥ the 6 bars of BTCUSDT: the range rule cannot fire",
            "strategies.cascade.lookback 6 ≥ the 6 bars of BTCUSDT: the cascade rule cannot fire",
            "regimes: the volatility z-score needs 180 bars, BTCUSDT has 6: volatility reads NORMAL throughout",
        ], "hold is counted in bars but needs no history: no warning")
    }

    /// Each rule at its defaults and with one key at a time moved to a bound of its range
    /// (or halfway to an open bound), every choice and flag: signals in [−1, 1], confidence
    /// in [0, 1], and on the capture cut at bar 70 exactly the full run's first bars. Some
    /// setting must fire on the generated market, or the checks would hold vacuously.
    @Test func signalsStayInRangeAndNeverReadTheFuture() throws {
        let scenario = try Scenario.parse(Self.everyRule, file: "all.yaml")
        let full = try MarketTape.build(scenario).symbols[0]
        let cutText = Self.everyRule.replacingOccurrences(of: "symbols: [BTCUSDT]}", with: "symbols: [BTCUSDT], to: \(full.closeTime[70])}")
        let cut = try MarketTape.build(try Scenario.parse(cutText, file: "cut.yaml")).symbols[0]
        let n = cut.count
        #expect(n > 60 && n < full.count && Array(full.closeTime.prefix(n)) == cut.closeTime)
        let fullInputs = RuleInputs(tape: full, regimes: scenario.regimes), cutInputs = RuleInputs(tape: cut, regimes: scenario.regimes)
        for rule in StrategyRules.all {
            var fired = 0
            for point in Self.variants(of: rule, around: scenario.grid.point(0)) {
                let r = rule.init(point: RulePoint(point, rule: rule.name), scenario: scenario)
                let a = r.signals(full, fullInputs), b = r.signals(cut, cutInputs)
                let at = "\(rule.name) at \(point.values.map(\.description))"
                #expect(a.signal.count == full.count && a.confidence.count == full.count, "\(at)")
                #expect(a.signal.allSatisfy { (-1...1).contains($0) } && a.confidence.allSatisfy { (0...1).contains($0) }, "\(at)")
                #expect(Array(a.signal.prefix(n)) == b.signal && Array(a.confidence.prefix(n)) == b.confidence, "\(at): look-ahead")
                if a.activeBars > 0 { fired += 1 }
            }
            #expect(fired > 0, "\(rule.name) never fires within its ranges on the generated market")
        }
    }

    /// `base` with one of the rule's keys at a time set to each probe value.
    static func variants(of rule: any StrategyRule.Type, around base: GridPoint) -> [GridPoint] {
        var out = [base]
        for spec in rule.parameters {
            guard let slot = base.names[rule.name + "." + spec.key] else { continue }
            let probes: [ScenarioValue]
            switch spec.kind {
            case .number(let lo, let hi, let integer, let above):
                let d = spec.defaultValue.number ?? lo
                let low = above ? (lo + d) / 2 : lo, high = hi <= 1_000_000 ? hi : d * 10
                probes = [low, high].map { .number(integer ? $0.rounded(.up) : $0) }
            case .choice(let options): probes = options.map { .text($0) }
            case .flag: probes = [.flag(false), .flag(true)]
            }
            for v in probes where v != spec.defaultValue && spec.problem(with: v) == nil {
                var values = base.values
                values[slot] = v
                out.append(GridPoint(index: base.index, values: values, names: base.names))
            }
        }
        return out
    }
}
