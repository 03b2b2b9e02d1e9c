import Foundation
import LiqsimCore
import Testing
@testable import LiqsimBacktest

/// The execution model on a market small enough to compute by hand (BacktestMarkets.handPrices):
/// long 100 units decided at 00:01 (close 100), filled at 00:01:00 at 110; funding 0.001
/// settled at 00:03 on 100 × 120; exit decided at 00:04 (close 120), filled at 90.
@Suite("Backtest execution")
struct ExecutionTests {
    static func tape(_ tmp: TempDir, execution: String? = nil) throws -> (SymbolTape, DefaultExecution) {
        let capture = tmp.path("hand.lqc.zst")
        if !FileManager.default.fileExists(atPath: capture) { try BacktestMarkets.writeHandCapture(capture) }
        let text = execution.map { BacktestMarkets.handScenario(capture: capture, execution: $0) } ?? BacktestMarkets.handScenario(capture: capture)
        let scenario = try Scenario.parse(text, file: "hand.yaml")
        let tape = try MarketTape.build(scenario)
        return (tape.symbols[0], DefaultExecution(point: scenario.grid.point(0), tiers: scenario.marginTiers(for: "BTCUSDT")))
    }

    /// One rule's strengths, beside two silent rules (weights [1, 0, 0] trade the first alone).
    static func slots(_ strength: [Double]) -> [[Double]] {
        [strength] + Array(repeating: [Double](repeating: 0, count: strength.count), count: 2)
    }

