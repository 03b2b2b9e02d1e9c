/// The margin of a run's position (docs/scenarios.md, "Margin"): the mode, the symbol's
/// maintenance tiers and the liquidation fee. A position whose collateral falls to its
/// maintenance margin at a recorded mark price is liquidated: closed at the liquidation
/// price, paying `liquidationFee` × its notional there.
public struct Margin: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// The position's own margin (notional ÷ max_leverage at entry) is its collateral.
        case isolated
        /// The whole account equity is the collateral.
        case cross
    }

    public var mode: Mode
    public var tiers: MarginTiers
    /// As a fraction of the notional at the liquidation price.
    public var liquidationFee: Double

    public init(mode: Mode, tiers: MarginTiers, liquidationFee: Double) {
        self.mode = mode
        self.tiers = tiers
        self.liquidationFee = liquidationFee
    }

    /// Isolated margin, the BTCUSDT tiers, a 0.5% fee.
    public static let standard = Margin(mode: .isolated, tiers: .binanceBTCUSDT, liquidationFee: 0.005)
}

/// The margin state of the bar walk: the isolated margin and average entry of the open
/// position, and its liquidation price (recomputed after every fill and funding payment).
struct MarginAccount {
    let margin: Margin
    let leverage: Double
    private(set) var isolated = 0.0, entry = 0.0
    /// The mark price that liquidates the position: a long at or below it, a short at or
    /// above it. ±∞ (never) while flat or when no positive price liquidates.
    private(set) var trigger = Double.infinity

    init(margin: Margin, leverage: Double) {
        self.margin = margin
        self.leverage = leverage
    }

    /// A fill from `from` to `to` base units at `price`: an increase adds notional ÷
    /// leverage of margin at a weighted entry, a reduction releases margin pro rata, a flip
    /// or an opening starts over.
    mutating func fill(from: Double, to: Double, price: Double) {
        if to == 0 {
            isolated = 0; entry = 0
        } else if from == 0 || (from > 0) != (to > 0) {
            isolated = abs(to) * price / leverage; entry = price
        } else if abs(to) > abs(from) {
            let added = abs(to) - abs(from)
            entry = (entry * abs(from) + price * added) / abs(to)
            isolated += added * price / leverage
        } else {
            isolated *= abs(to) / abs(from)
        }
    }

    /// What the position's margin balance at mark M equals, less quantity × M: the account
    /// cash (cross) or the isolated margin less quantity × entry (isolated).
    func collateral(cash: Double, quantity: Double) -> Double {
        margin.mode == .cross ? cash : isolated - quantity * entry
    }

    mutating func update(cash: Double, quantity: Double) {
        guard quantity != 0, let price = margin.tiers.liquidationPrice(quantity: quantity, collateral: collateral(cash: cash, quantity: quantity)) else {
            trigger = quantity > 0 ? -.infinity : .infinity
            return
        }
        trigger = price
    }

    /// Whether a mark at `mark` liquidates a position of `quantity`.
    @inline(__always)
    func liquidates(_ quantity: Double, at mark: Double) -> Bool {
        quantity > 0 ? mark <= trigger : quantity < 0 && mark >= trigger
    }
}
