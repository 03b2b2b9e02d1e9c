import LiqsimResultFiles

extension ResultTables {
    /// The rows results.sqlite takes after the equity rows, built by the writer's thread
    /// while the database thread inserts those.
    struct LaterRows {
        var trades: [TradeRow], bars: [BarRow], cascades: [CascadeRow]
    }

    /// results.sqlite: the run tables at full precision, plus what a report draws (bars
    /// with regimes, cascades) from the shared pass, and the manifest's facts.
    /// Everything but the manifest and the commit (`ResultsDatabase.finish`), which need the
    /// CSV files' digest: the writer runs this beside the CSV files, on a second thread.
    /// `later` is called once the equity rows are in (the file's tables are independent, so
    /// their order of insertion changes no row): the writer hands over the trades, bars and
    /// cascades it built meanwhile.
    func fillDatabase(path: String, closes: [String: [Int64]], later: () -> LaterRows) throws -> ResultsDatabase {
        let db = try ResultsDatabase(path: path, runs: runs, textParameters: textParameters)
        // A run's equity row k is bar `firstBar + k·curveStride` of its symbol: runs sharing
        // that sequence (normally all runs of a symbol) share one timeline of bar closes.
        var timelines: [Timeline: Int] = [:]
        var drawdown: [Double] = []
        for r in results {
            let symbol = r.point.text("symbol")
            guard let ns = closes[symbol] else { continue }
            let rows = EquityRows(r, bars: ns.count)
            let key = Timeline(symbol: symbol, firstBar: rows.firstBar, stride: r.curveStride)
            let timeline: Int
            if let known = timelines[key] { timeline = known } else {
                timeline = timelines.count
                timelines[key] = timeline
                try db.insertTimeline(timeline, closes: stride(from: rows.firstBar, to: ns.count, by: r.curveStride).map { ns[$0] })
            }
            // Row k is `r.equity[k]` and `r.position[k]`, lent to SQLite as they are.
            rows.drawdowns(into: &drawdown)
            try db.insertEquity(run: r.point.index, timeline: timeline, equityUSD: r.equity, drawdownPct: drawdown, position: r.position)
        }
        let rows = later()
        // Their columns (the times' text too) are built here: the writer's own thread is
        // the longer of the two (equity.csv and its hash, trades.csv, the report).
        try db.insert(TradeColumns(rows.trades))
        for row in rows.bars { try db.insert(row) }
        for row in rows.cascades { try db.insert(row) }
        try db.flush()
        return db
    }

    /// One symbol's bar closes from `firstBar`, every `stride`-th: the times of a run's equity rows.
    private struct Timeline: Hashable {
        var symbol: String, firstBar: Int, stride: Int
    }

    /// The bars table's rows: every symbol's bars with regimes (built once: results.sqlite
    /// and the report's data both take them).
    func barRows(_ shared: SharedPass) -> [BarRow] {
        var rows: [BarRow] = []
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
                rows.append(row)
            }
        }
        return rows
    }

    /// The cascades table's rows, symbol by symbol.
    func cascadeRows(_ tape: MarketTape) -> [CascadeRow] {
        tape.symbols.flatMap { t in
            t.cascades.map { c in
                var row = CascadeRow(symbol: t.symbol.description, time: c.time, endTime: c.endTime, liquidations: c.liquidations,
                                     longUSD: c.longUSD, shortUSD: c.shortUSD, exchanges: c.exchanges)
                row.lowerBound = c.lowerBound
                return row
            }
        }
    }

    /// Every run's equity as the report reads it from results.sqlite (`ReportData.load`):
    /// bar closes in ms, thinned to the page's budget.
    func reportEquity(_ tape: MarketTape, into data: inout ReportData) {
        let budget = ReportData.Equity.budget(runs: data.runs.rows.count)
        // Each bar close in ms once per symbol, not once per run.
        let closes = Dictionary(uniqueKeysWithValues: tape.symbols.map { ($0.symbol.description, $0.closeTime.map(ReportData.millis)) })
        var drawdown: [Double] = []
        for r in results {
            guard let close = closes[r.point.text("symbol")] else { continue }
            let rows = EquityRows(r, bars: close.count)
            rows.drawdowns(into: &drawdown)
            guard !drawdown.isEmpty else { continue }
            // Thinned straight from the run's arrays: row k is bar `firstBar + k·curveStride`.
            let kept = ReportData.Equity.keptRows(equityUSD: r.equity, drawdownPct: drawdown, budget: budget)
            var e = ReportData.Equity()
            e.rows = drawdown.count
            e.timeMs = kept.map { close[rows.firstBar + $0 * r.curveStride] }
            e.equityUSD = kept.map { r.equity[$0] }
            e.drawdownPct = kept.map { drawdown[$0] }
            data.equity[r.point.index] = e
        }
    }
}
