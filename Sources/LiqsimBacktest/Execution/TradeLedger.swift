/// One round trip: from flat (or a flip) to flat (or the next flip).
public struct TradeRecord: Sendable, Equatable {
    /// +1 long, −1 short.
    public var side: Int
    public var entryTime: Int64, exitTime: Int64
    /// Average entry and exit prices of the fills (slippage included).
    public var entryPrice: Double, exitPrice: Double
    /// Largest absolute position (base units) during the trade.
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
}

/// Turns fills into round-trip trades.
struct TradeLedger {
    private(set) var trades: [TradeRecord] = []
    private var open: TradeRecord?
    private var position = 0.0
    private var entryCost = 0.0, exitValue = 0.0, exitQuantity = 0.0, realized = 0.0

    /// A fill of `delta` base units at `price` (slippage included) paying `fee`.
    mutating func fill(time: Int64, delta: Double, price: Double, fee: Double, reason: Int, acrossGap: Bool) {
        var remaining = delta
        var feeLeft = fee
        while remaining != 0 {
            if open == nil {
                open = TradeRecord(side: remaining > 0 ? 1 : -1, entryTime: time, exitTime: time, entryPrice: price, exitPrice: .nan,
                                   quantity: 0, reason: reason, pnl: 0, fees: 0, funding: 0, openAtEnd: false, acrossGap: false)
                entryCost = 0; exitValue = 0; exitQuantity = 0; realized = 0
            }
            let side = Double(open!.side)
            open!.acrossGap = open!.acrossGap || acrossGap
            if remaining * side > 0 {
                // Adding to the position.
                entryCost += abs(remaining) * price
                position += remaining
                open!.entryPrice = entryCost / abs(position)
                open!.quantity = max(open!.quantity, abs(position))
                open!.fees += feeLeft
                return
            }
            // Reducing: close up to the whole position, the rest opens the other way.
            let closing = min(abs(remaining), abs(position))
            let share = closing / abs(remaining)
            let fillFee = feeLeft * share
            realized += (price - open!.entryPrice) * closing * side
            exitValue += closing * price; exitQuantity += closing
            entryCost -= closing * open!.entryPrice
            position -= closing * side
            open!.fees += fillFee
            feeLeft -= fillFee
            remaining += closing * side
            if abs(position) < 1e-12 * max(1, open!.quantity) {
                position = 0
                finish(time: time, openAtEnd: false)
            }
        }
    }

    mutating func funding(_ amount: Double) {
        open?.funding += amount
    }

    /// Closes a trade still open at the end of the data at `price` (no fee).
    mutating func close(at time: Int64, price: Double) {
        guard open != nil, position != 0 else { return }
        realized += (price - open!.entryPrice) * abs(position) * Double(open!.side)
        exitValue += abs(position) * price; exitQuantity += abs(position)
        position = 0
        finish(time: time, openAtEnd: true)
    }

    private mutating func finish(time: Int64, openAtEnd: Bool) {
        guard var t = open else { return }
        t.exitTime = time
        t.exitPrice = exitQuantity > 0 ? exitValue / exitQuantity : .nan
        t.pnl = realized - t.fees + t.funding
        t.openAtEnd = openAtEnd
        trades.append(t)
        open = nil
    }
}
