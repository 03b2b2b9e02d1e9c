/// What one fill costs: the price it pays against the traded price (slippage), and its fee.
/// Applied inside the bar walk, which is generic over the model so that the default inlines.
/// Default: `BpsFee`.
public protocol FeeModel: Sendable, Hashable {
    /// The price paid for `delta` base units (buy > 0, sell < 0) when the trade it fills
    /// against printed at `traded`.
    func fillPrice(traded: Double, delta: Double) -> Double
    /// The fee of a fill of `delta` base units at `price` (the price paid).
    func fee(delta: Double, price: Double) -> Double
}
