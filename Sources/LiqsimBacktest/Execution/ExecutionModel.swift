/// The account and execution parameters of one run (SPEC §6; docs/strategies.md).
public struct ExecutionModel: Sendable, Hashable {
    public var equityUSD: Double
    public var maxLeverage: Double
    /// Taker fee and slippage as fractions (bps ÷ 10,000).
    public var feeRate: Double
    public var slippage: Double
    public var latencyNanos: Int64
    public var funding: Bool
    /// Minimum |target − position| to trade, as a share of equity × max leverage.
    public var rebalance: Double

    public init(equityUSD: Double, maxLeverage: Double, feeBps: Double, slippageBps: Double, latencyMs: Double, funding: Bool, rebalance: Double) {
        self.equityUSD = equityUSD
        self.maxLeverage = maxLeverage
        feeRate = feeBps / 10_000
        slippage = slippageBps / 10_000
        latencyNanos = Int64((latencyMs * 1_000_000).rounded())
        self.funding = funding
        self.rebalance = rebalance
    }
}

/// When and at what price a decision taken at each bar close fills: the first trade at or
/// after close + latency. Depends only on the tape and the latency, so runs share it.
public struct FillSchedule: Sendable {
    /// Per bar: fill time (Int64.max when no trade follows), the trade's price, and
    /// whether a gap or disconnect record lies between the decision and the fill.
    public var time: [Int64]
    public var price: [Double]
    public var acrossGap: [Bool]

    public init(tape: SymbolTape, latencyNanos: Int64) {
        let n = tape.count
        time = [Int64](repeating: .max, count: n)
        price = [Double](repeating: .nan, count: n)
        acrossGap = [Bool](repeating: false, count: n)
        var k = 0, g = 0
        for i in 0..<n {
            let decision = tape.closeTime[i], earliest = decision + latencyNanos
            while k < tape.tradeTime.count, tape.tradeTime[k] < earliest { k += 1 }
            guard k < tape.tradeTime.count else { continue }
            time[i] = tape.tradeTime[k]
            price[i] = tape.tradePrice[k]
            while g < tape.outages.count, tape.outages[g] < decision { g += 1 }
            acrossGap[i] = g < tape.outages.count && tape.outages[g] <= time[i]
        }
    }
}
