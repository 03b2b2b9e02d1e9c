/// The account and execution of one run (SPEC §6; docs/strategies.md): the account, when a
/// target is worth trading, and the two execution seams: when and at what traded price a
/// decision fills (`fill`, scheduled once per symbol by the shared pass) and what each fill
/// costs (`fee`, applied in the bar walk); and the position's margin (`margin`).
public struct ExecutionModel<Fill: FillModel, Fee: FeeModel>: Sendable, Hashable {
    public var equityUSD: Double
    public var maxLeverage: Double
    /// Settle funding on open positions.
    public var funding: Bool
    /// Minimum |target − position| to trade, as a share of equity × max leverage.
    public var rebalance: Double
    public var fill: Fill
    public var fee: Fee
    public var margin: Margin

    public init(equityUSD: Double, maxLeverage: Double, funding: Bool, rebalance: Double, fill: Fill, fee: Fee, margin: Margin = .standard) {
        self.equityUSD = equityUSD
        self.maxLeverage = maxLeverage
        self.funding = funding
        self.rebalance = rebalance
        self.fill = fill
        self.fee = fee
        self.margin = margin
    }
}

/// What a scenario configures: a constant latency and fees in basis points.
public typealias DefaultExecution = ExecutionModel<LatencyFill, BpsFee>

extension ExecutionModel where Fill == LatencyFill, Fee == BpsFee {
    /// The execution of a grid point: its `account.*` and `execution.*` keys; `tiers`: the
    /// maintenance tiers of its symbol (`Scenario.marginTiers(for:)`).
    public init(point p: GridPoint, tiers: MarginTiers) {
        self.init(equityUSD: p.number("account.equity_usd"), maxLeverage: p.number("account.max_leverage"),
                  funding: p.flag("execution.funding"), rebalance: p.number("execution.rebalance"),
                  fill: LatencyFill(point: p),
                  fee: BpsFee(feeBps: p.number("execution.fee_bps"), slippageBps: p.number("execution.slippage_bps")),
                  margin: Margin(mode: Margin.Mode(rawValue: p.text("account.margin"))!, tiers: tiers,
                                 liquidationFee: p.number("account.liquidation_fee_bps") / 10_000))
    }
}
