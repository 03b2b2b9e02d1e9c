import LiqsimCore
import LiqsimSQLite

/// One trade of one run: a row of trades.csv and of results.sqlite's `trades` table.
public struct TradeRow: Sendable, Equatable {
    public var run: Int, trade: Int
    public var symbol: String
    /// `long` or `short`.
    public var side: String
    public var entryTime: Int64, exitTime: Int64
    public var entryPrice: Double, exitPrice: Double, quantity: Double
    /// The strategy that opened it.
    public var reason: String
    public var pnlUSD: Double, feesUSD: Double, fundingUSD: Double
    public var openAtEnd: Bool, acrossGap: Bool

    public init(run: Int, trade: Int, symbol: String, side: String, entryTime: Int64, exitTime: Int64, entryPrice: Double, exitPrice: Double,
                quantity: Double, reason: String, pnlUSD: Double, feesUSD: Double, fundingUSD: Double, openAtEnd: Bool, acrossGap: Bool) {
        self.run = run; self.trade = trade; self.symbol = symbol; self.side = side; self.entryTime = entryTime; self.exitTime = exitTime
        self.entryPrice = entryPrice; self.exitPrice = exitPrice; self.quantity = quantity; self.reason = reason
        self.pnlUSD = pnlUSD; self.feesUSD = feesUSD; self.fundingUSD = fundingUSD; self.openAtEnd = openAtEnd; self.acrossGap = acrossGap
    }

    public static let header = ["run", "trade", "symbol", "side", "entry_time", "exit_time", "entry_price", "exit_price", "quantity",
                                "reason", "pnl_usd", "fees_usd", "funding_usd", "open_at_end", "across_gap"]

    /// The trades.csv fields: prices with 4 decimals, the quantity exact, money with 2.
    public var fields: [String] {
        [String(run), String(trade), symbol, side, ResultText.time(entryTime), ResultText.time(exitTime), ResultText.fixed(entryPrice, 4),
         ResultText.fixed(exitPrice, 4), ResultText.exact(quantity), reason, ResultText.fixed(pnlUSD, 2), ResultText.fixed(feesUSD, 2),
         ResultText.fixed(fundingUSD, 2), openAtEnd ? "1" : "0", acrossGap ? "1" : "0"]
    }

    /// Appends the trades.csv line: the bytes of `CSVFields.line(fields)` and a line break,
    /// built without intermediate Strings (a 1,000-run grid writes ~68,000 trades).
    public func appendCSV(to out: inout [UInt8]) {
        func comma() { out.append(UInt8(ascii: ",")) }
        func text(_ s: String) { out += CSVFields.escape(s).utf8; comma() }
        _ = NumberText.appendFixed(Double(run), 0, to: &out); comma()
        _ = NumberText.appendFixed(Double(trade), 0, to: &out); comma()
        text(symbol); text(side)
        ResultText.appendTime(entryTime, to: &out); comma()
        ResultText.appendTime(exitTime, to: &out); comma()
        ResultText.appendFixed(entryPrice, 4, to: &out); comma()
        ResultText.appendFixed(exitPrice, 4, to: &out); comma()
        ResultText.appendExact(quantity, to: &out); comma()
        text(reason)
        ResultText.appendFixed(pnlUSD, 2, to: &out); comma()
        ResultText.appendFixed(feesUSD, 2, to: &out); comma()
        ResultText.appendFixed(fundingUSD, 2, to: &out); comma()
        out.append(UInt8(ascii: openAtEnd ? "1" : "0")); comma()
        out.append(UInt8(ascii: acrossGap ? "1" : "0"))
        out.append(UInt8(ascii: "\n"))
    }
}

extension SQLiteValue {
    /// A REAL, or NULL for NaN and infinities (results.sqlite's market and trade tables).
    static func finite(_ v: Double) -> SQLiteValue { v.isFinite ? .real(v) : .null }
}
