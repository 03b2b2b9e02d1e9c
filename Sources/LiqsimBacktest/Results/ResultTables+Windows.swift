import Foundation
import LiqsimRegimes
import LiqsimResultFiles

extension ResultTables {
    /// The trend window the bars table reports for a symbol: the one its best run's rules
    /// used (best by the summary's ranking among the runs of the symbol) — the trend rule's
    /// window, else the range rule's — or `SharedPass.reportWindow` when neither runs.
    func barsWindow(symbol: String) -> Int {
        let ranked = RunRow.ranked(runs.rows, metricNames: runs.metricNames)
        let byRun = Dictionary(uniqueKeysWithValues: results.map { ($0.point.index, $0.point) })
        for row in ranked {
            guard let point = byRun[row.run], point["symbol"]?.description ?? symbol == symbol else { continue }
            for key in ["trend.window", "range.window"] {
                if let w = point[key]?.number { return Int(w) }
            }
            break
        }
        return SharedPass.reportWindow
    }

    /// The price and sentiment trends of symbol `s` over `window` bars (fitted already when
    /// a rule used that window).
    func trends(_ shared: SharedPass, symbol s: Int, window: Int) -> (price: TrendSeries, sentiment: TrendSeries) {
        let tape = shared.tape.symbols[s]
        let price = shared.priceTrends[s][window] ?? RollingOLS.trend(tape.close.map { Foundation.log($0) }, window: window)
        let sentiment = window == SharedPass.reportWindow ? shared.sentimentTrends[s] : RollingOLS.trend(tape.composite, window: window)
        return (price, sentiment)
    }

    /// summary.md's notes under a symbol's line: capped totals (lower bounds) and, when the
    /// HAR-RV forecast is missing at the last bar, why.
    static func notes(_ tape: SymbolTape, volatility: VolatilitySeries?) -> String {
        var out = ""
        for b in tape.lowerBounds {
            out += "  - " + LowerBound(symbol: tape.symbol.description, exchange: b.stream.rawValue, liquidations: b.liquidations, usd: b.usd,
                                       cappedSeconds: b.cappedSeconds).sentence + "\n"
        }
        if let v = volatility, v.forecast.count > 0, let gap = v.forecastGap(at: v.forecast.count - 1) {
            out += "  - volatility forecast (HAR-RV): \(gap)\n"
        }
        return out
    }
}
