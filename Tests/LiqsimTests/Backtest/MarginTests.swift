import Foundation
import Testing
@testable import LiqsimBacktest
import LiqsimResultFiles

/// Own-position margin on a hand market: flat at 100 for 4 minutes; the mark wicks to 95
/// at 00:02:30 and is back at 100 by 00:02:40, so every bar closes at 100. A long decided
/// at the first close (00:01) fills at 100 (latency 0, no fee, no slippage).
@Suite("Backtest margin and liquidation")
struct MarginTests {
    static let marks: [(second: Int, price: Double)] = [(65, 100), (90, 99.5), (150, 95), (160, 100), (200, 100)]
    /// One band: 0.4% maintenance, amount 0.
    static let flat = MarginTiers(bands: [(.infinity, 0.004)])

    static func tape(_ tmp: TempDir) throws -> SymbolTape {
        let capture = tmp.path("wick.lqc.zst")
        try ScriptedMarket.write(capture, prices: [100, 100, 100, 100], marks: marks)
        let scenario = try Scenario.parse(BacktestMarkets.handScenario(capture: capture), file: "wick.yaml")
        return try MarketTape.build(scenario).symbols[0]
    }

    static func model(leverage: Double, mode: Margin.Mode, fee: Double = 0.002) -> DefaultExecution {
        DefaultExecution(equityUSD: 10_000, maxLeverage: leverage, funding: false, rebalance: 0.1, fill: LatencyFill(latencyNanos: 0),
                         fee: BpsFee(feeBps: 0, slippageBps: 0), margin: Margin(mode: mode, tiers: flat, liquidationFee: fee))
    }

    static func run(_ tape: SymbolTape, _ model: DefaultExecution, strength: Double = 1) -> Simulator.Outcome {
        let n = tape.count
        let columns = [[Double](repeating: strength, count: n)] + Array(repeating: [Double](repeating: 0, count: n), count: 2)
        return Simulator(tape: tape, fills: model.fill.schedule(tape), strengths: columns).run(weights: [1, 0, 0], model: model, record: true)
    }