    @Test func theTapeHoldsTheHandMarket() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (t, _) = try Self.tape(tmp)
        let t0 = BacktestMarkets.t0, minute: Int64 = 60_000_000_000
        #expect(t.closeTime == (1...6).map { t0 + Int64($0) * minute })
        #expect(t.close == [100, 110, 120, 120, 90, 90])
        #expect(t.open == [100, 110, 120, 120, 90, 90])
        #expect(t.volumeUSD == [600, 660, 720, 720, 540, 540])
        #expect(t.tradeTime.count == 42)
        #expect(t.fundings == [FundingSettlement(time: t0 + 3 * minute, rate: 0.001, price: 120)])
        #expect(t.funding[0] == 0.001, "the rate recorded at 00:00:05 is known at the first close")
    }

    @Test func tradesFeesAndFundingAreExact() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (tape, model) = try Self.tape(tmp)
        let simulator = Simulator(tape: tape, fills: model.fill.schedule(tape), strengths: Self.slots([1, 1, 1, 0, 0, 0]))
        let out = simulator.run(weights: [1, 0, 0], model: model, record: true)
        let t0 = BacktestMarkets.t0, s = BacktestMarkets.second
        #expect(out.trades.count == 1)
        let trade = try #require(out.trades.first)
        #expect(trade.side == 1)
        #expect(trade.entryTime == t0 + 60 * s && trade.exitTime == t0 + 240 * s)
        #expect(trade.entryPrice == 110 && trade.exitPrice == 90 && trade.quantity == 100)
        #expect(abs(trade.fees - 20) < 1e-9)          // 10 bps of 11,000 and of 9,000
        #expect(abs(trade.funding - -12) < 1e-9)      // 100 × 120 × 0.001, paid by the long
        #expect(abs(trade.pnl - -2032) < 1e-9)        // −2,000 − 20 − 12
        #expect(!trade.openAtEnd && !trade.acrossGap)
        let expectedEquity: [Double] = [10_000, 9_989, 10_977, 10_977, 7_968, 7_968]
        #expect(zip(out.equity, expectedEquity).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(out.position == [0, 100, 100, 100, 0, 0])
        let m = out.metrics
        #expect(abs(m.totalReturnPct - -20.32) < 1e-9)
        #expect(abs(m.feesUSD - 20) < 1e-9 && abs(m.fundingUSD - -12) < 1e-9)
        #expect(abs(m.finalEquityUSD - 7_968) < 1e-9)
        #expect(m.trades == 1 && m.winRatePct == 0 && m.profitFactor == 0)
        #expect(abs(m.exposurePct - 50) < 1e-9)
        #expect(abs(m.maxDrawdownPct - (10_977 - 7_968) / 10_977 * 100) < 1e-9)
    }

    @Test func slippageMovesBothFillsAgainstTheTrader() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (tape, model) = try Self.tape(tmp, execution: "{fee_bps: 10, slippage_bps: 10, latency_ms: 0, rebalance: 0.2}")
        let out = Simulator(tape: tape, fills: LatencyFill(latencyNanos: 0).schedule(tape), strengths: Self.slots([1, 1, 1, 0, 0, 0]))
            .run(weights: [1, 0, 0], model: model, record: true)
        let trade = try #require(out.trades.first)
        #expect(abs(trade.entryPrice - 110.11) < 1e-9 && abs(trade.exitPrice - 89.91) < 1e-9)
        #expect(abs(trade.fees - 20.002) < 1e-9)
        #expect(abs(trade.pnl - -2052.002) < 1e-9)
        #expect(abs(out.metrics.finalEquityUSD - 7_947.998) < 1e-9)
    }

    /// Fee and fill models are seams: the walk charges whatever fee model the run carries,
    /// and fills whatever schedule the fill model gives.
    @Test func feeAndFillModelsAreSeams() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (tape, model) = try Self.tape(tmp)
        let flat = ExecutionModel(equityUSD: model.equityUSD, maxLeverage: model.maxLeverage, funding: model.funding,
                                  rebalance: model.rebalance, fill: model.fill, fee: FlatFee(perFill: 7))
        let out = Simulator(tape: tape, fills: model.fill.schedule(tape), strengths: Self.slots([1, 1, 1, 0, 0, 0]))
            .run(weights: [1, 0, 0], model: flat, record: true)
        let trade = try #require(out.trades.first)
        #expect(trade.entryPrice == 110 && trade.exitPrice == 90, "no slippage")
        #expect(trade.fees == 14 && abs(trade.pnl - -2_026) < 1e-9, "7 per fill, twice; −2,000 − 14 − 12 funding")
        let never = ExecutionModel(equityUSD: model.equityUSD, maxLeverage: model.maxLeverage, funding: model.funding,
                                   rebalance: model.rebalance, fill: NeverFill(), fee: model.fee)
        let idle = Simulator(tape: tape, fills: never.fill.schedule(tape), strengths: Self.slots([1, 1, 1, 0, 0, 0]))
            .run(weights: [1, 0, 0], model: never, record: true)
        #expect(idle.trades.isEmpty && idle.position.allSatisfy { $0 == 0 } && idle.metrics.finalEquityUSD == 10_000)
    }

    @Test func latencyDelaysTheFillToTheNextTrade() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (tape, _) = try Self.tape(tmp)
        let fills = LatencyFill(latencyNanos: 15 * BacktestMarkets.second).schedule(tape)
        // Decided at 00:01:00; trades every 10 s: the first at or after 00:01:15 is 00:01:20.
        #expect(fills.time[0] == BacktestMarkets.t0 + 80 * BacktestMarkets.second)
        #expect(fills.price[0] == 110)
        // The last bar's decision has no later trade but the 00:06 minute's.
        #expect(fills.time[5] == BacktestMarkets.t0 + 380 * BacktestMarkets.second)
    }

    @Test func smallTargetChangesAreNotTraded() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (tape, model) = try Self.tape(tmp)
        var tight = model
        tight.rebalance = 0.01
        let out = Simulator(tape: tape, fills: LatencyFill(latencyNanos: 0).schedule(tape), strengths: Self.slots([1, 1, 1, 0, 0, 0]))
            .run(weights: [1, 0, 0], model: tight, record: true)
        // At 00:02 the target (9,989 ÷ 110 = 90.8) differs by 1,011 USD > 1% of equity: it trades.
        #expect(out.position[1] == 100 && abs(out.position[2] - 9_989.0 / 110) < 1e-9)
        #expect(out.trades.count == 1, "reducing a long is part of the same round trip")
    }

    @Test func aFillAcrossAGapIsFlagged() throws {
        var tape = SymbolTape(symbol: .init("BTCUSDT")!, interval: 60_000_000_000)
        tape.closeTime = [60, 120].map { Int64($0) * 1_000_000_000 }
        tape.close = [100, 100]
        tape.tradeTime = [70, 130].map { Int64($0) * 1_000_000_000 }
        var prices = TradePrices.Builder()
        for _ in 0..<2 { prices.append(FixedDecimal(mantissa: 100, scale: 0)) }
        tape.tradePrice = prices.finish()
        tape.outages = [65 * 1_000_000_000]
        let fills = LatencyFill(latencyNanos: 0).schedule(tape)
        #expect(fills.acrossGap == [true, false])
    }
}

