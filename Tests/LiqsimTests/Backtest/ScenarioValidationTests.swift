import Foundation
import Testing
import LiqsimBacktest
import LiqsimCore

/// The `margin` and `validation` sections and the margin account keys: values read, and
/// mistakes named with file, line and field.
@Suite("Backtest scenario margin and validation")
struct ScenarioValidationTests {
    static func parse(_ extra: String, account: String = "{equity_usd: 100000, max_leverage: [3, 20], margin: [isolated, cross]}",
                      symbols: String = "[BTCUSDT]") throws -> Scenario {
        let text = ScenarioTests.valid().replacingOccurrences(of: "account: {equity_usd: 100000, max_leverage: 3}", with: "account: " + account)
            .replacingOccurrences(of: "symbols: [BTCUSDT]", with: "symbols: " + symbols)
        return try Scenario.parse(text + "\n" + extra, file: "s.yaml")
    }

    static func failure(_ extra: String) -> ScenarioError? {
        do { _ = try parse(extra); return nil } catch let e as ScenarioError { return e } catch { return nil }
    }

    @Test func keysAreReadWithTheirDefaults() throws {
        let s = try Self.parse("""
            margin: {tiers: {ethusdt: [[10000, 0.005], [100000, 0.0065]]}}
            validation: {walk_forward: {train: 6h, test: 2h, mode: anchored, metric: max_drawdown_pct}, pbo: {}}
            """, symbols: "[BTCUSDT, ETHUSDT]")
        #expect(s.grid.count == 2 * 27 * 4 && s.grid.shownAxes.map(\.name).contains("account.margin"))
        #expect(s.grid.point(0)["account.liquidation_fee_bps"] == .number(50))
        let eth = s.marginTiers(for: "ETHUSDT")
        #expect(eth.tiers.map(\.rate) == [0.005, 0.0065] && eth.tiers[0].amount == 0 && abs(eth.tiers[1].amount - 15) < 1e-9 && eth.tiers[1].upTo == .infinity)
        #expect(s.marginTiers(for: "BTCUSDT") == .binanceBTCUSDT && s.marginTiers(for: "SOLUSDT") == .flatOnePercent)
        let hour: Int64 = 3_600_000_000_000
        #expect(s.validation.walkForward == .init(train: 6 * hour, test: 2 * hour, step: 2 * hour, anchored: true, metric: "max_drawdown_pct"))
        #expect(s.validation.pboSplits == 16)
        #expect(try Self.parse("").validation == ValidationSettings())
    }

    @Test func mistakesNameTheirField() throws {
        let cases: [(String, String, String)] = [
            ("validation: {pbo: {splits: 7}}", "validation.pbo.splits", "even whole number"),
            ("validation: {pbo: {splits: 22}}", "validation.pbo.splits", "from 2 to 20"),
            ("validation: {walk_forward: {test: 1h}}", "validation.walk_forward.train", "missing"),
            ("validation: {walk_forward: {train: 90s, test: 1h}}", "validation.walk_forward.train", "whole number of bars"),
            ("validation: {walk_forward: {train: 1h, test: 1h, mode: sliding}}", "validation.walk_forward.mode", "rolling or anchored"),
            ("validation: {walk_forward: {train: 1h, test: 1h, metric: trades}}", "validation.walk_forward.metric", "must be one of"),
            ("validation: {folds: 3}", "validation.folds", "unknown key"),
            ("margin: {tiers: {BTCUSDT: [[50000, 0.005], [40000, 0.01]]}}", "margin.tiers.BTCUSDT", "increase"),
            ("margin: {tiers: {BTCUSDT: [[50000, 0.01], [90000, 0.005]]}}", "margin.tiers.BTCUSDT", "not decrease"),
            ("margin: {tiers: {BTCUSDT: [50000, 0.01]}}", "margin.tiers.BTCUSDT", "expected [notional up to, maintenance rate]"),
            ("margin: {tiers: {BTCUSDT: []}}", "margin.tiers.BTCUSDT", "expected a list"),
            ("margin: {tiers: {BTCUSTD: [[50000, 0.01]]}}", "margin.tiers.BTCUSTD", "not one of data.symbols"),
            ("margin: {tiers: {BTCUSDT: [[1e999, 0.01]]}}", "margin.tiers.BTCUSDT", "finite"),
        ]
        for (extra, field, message) in cases {
            let error = try #require(Self.failure(extra), "\(extra) parsed")
            #expect(error.field == field && error.message.contains(message) && error.line != nil, "\(extra): \(error)")
        }
        do {
            _ = try Self.parse("", account: "{equity_usd: 100000, margin: portfolio}")
            Issue.record("margin: portfolio parsed")
        } catch let e as ScenarioError {
            #expect(e.field == "account.margin" && e.message.contains("isolated, cross"))
        }
    }

    /// Found only after the replay, and still placed: the symbol's own line and column.
    @Test func aSymbolTheCapturesLackIsNamedWithItsLineAndColumn() throws {
        let text = BacktestMarkets.generatedScenario().replacingOccurrences(of: "symbols: [BTCUSDT]", with: "symbols: [BTCUSDT, XRPUSDT]")
        let column = (text.split(separator: "\n")[1].range(of: "XRPUSDT").map { text.split(separator: "\n")[1].distance(from: text.split(separator: "\n")[1].startIndex, to: $0.lowerBound) } ?? -1) + 1
        let scenario = try Scenario.parse(text, file: "gen.yaml")
        #expect(scenario.symbolPositions[Symbol("XRPUSDT")!] == SourcePosition(line: 2, column: column))
        #expect(throws: MarketTapeError.self) { try MarketTape.build(scenario) }
        do { _ = try MarketTape.build(scenario) } catch {
            #expect("\(error)".hasPrefix("gen.yaml:2:\(column): data.symbols: no trades of XRPUSDT in the captures"), "\(error)")
        }
    }
}
