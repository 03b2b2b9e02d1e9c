import LiqsimResultFiles

extension ResultTables {
    /// results.sqlite: the run tables at full precision, plus what a report draws (bars
    /// with regimes, cascades) from the shared pass, and the manifest's facts.
    /// Everything but the manifest and the commit (`ResultsDatabase.finish`), which need the
    /// CSV files' digest: the writer runs this beside the CSV files, on a second thread.
    func fillDatabase(path: String, shared: SharedPass, times: [String: [String]]) throws -> ResultsDatabase {
        let db = try ResultsDatabase(path: path, runs: runs, textParameters: textParameters)
        for t in trades { try db.insert(t) }
        try forEachEquityRow(times: times) { try db.insert($0) }
        for (s, t) in shared.tape.symbols.enumerated() {
            let symbol = t.symbol.description
            let window = barsWindow(symbol: symbol)
            let (trend, sentiment) = trends(shared, symbol: s, window: window)
            let vol = shared.volatility[s]
            for i in 0..<t.count {
                var row = BarRow(symbol: symbol, closeTime: t.closeTime[i], open: t.open[i], high: t.high[i], low: t.low[i], close: t.close[i],
                                     volumeUSD: t.volumeUSD[i], longLiquidationUSD: t.longLiquidationUSD[i], shortLiquidationUSD: t.shortLiquidationUSD[i],
                                     composite: t.composite[i], funding: t.funding[i], openInterestUSD: t.openInterestUSD[i], cascadeRisk: t.risk[i],
                                     trend: trend.label(at: i).rawValue, trendSlope: trend.slope[i], trendT: trend.driftT[i], trendR2: trend.rSquared[i],
                                     sentimentTrend: sentiment.label(at: i).rawValue, volatility: vol.labels[i].rawValue, volatilityZ: vol.z[i],
                                     rvForecast: vol.forecast[i])
                row.trendWindow = window
                try db.insert(row)
            }
            for c in t.cascades {
                var row = CascadeRow(symbol: symbol, time: c.time, endTime: c.endTime, liquidations: c.liquidations,
                                     longUSD: c.longUSD, shortUSD: c.shortUSD, exchanges: c.exchanges)
                row.lowerBound = c.lowerBound
                try db.insert(row)
            }
        }
        try db.flush()
        return db
    }
}
