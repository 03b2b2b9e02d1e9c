import Foundation
import Testing
import LiqsimBacktest

/// Scenario validation: every kind of bad scenario names file, line and field.
@Suite("Backtest scenarios")
struct ScenarioTests {
    static var capture: String { BacktestMarkets.hand }

    static func valid(_ strategies: String = "  cascade: {weight: [0.5, 1, 2], mode: fade}") -> String {
        """
        name: t
        data:
          captures: [\(capture)]
          symbols: [BTCUSDT]
        bar: 1m
        account: {equity_usd: 100000, max_leverage: 3}
        execution: {fee_bps: 4, slippage_bps: 1, latency_ms: 100, funding: true}
        strategies:
          trend:   {weight: [0, 0.5, 1], window: 60}
          range:   {weight: [0, 0.5, 1], z_entry: 2.0}
        \(strategies)
        """
    }

    static func failure(_ text: String) -> ScenarioError? {
        do { _ = try Scenario.parse(text, file: "s.yaml"); return nil } catch let e as ScenarioError { return e } catch { return nil }
    }

    @Test func theSpecExampleIsA27PointGrid() throws {
        let s = try Scenario.parse(Self.valid(), file: "s.yaml")
        #expect(s.grid.count == 27)
        #expect(s.strategies == ["trend", "range", "cascade"])
        #expect(s.grid.shownAxes.map(\.name) == ["symbol", "trend.weight", "range.weight", "cascade.weight"])
        // Row-major: the last axis changes fastest.
        #expect(s.grid.point(0)["cascade.weight"] == .number(0.5) && s.grid.point(1)["cascade.weight"] == .number(1))
        #expect(s.grid.point(26)["trend.weight"] == .number(1))
        #expect(s.grid.point(5).number("execution.fee_bps") == 4)
        #expect(s.grid.point(5).text("cascade.mode") == "fade")
        #expect(s.grid.point(5).number("cascade.hold") == 30, "defaults fill the keys not given")
    }

    @Test func ruleParametersAndExecutionAreGridAxesToo() throws {
        let s = try Scenario.parse(Self.valid("  cascade: {weight: 1, mode: [fade, follow], lookback: [3, 5]}")
            .replacingOccurrences(of: "latency_ms: 100", with: "latency_ms: [0, 250]"), file: "s.yaml")
        #expect(s.grid.count == 3 * 3 * 2 * 2 * 2)
        #expect(s.grid.shownAxes.map(\.name).contains("cascade.mode"))
        #expect(s.grid.shownAxes.map(\.name).contains("execution.latency_ms"))
    }

    @Test func unknownKeysNameLineAndField() throws {
        let e = try #require(Self.failure(Self.valid().replacingOccurrences(of: "z_entry: 2.0", with: "z_entyr: 2.0")))
        #expect(e.file == "s.yaml" && e.line == 10 && e.field == "strategies.range.z_entyr")
        #expect(e.message.contains("unknown key") && e.message.contains("z_entry"))
        let top = try #require(Self.failure(Self.valid() + "\nsymbol: BTCUSDT\n"))
        #expect(top.field == "symbol" && top.line == 12)
    }

    @Test func wrongTypesNameLineAndField() throws {
        let e = try #require(Self.failure(Self.valid().replacingOccurrences(of: "fee_bps: 4", with: "fee_bps: four")))
        #expect(e.line == 7 && e.field == "execution.fee_bps" && e.message == "expected a number")
        let mode = try #require(Self.failure(Self.valid("  cascade: {weight: 1, mode: fadee}")))
        #expect(mode.field == "strategies.cascade.mode" && mode.message.contains("fade, follow"))
        let flag = try #require(Self.failure(Self.valid().replacingOccurrences(of: "funding: true", with: "funding: 1")))
        #expect(flag.field == "execution.funding" && flag.message == "expected true or false")
        let quoted = try #require(Self.failure(Self.valid().replacingOccurrences(of: "max_leverage: 3", with: "max_leverage: \"3\"")))
        #expect(quoted.field == "account.max_leverage")
    }

    @Test func missingCapturesNameTheEntry() throws {
        let e = try #require(Self.failure(Self.valid().replacingOccurrences(of: Self.capture, with: "/nonexistent/x.lqc.zst")))
        #expect(e.line == 3 && e.field == "data.captures" && e.message.contains("/nonexistent/x.lqc.zst"))
        let none = try #require(Self.failure(Self.valid().replacingOccurrences(of: "  captures: [\(Self.capture)]\n", with: "")))
        #expect(none.field == "data.captures" && none.message.hasPrefix("missing"))
    }

