/// One round trip: from flat (or a flip) to flat (or the next flip).
public struct TradeRecord: Sendable, Equatable {
    /// +1 long, −1 short.
    public var side: Int
    public var entryTime: Int64, exitTime: Int64
    /// Quantity-weighted average price of the entry fills and of the exit fills (slippage included).
    public var entryPrice: Double, exitPrice: Double
    /// Base units entered over the trade (= base units exited), so that
    /// price PnL = side × (exitPrice − entryPrice) × quantity.
    public var quantity: Double
    /// Index of the rule that contributed most to the opening decision.
    public var reason: Int
    /// Net result: price PnL − fees + funding (received positive).
    public var pnl: Double
    public var fees: Double, funding: Double
    /// Still open at the end of the data: closed at the last bar's close without a fee.
    public var openAtEnd: Bool
    /// A fill of this trade crossed a recorded gap or disconnect.
    public var acrossGap: Bool
    /// The exchange closed it: liquidated at the liquidation price.
    public var liquidated = false
}

/// Turns fills into round-trip trades. Fills are given as the exact position before and
/// after (the simulator's own numbers), so a trade closes exactly when the position is 0:
/// summing deltas instead left 1e-16 remainders that opened phantom trades.
struct TradeLedger {
    private(set) var trades: [TradeRecord] = []
    private var open: TradeRecord?
    private var entered = 0.0, enteredValue = 0.0, exited = 0.0, exitedValue = 0.0

    /// A fill taking the position from `from` to `to` base units at `price` (slippage
    /// included), paying `fee`, split over the closing and opening parts by quantity.
    /// `liquidation`: the exchange closed the position (`to` is 0).
    mutating func fill(time: Int64, from: Double, to: Double, price: Double, fee: Double, reason: Int, acrossGap: Bool, liquidation: Bool = false) {
        let total = abs(to - from)
        guard total > 0 else { return }
        if liquidation { open?.liquidated = true }
        let flips = from != 0 && (to == 0 || (to > 0) != (from > 0))
        if flips {
            // Close the whole position; what is left of the fill opens the other way.
            let closing = abs(from)
            exit(closing, at: price, fee: fee * closing / total, time: time, acrossGap: acrossGap)
            finish(time: time, openAtEnd: false)
            if to != 0 { enter(abs(to), side: to > 0 ? 1 : -1, at: price, fee: fee * abs(to) / total, time: time, reason: reason, acrossGap: acrossGap) }
        } else if abs(to) > abs(from) {
            enter(total, side: to > 0 ? 1 : -1, at: price, fee: fee, time: time, reason: reason, acrossGap: acrossGap)
        } else {
            exit(total, at: price, fee: fee, time: time, acrossGap: acrossGap)
        }
    }

    private mutating func enter(_ quantity: Double, side: Int, at price: Double, fee: Double, time: Int64, reason: Int, acrossGap: Bool) {
        if open == nil {
            open = TradeRecord(side: side, entryTime: time, exitTime: time, entryPrice: price, exitPrice: .nan, quantity: 0,
                               reason: reason, pnl: 0, fees: 0, funding: 0, openAtEnd: false, acrossGap: false)
            entered = 0; enteredValue = 0; exited = 0; exitedValue = 0
        }
        entered += quantity
        enteredValue += quantity * price
        open!.fees += fee
        open!.acrossGap = open!.acrossGap || acrossGap
    }

    private mutating func exit(_ quantity: Double, at price: Double, fee: Double, time: Int64, acrossGap: Bool) {
        guard open != nil else { return }
        exited += quantity
        exitedValue += quantity * price
        open!.fees += fee
        open!.acrossGap = open!.acrossGap || acrossGap
    }

    mutating func funding(_ amount: Double) {
        open?.funding += amount
    }

    /// Closes a trade still open at the end of the data: its remaining `position` at `price` (no fee).
    mutating func close(at time: Int64, price: Double, position: Double) {
        guard open != nil, position != 0 else { return }
        exit(abs(position), at: price, fee: 0, time: time, acrossGap: false)
        finish(time: time, openAtEnd: true)
    }

    private mutating func finish(time: Int64, openAtEnd: Bool) {
        guard var t = open else { return }
        t.exitTime = time
        t.quantity = entered
        t.entryPrice = enteredValue / entered
        t.exitPrice = exited > 0 ? exitedValue / exited : .nan
        t.pnl = Double(t.side) * (exitedValue - enteredValue) - t.fees + t.funding
        t.openAtEnd = openAtEnd
        trades.append(t)
        open = nil
    }
}