/// Round trips from exact before/after positions.
@Suite("Backtest trade ledger")
struct TradeLedgerTests {
    @Test func partialExitsAndReEntriesReconcile() {
        var ledger = TradeLedger()
        ledger.fill(time: 1, from: 0, to: 1, price: 100, fee: 0, reason: 0, acrossGap: false)
        ledger.fill(time: 2, from: 1, to: 0.5, price: 110, fee: 0, reason: 0, acrossGap: false)
        ledger.fill(time: 3, from: 0.5, to: 1.5, price: 120, fee: 0, reason: 1, acrossGap: false)
        ledger.fill(time: 4, from: 1.5, to: 0, price: 120, fee: 0, reason: 0, acrossGap: false)
        #expect(ledger.trades.count == 1)
        let t = ledger.trades[0]
        #expect(t.quantity == 2 && t.entryPrice == 110 && t.exitPrice == 117.5)
        #expect(t.pnl == 15, "−100 − 120 + 55 + 180, and (117.5 − 110) × 2")
        #expect(t.reason == 0 && t.entryTime == 1 && t.exitTime == 4)
    }

    @Test func reductionsThatDoNotSumExactlyOpenNoPhantomTrade() {
        var ledger = TradeLedger()
        ledger.fill(time: 1, from: 0, to: 2.5, price: 100, fee: 1, reason: 0, acrossGap: false)
        ledger.fill(time: 2, from: 2.5, to: 0.3, price: 100, fee: 1, reason: 0, acrossGap: false)
        ledger.fill(time: 3, from: 0.3, to: 0, price: 100, fee: 1, reason: 0, acrossGap: false)
        #expect(ledger.trades.count == 1)
        #expect(ledger.trades[0].quantity == 2.5 && abs(ledger.trades[0].pnl - -3) < 1e-9)
    }

    @Test func aFlipClosesOneTradeAndOpensTheNextSplittingTheFee() {
        var ledger = TradeLedger()
        ledger.fill(time: 1, from: 0, to: 1, price: 100, fee: 0, reason: 0, acrossGap: false)
        ledger.fill(time: 2, from: 1, to: -2, price: 90, fee: 3, reason: 2, acrossGap: true)
        ledger.close(at: 3, price: 80, position: -2)
        #expect(ledger.trades.count == 2)
        let (long, short) = (ledger.trades[0], ledger.trades[1])
        #expect(long.side == 1 && long.pnl == -10 - 1 && long.fees == 1 && long.acrossGap)
        #expect(short.side == -1 && short.quantity == 2 && short.entryPrice == 90 && short.exitPrice == 80)
        #expect(short.fees == 2 && short.pnl == 20 - 2 && short.openAtEnd && short.reason == 2)
    }
}

@Suite("Backtest equity curves")
struct EquityCurveTests {
    @Test func bigGridsKeepEveryKthBarEndingAtTheLast() throws {
        #expect(SweepEngine.curveStride(runs: 1_000, bars: 1_440) == 1)
        #expect(SweepEngine.curveStride(runs: 5_000, bars: 1_440) == 2)
        #expect(Array(Simulator.sampledBars(count: 10, stride: 3)) == [0, 3, 6, 9])
        #expect(Array(Simulator.sampledBars(count: 11, stride: 3)) == [1, 4, 7, 10])
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let (tape, model) = try ExecutionTests.tape(tmp)
        let simulator = Simulator(tape: tape, fills: LatencyFill(latencyNanos: 0).schedule(tape), strengths: ExecutionTests.slots([1, 1, 1, 0, 0, 0]))
        let full = simulator.run(weights: [1, 0, 0], model: model, record: true)
        let sampled = simulator.run(weights: [1, 0, 0], model: model, record: true, stride: 4)
        #expect(sampled.equity == [full.equity[1], full.equity[5]], "bars 1 and 5 of 6")
        #expect(sampled.metrics == full.metrics, "metrics always use every bar")
    }
}

/// A fee model only the tests use: fills at the traded price, a flat fee per fill.
struct FlatFee: FeeModel {
    var perFill: Double
    func fillPrice(traded: Double, delta: Double) -> Double { traded }
    func fee(delta: Double, price: Double) -> Double { perFill }
}

/// A fill model only the tests use: no decision ever fills.
struct NeverFill: FillModel {
    func schedule(_ tape: SymbolTape) -> FillSchedule { FillSchedule(count: tape.count) }
}
