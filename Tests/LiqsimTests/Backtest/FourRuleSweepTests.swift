import Foundation
import Testing
@testable import LiqsimBacktest

/// A rule only this test registers: the same opinion at every bar, signal = the sign of
/// `level`, confidence = |level|.
struct ConstantRule: StrategyRule {
    static let name = "constant"
    static let parameters: [ParameterSpec] = [.number("level", 0.5, min: -1, max: 1)]

    var level: Double

    init(point: RulePoint, scenario: Scenario) { level = point.number("level") }

    func signals(_ tape: SymbolTape, _ inputs: RuleInputs) -> RuleSignal {
        var out = RuleSignal(count: tape.count)
        out.signal = Array(repeating: level > 0 ? 1 : (level < 0 ? -1 : 0), count: tape.count)
        out.confidence = Array(repeating: abs(level), count: tape.count)
        return out
    }
}

/// The sweep walks as many rules as the scenario configures: the three plus a test-only one.
@Suite("Backtest four rules")
struct FourRuleSweepTests {
    static let rules = StrategyRules.all + [ConstantRule.self]

    /// Trend and range silenced by weight 0; runs (cascade.weight, constant.weight) =
    /// (0, 0), (0, 1), (1, 0), (1, 1) with the constant rule, (0), (1) without it.
    static func scenario(constant: Bool) -> String {
        StrategyRuleContractTests.scenario("""
              trend: {weight: 0, window: 30, entry: 0.2}
              range: {weight: 0, window: 30, z_entry: 1.5}
              cascade: {weight: [0, 1], mode: fade, lookback: 3, min_conditions: 2, hold: 10}

            """ + (constant ? "  constant: {weight: [0, 1], level: 0.5}\n" : ""))
    }

    @Test func aTestOnlyRuleSweepsBesideTheThreeWithItsExactEffect() throws {
        let four = try Scenario.parse(Self.scenario(constant: true), file: "four.yaml", rules: Self.rules)
        #expect(four.strategies == ["trend", "range", "cascade", "constant"])
        #expect(four.grid.count == 4 && four.grid.point(1)["constant.level"] == .number(0.5))
        let shared = SharedPass(scenario: four, tape: try MarketTape.build(four))
        let runs = SweepEngine.run(shared, points: Array(0..<4), jobs: 2)
        let tape = shared.tape.symbols[0]
        #expect(try #require(shared.signal("constant", for: four.grid.point(1))).strength == Array(repeating: 0.5, count: tape.count))

        // (0, 0): every weight 0: never trades.
        #expect(runs[0].trades.isEmpty && runs[0].equity.allSatisfy { $0 == 100_000 })

        // (0, 1): the constant rule alone holds 0.5 × max_leverage 2 × equity from the first
        // close: 100,000 USD of BTC bought at the first trade ≥ 100 ms later, + 1 bp slippage.
        let fills = LatencyFill(latencyMs: 100).schedule(tape)
        #expect(fills.time[0] <= tape.closeTime[1], "the first decision fills inside the second bar")
        let quantity = 100_000 / tape.close[0], price = fills.price[0] * (1 + 0.0001)
        #expect(runs[1].position[0] == 0 && runs[1].position[1] == quantity)
        let trade = try #require(runs[1].trades.first)
        #expect(runs[1].trades.count == 1 && trade.openAtEnd, "a constant target never rebalances")
        #expect(trade.reason == 3 && four.strategies[trade.reason] == "constant", "the fourth rule opened it")
        #expect(trade.entryTime == fills.time[0] && trade.quantity == quantity && abs(trade.entryPrice / price - 1) < 1e-12)
        #expect(abs(trade.fees - quantity * price * 0.0004) < 1e-9, "4 bp on entry; closed at the end without a fee")

        // (1, 0): the fourth column at weight 0 changes nothing: exactly the three-rule run.
        let three = try Scenario.parse(Self.scenario(constant: false), file: "three.yaml")
        let threeRuns = SweepEngine.run(SharedPass(scenario: three, tape: try MarketTape.build(three)), points: [0, 1], jobs: 1)
        for (a, b) in [(runs[0], threeRuns[0]), (runs[2], threeRuns[1])] {
            #expect(a.metrics == b.metrics && a.trades == b.trades && a.equity == b.equity && a.position == b.position)
        }
        #expect(runs[2].metrics.trades > 0, "the cascade rule trades on the generated market")

        // (1, 1): the combination adds the constant to the cascade's strength at every bar.
        let cascade = try #require(shared.signal("cascade", for: four.grid.point(3)))
        #expect(shared.combinedTarget(for: four.grid.point(3)) == cascade.strength.map { min(1, max(-1, $0 + 0.5)) })
        #expect(runs[3].metrics != runs[2].metrics && runs[3].metrics != runs[1].metrics)
    }

    /// Without the test's registration the fourth section is an unknown key, with its place.
    @Test func aRuleOutsideTheListIsAnUnknownSection() throws {
        let error = try #require(ScenarioTests.failure(Self.scenario(constant: true)))
        #expect(error.field == "strategies.constant" && error.line != nil)
        #expect(error.message.contains("expected one of trend, range, cascade"))
    }
}
