import LiqsimSQLite

/// results.sqlite's `trades` rows as columns, in the table's column order (`TradeRow.header`),
/// for `ResultsDatabase.insert`: SQLite reads them through a virtual table with no
/// parameter bound per value. A non-finite number is stored as NULL.
public struct TradeColumns: Sendable {
    private var run: [Int64] = [], trade: [Int64] = []
    private var symbol: SQLiteTextColumn, side: SQLiteTextColumn, entryTime: SQLiteTextColumn, exitTime: SQLiteTextColumn
    private var entryPrice: [Double] = [], exitPrice: [Double] = [], quantity: [Double] = []
    private var reason: SQLiteTextColumn
    private var pnlUSD: [Double] = [], feesUSD: [Double] = [], fundingUSD: [Double] = []
    private var openAtEnd: [Int64] = [], acrossGap: [Int64] = []

    public init(_ rows: [TradeRow]) {
        let n = rows.count
        symbol = SQLiteTextColumn(rows: n, bytesPerRow: 8)
        side = SQLiteTextColumn(rows: n, bytesPerRow: 5)
        entryTime = SQLiteTextColumn(rows: n, bytesPerRow: 24)
        exitTime = SQLiteTextColumn(rows: n, bytesPerRow: 24)
        reason = SQLiteTextColumn(rows: n, bytesPerRow: 8)
        run.reserveCapacity(n); trade.reserveCapacity(n); openAtEnd.reserveCapacity(n); acrossGap.reserveCapacity(n)
        entryPrice.reserveCapacity(n); exitPrice.reserveCapacity(n); quantity.reserveCapacity(n)
        pnlUSD.reserveCapacity(n); feesUSD.reserveCapacity(n); fundingUSD.reserveCapacity(n)
        func finite(_ v: Double) -> Double { v.isFinite ? v : .nan }
        for r in rows {
            run.append(Int64(r.run)); trade.append(Int64(r.trade))
            symbol.append(r.symbol); side.append(r.side)
            entryTime.append { ResultText.appendTime(r.entryTime, to: &$0) }
            exitTime.append { ResultText.appendTime(r.exitTime, to: &$0) }
            entryPrice.append(finite(r.entryPrice)); exitPrice.append(finite(r.exitPrice)); quantity.append(finite(r.quantity))
            reason.append(r.reason)
            pnlUSD.append(finite(r.pnlUSD)); feesUSD.append(finite(r.feesUSD)); fundingUSD.append(finite(r.fundingUSD))
            openAtEnd.append(r.openAtEnd ? 1 : 0); acrossGap.append(r.acrossGap ? 1 : 0)
        }
    }

    /// The virtual table's columns: `TradeRow.header`, typed as the `trades` table declares them.
    static let columns: [(name: String, type: SQLiteMemoryRows.ColumnType)] = {
        let types: [SQLiteMemoryRows.ColumnType] = [.integer, .integer, .text, .text, .text, .text, .real, .real, .real, .text, .real, .real, .real,
                                                    .integer, .integer]
        precondition(types.count == TradeRow.header.count, "a type for each of the trades table's columns")
        return zip(TradeRow.header, types).map { ($0, $1) }
    }()

    var columns: [SQLiteMemoryRows.Column] {
        [.integer(run), .integer(trade), .text(symbol), .text(side), .text(entryTime), .text(exitTime), .real(entryPrice), .real(exitPrice),
         .real(quantity), .text(reason), .real(pnlUSD), .real(feesUSD), .real(fundingUSD), .integer(openAtEnd), .integer(acrossGap)]
    }
}
