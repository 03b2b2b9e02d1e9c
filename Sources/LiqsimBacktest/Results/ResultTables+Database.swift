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
        let window = SharedPass.reportWindow
        for (s, t) in shared.tape.symbols.enumerated() {
            let trend = shared.priceTrends[s][window]!, sentiment = shared.sentimentTrends[s], vol = shared.volatility[s]
            let symbol = t.symbol.description
            for i in 0..<t.count {
                try db.insert(BarRow(symbol: symbol, closeTime: t.closeTime[i], open: t.open[i], high: t.high[i], low: t.low[i], close: t.close[i],
                                     volumeUSD: t.volumeUSD[i], longLiquidationUSD: t.longLiquidationUSD[i], shortLiquidationUSD: t.shortLiquidationUSD[i],
                                     composite: t.composite[i], funding: t.funding[i], openInterestUSD: t.openInterestUSD[i], cascadeRisk: t.risk[i],
                                     trend: trend.label(at: i).rawValue, trendSlope: trend.slope[i], trendT: trend.tStat[i], trendR2: trend.rSquared[i],
                                     sentimentTrend: sentiment.label(at: i).rawValue, volatility: vol.labels[i].rawValue, volatilityZ: vol.z[i],
                                     rvForecast: vol.forecast[i]))
            }
            for c in t.cascades {
                try db.insert(CascadeRow(symbol: symbol, time: c.time, endTime: c.endTime, liquidations: c.liquidations,
                                         longUSD: c.longUSD, shortUSD: c.shortUSD, exchanges: c.exchanges))
            }
        }
        return db
    }
}
