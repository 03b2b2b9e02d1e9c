import LiqsimResults

/// results.sqlite: the run tables, plus what a report draws (bars with regimes, cascades),
/// queryable with any SQLite client (docs/metrics.md lists the tables).
enum ResultsDatabase {
    static func write(path: String, tables: ResultTables, shared: SharedPass, times: [String: [String]], manifest: [(String, String)]) throws {
        let db = try SQLiteDatabase(path: path)
        try db.transaction {
            try create(db, "runs", tables.runsHeader, textColumns: Set(tables.shown.filter { $0.values.first?.number == nil }.map(\.name)))
            try insert(db, "runs", tables.runsHeader.count, tables.results.map { tables.runRow($0) })
            try db.execute("""
                CREATE TABLE trades (run INTEGER, trade INTEGER, symbol TEXT, side TEXT, entry_time TEXT, exit_time TEXT, entry_price REAL,
                  exit_price REAL, quantity REAL, reason TEXT, pnl_usd REAL, fees_usd REAL, funding_usd REAL, open_at_end INTEGER, across_gap INTEGER);
                CREATE TABLE equity (run INTEGER, time TEXT, equity_usd REAL, drawdown_pct REAL, position REAL);
                CREATE TABLE bars (symbol TEXT, close_time TEXT, open REAL, high REAL, low REAL, close REAL, volume_usd REAL,
                  long_liquidation_usd REAL, short_liquidation_usd REAL, composite REAL, funding REAL, open_interest_usd REAL, cascade_risk REAL,
                  trend TEXT, trend_slope REAL, trend_t REAL, trend_r2 REAL, sentiment_trend TEXT, volatility TEXT, volatility_z REAL, rv_forecast REAL);
                CREATE TABLE cascades (symbol TEXT, time TEXT, liquidations INTEGER, long_usd REAL, short_usd REAL, exchanges TEXT, end_time TEXT);
                CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT);
                """)
            let trades = try db.prepare("INSERT INTO trades VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
            for r in tables.results {
                for (k, t) in r.trades.enumerated() {
                    let values: [SQLiteValue] = [.integer(Int64(r.point.index)), .integer(Int64(k + 1)), .text(r.point.text("symbol")),
                                                 .text(t.side > 0 ? "long" : "short"), .text(TableText.time(t.entryTime)), .text(TableText.time(t.exitTime)),
                                                 real(t.entryPrice), real(t.exitPrice), real(t.quantity), .text(tables.scenario.strategies[t.reason]),
                                                 real(t.pnl), real(t.fees), real(t.funding), .integer(t.openAtEnd ? 1 : 0), .integer(t.acrossGap ? 1 : 0)]
                    try run(trades, values)
                }
            }
            let equity = try db.prepare("INSERT INTO equity VALUES (?,?,?,?,?)")
            for r in tables.results {
                guard let times = times[r.point.text("symbol")] else { continue }
                let id = Int64(r.point.index)
                for row in EquityRows(r, bars: times.count) {
                    equity.reset()
                    try equity.bind(1, id)
                    try equity.bind(2, times[row.bar])
                    try equity.bind(3, row.equity)
                    try equity.bind(4, row.drawdownPct)
                    try equity.bind(5, row.position)
                    _ = try equity.step()
                }
            }
            try writeBars(db, shared)
            // Indexed after the inserts: building an index once is faster than updating it per row.
            try db.execute("CREATE INDEX trades_run ON trades(run); CREATE INDEX equity_run ON equity(run);")
            let meta = try db.prepare("INSERT INTO manifest VALUES (?,?)")
            for (k, v) in manifest { try run(meta, [.text(k), .text(v)]) }
        }
    }

    private static func writeBars(_ db: SQLiteDatabase, _ shared: SharedPass) throws {
        let bars = try db.prepare("INSERT INTO bars VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        let cascades = try db.prepare("INSERT INTO cascades VALUES (?,?,?,?,?,?,?)")
        let window = SharedPass.reportWindow
        for (s, t) in shared.tape.symbols.enumerated() {
            let trend = shared.priceTrends[s][window]!, sentiment = shared.sentimentTrends[s], vol = shared.volatility[s]
            for i in 0..<t.count {
                try run(bars, [.text(t.symbol.description), .text(TableText.time(t.closeTime[i])), real(t.open[i]), real(t.high[i]), real(t.low[i]),
                               real(t.close[i]), real(t.volumeUSD[i]), real(t.longLiquidationUSD[i]), real(t.shortLiquidationUSD[i]),
                               real(t.composite[i]), real(t.funding[i]), real(t.openInterestUSD[i]), real(t.risk[i]),
                               .text(trend.label(at: i).rawValue), real(trend.slope[i]), real(trend.tStat[i]), real(trend.rSquared[i]),
                               .text(sentiment.label(at: i).rawValue), .text(vol.labels[i].rawValue), real(vol.z[i]), real(vol.forecast[i])])
            }
            for c in t.cascades {
                try run(cascades, [.text(t.symbol.description), .text(TableText.time(c.time)), .integer(Int64(c.liquidations)),
                                   real(c.longUSD), real(c.shortUSD), .text(c.exchanges), .text(TableText.time(c.endTime))])
            }
        }
    }

    private static func real(_ v: Double) -> SQLiteValue { v.isFinite ? .real(v) : .null }

    /// `run` is an integer, word-valued parameters (symbol, mode) text, everything else real.
    private static func create(_ db: SQLiteDatabase, _ table: String, _ columns: [String], textColumns: Set<String>) throws {
        let defs = columns.enumerated().map { i, c in "\"\(c)\" " + (i == 0 ? "INTEGER" : (textColumns.contains(c) ? "TEXT" : "REAL")) }
        try db.execute("CREATE TABLE \(table) (\(defs.joined(separator: ", ")))")
    }

    private static func insert(_ db: SQLiteDatabase, _ table: String, _ width: Int, _ rows: [[String]]) throws {
        let statement = try db.prepare("INSERT INTO \(table) VALUES (\(Array(repeating: "?", count: width).joined(separator: ",")))")
        for row in rows {
            try run(statement, row.enumerated().map { i, field in
                i == 0 ? .integer(Int64(field)!) : (Double(field).map(SQLiteValue.real) ?? (field == "inf" ? .real(.infinity) : .text(field)))
            })
        }
    }

    private static func run(_ statement: SQLiteStatement, _ values: [SQLiteValue]) throws {
        statement.reset()
        for (i, v) in values.enumerated() { try statement.bind(Int32(i + 1), v) }
        _ = try statement.step()
    }
}