    @Test func theTapeKeepsEveryRecordedMark() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let tape = try Self.tape(tmp)
        #expect(tape.close == [100, 100, 100, 100], "the wick never shows at a close")
        #expect(tape.markTime == Self.marks.map { ScriptedMarket.t0 + Int64($0.second) * ScriptedMarket.second })
        #expect(tape.markPrice == Self.marks.map(\.price))
    }

    /// 20× isolated: margin 10,000 on 2,000 BTC at 100; liquidated when
    /// 10,000 + 2,000 × (M − 100) = 0.004 × 2,000 × M, i.e. at M = 95 ÷ 0.996.
    @Test func twentyTimesLongIsLiquidatedByTheWickAtTheDocumentedPriceAndTime() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let out = Self.run(try Self.tape(tmp), Self.model(leverage: 20, mode: .isolated))
        let price = 100 * (1 - 1.0 / 20) / (1 - 0.004)
        #expect(abs(price - 95.381526104417671) < 1e-12)
        #expect(out.metrics.liquidations == 1)
        let trade = try #require(out.trades.first)
        #expect(trade.liquidated && !trade.openAtEnd && trade.side == 1 && trade.quantity == 2_000)
        #expect(trade.entryTime == ScriptedMarket.t0 + 60 * ScriptedMarket.second && trade.entryPrice == 100)
        #expect(trade.exitTime == ScriptedMarket.t0 + 150 * ScriptedMarket.second, "the 00:02:30 mark, between closes")
        #expect(abs(trade.exitPrice - price) < 1e-9, "closed at the liquidation price, not at the mark (95)")
        let fee = 2_000 * price * 0.002
        #expect(abs(trade.fees - fee) < 1e-9)
        let equity = 10_000 + 2_000 * (price - 100) - fee
        #expect(abs(out.metrics.finalEquityUSD - equity) < 1e-6)
        #expect(abs(trade.pnl - (equity - 10_000)) < 1e-6)
        // Equal to what the position's maintenance margin was, less the fee: 0.4% of 190,763.05.
        #expect(abs(equity - (0.004 * 2_000 * price - fee)) < 1e-6)
        // Flat at the 00:03 close; the rule still wants 20× of what is left: it re-enters at 00:03.
        #expect(out.position[0] == 0 && out.position[1] == 2_000 && out.position[2] == 0)
        #expect(out.trades.count == 2 && out.trades[1].entryTime == ScriptedMarket.t0 + 180 * ScriptedMarket.second)
        #expect(abs(out.position[3] - 20 * equity / 100) < 1e-9)
    }

    @Test func threeTimesSurvivesTheSameWick() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let out = Self.run(try Self.tape(tmp), Self.model(leverage: 3, mode: .isolated))
        #expect(out.metrics.liquidations == 0 && out.trades.count == 1)
        #expect(try #require(out.trades.first).openAtEnd)
        #expect(out.metrics.finalEquityUSD == 10_000, "every close is 100")
    }

    /// Half the strength at 20×: 1,000 BTC. Isolated margin is still notional ÷ 20, so the
    /// same 95.38 liquidates it; cross margin backs it with the whole 10,000, which moves the
    /// price to 90,000 ÷ (1,000 × 0.996) = 90.36: the wick to 95 leaves it open.
    @Test func crossMarginCarriesTheAccountsEquity() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let tape = try Self.tape(tmp)
        let isolated = Self.run(tape, Self.model(leverage: 20, mode: .isolated), strength: 0.5)
        let cross = Self.run(tape, Self.model(leverage: 20, mode: .cross), strength: 0.5)
        #expect(isolated.metrics.liquidations == 1 && cross.metrics.liquidations == 0)
        #expect(abs(try #require(isolated.trades.first).exitPrice - 95 / 0.996) < 1e-9)
        #expect(cross.trades.count == 1 && cross.metrics.finalEquityUSD == 10_000)
    }

    /// The band is the one the notional at the liquidation price falls in; amounts keep the
    /// maintenance margin continuous at band edges.
    @Test func tiersChooseTheBandOfTheLiquidationNotional() {
        let t = MarginTiers.binanceBTCUSDT
        #expect(zip(t.tiers.map(\.amount), [0, 50, 1_300, 16_300, 266_300, 1_266_300, 2_516_300, 5_016_300, 25_016_300, 100_016_300]).allSatisfy { abs($0 - $1) < 1e-6 },
                "Binance's published cum amounts")
        for k in 1..<t.tiers.count {
            let edge = t.tiers[k - 1].upTo
            #expect(abs((edge * t.tiers[k - 1].rate - t.tiers[k - 1].amount) - (edge * t.tiers[k].rate - t.tiers[k].amount)) < 1e-6)
        }
        // 10 BTC long, collateral −900 (cross: cash): M = 900 ÷ (10 × 0.996) = 90.36, notional 903 < 50k: band 1.
        #expect(abs(t.liquidationPrice(quantity: 10, collateral: -900)! - 900 / 9.96) < 1e-9)
        // 1,000 BTC long from 100 at 20×: collateral 5,000 − 100,000; band 2 (0.5%, 50): (95,000 − 50) ÷ 995.
        let m = t.liquidationPrice(quantity: 1_000, collateral: -95_000)!
        #expect(abs(m - 94_950 / 995) < 1e-9 && 1_000 * m > 50_000 && 1_000 * m <= 250_000)
        // A short: (C + amount) ÷ (|q| × rate + |q|).
        #expect(abs(t.liquidationPrice(quantity: -10, collateral: 1_100)! - 1_100 / 10.04) < 1e-9)
        #expect(t.liquidationPrice(quantity: 1, collateral: 0) == nil, "an unleveraged long is never liquidated")
    }

    /// Each band allows at most 1 ÷ (2 × rate) leverage (Binance: 125× at 0.4% … 1× at 50%):
    /// a 50× target is cut to the 1M bound of the 1% band, so no position opens already
    /// below its maintenance margin.
    @Test func theTiersCapTheNotionalALeverageMayReach() throws {
        let t = MarginTiers.binanceBTCUSDT
        #expect(t.maxNotional(leverage: 125) == 50_000 && t.maxNotional(leverage: 100) == 250_000)
        #expect(t.maxNotional(leverage: 50) == 1_000_000 && t.maxNotional(leverage: 20) == 10_000_000)
        #expect(t.maxNotional(leverage: 3) == 200_000_000 && t.maxNotional(leverage: 1) == .infinity)
        #expect(MarginTiers.flatOnePercent.maxNotional(leverage: 51) == 0)
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        var model = Self.model(leverage: 50, mode: .cross)
        model.equityUSD = 100_000
        model.margin.tiers = t
        let out = Self.run(try Self.tape(tmp), model)
        #expect(out.position[1] == 10_000, "1M USD at 100, not 5M")
        // Cross: cash −900,000; the 1% band (amount 1,300): M = (900,000 − 1,300) ÷ (10,000 × 0.99) = 90.78: the wick leaves it.
        #expect(out.metrics.liquidations == 0)
    }

    /// trades.csv names a liquidated trade's reason `liquidation`; runs.csv counts them.
    @Test func resultFilesNameTheLiquidation() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("wick.lqc.zst")
        try ScriptedMarket.write(capture, prices: [100, 100, 100, 100], marks: Self.marks)
        let scenario = try Scenario.parse(BacktestMarkets.handScenario(capture: capture), file: "wick.yaml")
        let tape = try MarketTape.build(scenario).symbols[0]
        let out = Self.run(tape, Self.model(leverage: 20, mode: .isolated))
        let result = RunResult(point: scenario.grid.point(0), metrics: out.metrics, trades: out.trades, equity: out.equity, position: out.position, curveStride: 1)
        let tables = ResultTables(scenario: scenario, results: [result])
        #expect(tables.trades.map(\.reason) == ["liquidation", "trend"], "the re-entry after it is the rule's")
        #expect(tables.runs.metric("liquidations", of: tables.runs.rows[0]) == 1)
        #expect(String(decoding: tables.tradesCSV, as: UTF8.self).contains(",liquidation,"))
    }
}