    @Test func emptyGridsAreRefused() throws {
        let e = try #require(Self.failure(Self.valid().replacingOccurrences(of: "weight: [0, 0.5, 1], window", with: "weight: [], window")))
        #expect(e.line == 9 && e.field == "strategies.trend.weight" && e.message.contains("empty list"))
        let noStrategies = try #require(Self.failure(Self.valid().components(separatedBy: "strategies:")[0] + "strategies: {}\n"))
        #expect(noStrategies.field == "strategies" && noStrategies.message.contains("at least one"))
        let duplicate = try #require(Self.failure(Self.valid("  cascade: {weight: [1, 1]}")))
        #expect(duplicate.message.contains("twice"))
    }

    @Test func invalidRangesAreRefused() throws {
        let cases: [(String, String, String)] = [
            ("fee_bps: 4", "fee_bps: -1", "execution.fee_bps"),
            ("max_leverage: 3", "max_leverage: 0", "account.max_leverage"),
            ("window: 60", "window: 2", "strategies.trend.window"),
            ("window: 60", "window: 60.5", "strategies.trend.window"),
            ("z_entry: 2.0", "z_entry: 0", "strategies.range.z_entry"),
            ("bar: 1m", "bar: 7s", "bar"),
            ("bar: 1m", "bar: [1m, 5m]", "bar"),
            ("symbols: [BTCUSDT]", "symbols: []", "data.symbols"),
        ]
        for (from, to, field) in cases {
            let e = try #require(Self.failure(Self.valid().replacingOccurrences(of: from, with: to)), "\(to)")
            #expect(e.field == field, "\(to): \(e)")
            #expect(e.line != nil, "\(to): \(e)")
        }
        let regimes = [("regimes: {z_lookback: 1m}", "regimes.z_lookback"), ("regimes: {z_lookback: 1h, min_samples: 61}", "regimes.min_samples"),
                       ("regimes: {volatility_window: 1m}", "regimes.volatility_window"), ("regimes: {refit: 30s}", "regimes.refit")]
        for (section, field) in regimes {
            #expect(Self.failure(Self.valid() + "\n" + section + "\n")?.field == field, "\(section)")
        }
        let small = try Scenario.parse(Self.valid() + "\nregimes: {z_lookback: 1h}\n", file: "s.yaml")
        #expect(small.regimes.minSamples == 60, "the default (2 × the volatility window) is capped at z_lookback")
        let late = Self.valid().replacingOccurrences(of: "symbols: [BTCUSDT]", with: "symbols: [BTCUSDT]\n  from: 2026-01-02T00:00:00Z\n  to: 2026-01-01T00:00:00Z")
        #expect(Self.failure(late)?.field == "data.to")
    }

    @Test func hugeGridsAreRefusedAtTheAxisThatOverflows() throws {
        let ten = "[" + (1...10).map(String.init).joined(separator: ", ") + "]"
        let text = Self.valid("  cascade: {weight: \(ten), lookback: \(ten), k_sigma: \(ten), oi_drop_pct: \(ten), volume_spike: \(ten), liq_volume_pct: \(ten), risk: [0.1, 0.2, 0.3]}")
        let e = try #require(Self.failure(text))
        // 3 × 3 × 10⁶ = 9 M runs fit; the three risk values would make 27 M.
        #expect(e.field == "strategies.cascade.risk" && e.message.contains("larger than"), "\(e)")
    }

    @Test func badYAMLNamesTheLine() throws {
        let e = try #require(Self.failure("name: x\ndata: [unclosed\n"))
        #expect(e.line != nil && e.message.hasPrefix("not valid YAML"))
        #expect(e.column != nil && e.field != "-", "\(e)")
        // The field is the key path in force where the parser stopped.
        let nested = try #require(Self.failure("name: x\ndata:\n  captures: [a\n  symbols: \"BTC\n"))
        #expect(nested.field.hasPrefix("data."), "\(nested)")
        #expect(nested.column != nil)
    }

    @Test func longNamesThatBecomeDirectoriesAreRefused() throws {
        let long = String(repeating: "n", count: 101)
        let e = try #require(Self.failure(Self.valid().replacingOccurrences(of: "name: ", with: "name: \(long)_")))
        #expect(e.field == "name" && e.message.contains("at most 100") && e.column != nil, "\(e)")
    }
}
