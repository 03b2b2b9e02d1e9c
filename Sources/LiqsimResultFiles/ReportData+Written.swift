import Foundation
import LiqsimSQLite

/// The report's data from what a backtest has just written, without reading the files back
/// (`liqsim backtest` draws its page from this; `load(directory:)` reads the same from the
/// files for `liqsim report`). Each piece is what the file gives back: the texts are parsed
/// by the same readers, rows become what results.sqlite returns for them (NULL for NaN and
/// infinities, read as NaN or 0 as `load` reads it), so both give the same page, byte for byte.
extension ReportData {
    /// manifest.json, runs.csv and, when written, folds.csv, validation.csv and
    /// oos_equity.csv as text; `directory` names the files in errors.
    public static func written(directory: String, manifest: String, runs: String, folds: String?, validation: String?,
                               oosEquity: String?) throws -> ReportData {
        var data = ReportData()
        do {
            data.manifest = try JSONDecoder().decode(Manifest.self, from: Data(manifest.utf8))
            data.runs = try RunsTable.parse(runs)
            if let folds { data.folds = try FoldRow.parse(folds) }
            if let validation { data.validation = try ValidationSummary.parse(validation) }
        } catch let error as ResultFileError {
            throw error.inside(directory)
        }
        if let oosEquity { try outOfSampleEquity(oosEquity, path: directory + "/oos_equity.csv", into: &data) }
        return data
    }

    /// A bars-table row as `loadBars` reads it back.
    public mutating func append(_ row: BarRow) {
        func stored(_ v: Double) -> Double? { SQLiteValue.finite(v).double }
        let k: Int
        if let found = bars.firstIndex(where: { $0.symbol == row.symbol }) { k = found } else { k = bars.count; bars.append(Bars(symbol: row.symbol)) }
        bars[k].closeMs.append(Self.millis(row.closeTime))
        bars[k].open.append(stored(row.open) ?? .nan)
        bars[k].high.append(stored(row.high) ?? .nan)
        bars[k].low.append(stored(row.low) ?? .nan)
        bars[k].close.append(stored(row.close) ?? .nan)
        bars[k].volumeUSD.append(stored(row.volumeUSD) ?? 0)
        bars[k].longLiquidationUSD.append(stored(row.longLiquidationUSD) ?? 0)
        bars[k].shortLiquidationUSD.append(stored(row.shortLiquidationUSD) ?? 0)
        bars[k].trend.append(row.trend)
        bars[k].volatility.append(row.volatility)
        bars[k].trendWindow = row.trendWindow
    }

    /// A trades-table row as `loadTrades` reads it back (rows in run and trade order).
    public mutating func append(_ row: TradeRow) {
        func stored(_ v: Double) -> Double? { SQLiteValue.finite(v).double }
        trades[row.run, default: []].append(Trade(side: row.side, reason: row.reason, entryMs: Self.millis(row.entryTime), exitMs: Self.millis(row.exitTime),
                                                  entryPrice: stored(row.entryPrice) ?? .nan, exitPrice: stored(row.exitPrice) ?? .nan,
                                                  pnlUSD: stored(row.pnlUSD) ?? 0, openAtEnd: row.openAtEnd))
    }

    /// A cascades-table row as `load` reads it back.
    public mutating func append(_ row: CascadeRow) {
        cascades.append(Cascade(symbol: row.symbol, time: ResultText.time(row.time), liquidations: row.liquidations,
                                longUSD: SQLiteValue.finite(row.longUSD).double ?? 0, shortUSD: SQLiteValue.finite(row.shortUSD).double ?? 0,
                                exchanges: row.exchanges, lowerBound: row.lowerBound))
    }

    /// A time in nanoseconds as the result files write it (`ResultText.time`, to the
    /// millisecond) and read it back.
    public static func millis(_ nanos: Int64) -> Int64 {
        nanos >= 0 ? nanos / 1_000_000 : millis(.text(ResultText.time(nanos)))
    }
}
