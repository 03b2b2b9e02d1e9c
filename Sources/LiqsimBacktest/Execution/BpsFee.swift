/// The default fee model: slippage and a taker fee, both in basis points of the fill's
/// value (`execution.slippage_bps`, `execution.fee_bps`). Buys pay traded × (1 + slippage),
/// sells receive traded × (1 − slippage); the fee is |quantity| × price paid × fee rate.
public struct BpsFee: FeeModel {
    /// Fee and slippage as fractions (bps ÷ 10,000).
    public var feeRate: Double
    public var slippage: Double

    public init(feeBps: Double, slippageBps: Double) {
        feeRate = feeBps / 10_000
        slippage = slippageBps / 10_000
    }

    @inline(__always)
    public func fillPrice(traded: Double, delta: Double) -> Double {
        traded * (delta > 0 ? 1 + slippage : 1 - slippage)
    }

    @inline(__always)
    public func fee(delta: Double, price: Double) -> Double {
        abs(delta) * price * feeRate
    }
}
