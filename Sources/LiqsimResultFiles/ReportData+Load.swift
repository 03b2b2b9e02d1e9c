import LiqsimCore
import LiqsimSQLite

extension ReportData {
    /// Reads a result directory written by `liqsim backtest`. Throws `ResultFileError`
    /// naming the file that is missing or unreadable.
    public static func load(directory: String) throws -> ReportData {
        var data = ReportData()
        let files = try ResultDirectory.load(directory)
        data.manifest = files.manifest
        data.runs = files.runs
        data.folds = files.folds
        data.validation = files.validation
        try loadOutOfSampleEquity(directory + "/oos_equity.csv", into: &data)
        let path = directory + "/results.sqlite"
        let db: SQLiteDatabase
        do { db = try SQLiteDatabase(path: path, readOnly: true) } catch {
            throw ResultFileError(path, "missing or unreadable (\(error))")
        }
        let version: Int
        do {
            try ResultsSchema.checkOwnership(db)   // read only, and only when it is liqsim's
            version = try db.userVersion
        } catch let error as SQLiteError {
            throw ResultFileError(path, error.message, fix: "read it with the liqsim that wrote it, or re-run the backtest")
        }
        do {
            try loadBars(db, into: &data, version: version)
            try loadTrades(db, into: &data)
            switch version {
            case 4...: try loadEquitySteps(db, into: &data)
            case 3: try loadEquityPoints(db, into: &data)
            default: try loadEquity(db, into: &data)
            }
            // Version 2 flags cascades whose totals are lower bounds; older files did not say.
            let flag = version >= 2 ? "lower_bound" : "0"
            for row in try db.query("SELECT symbol, time, liquidations, long_usd, short_usd, exchanges, \(flag) FROM cascades ORDER BY rowid") {
                data.cascades.append(Cascade(symbol: row[0].text ?? "", time: row[1].text ?? "", liquidations: Int(row[2].int64 ?? 0),
                                             longUSD: row[3].double ?? 0, shortUSD: row[4].double ?? 0, exchanges: row[5].text ?? "",
                                             lowerBound: (row[6].int64 ?? 0) != 0))
            }
        } catch let error as SQLiteError {
            throw ResultFileError(path, error.message, fix: "the file is not a liqsim results.sqlite — re-run the backtest")
        }
        return data
    }

    static func loadBars(_ db: SQLiteDatabase, into data: inout ReportData, version: Int) throws {
        let rows = try db.prepare("""
            SELECT symbol, close_time, open, high, low, close, volume_usd, long_liquidation_usd, short_liquidation_usd, trend, volatility,
            \(version >= 2 ? "trend_window" : "0") FROM bars ORDER BY rowid
            """)
        var index: [String: Int] = [:]
        while try rows.step() {
            let symbol = rows.value(at: 0).text ?? ""
            let k: Int
            if let found = index[symbol] { k = found } else { k = data.bars.count; index[symbol] = k; data.bars.append(Bars(symbol: symbol)) }
            data.bars[k].closeMs.append(millis(rows.value(at: 1)))
            data.bars[k].open.append(rows.value(at: 2).double ?? .nan)
            data.bars[k].high.append(rows.value(at: 3).double ?? .nan)
            data.bars[k].low.append(rows.value(at: 4).double ?? .nan)
            data.bars[k].close.append(rows.value(at: 5).double ?? .nan)
            data.bars[k].volumeUSD.append(rows.value(at: 6).double ?? 0)
            data.bars[k].longLiquidationUSD.append(rows.value(at: 7).double ?? 0)
            data.bars[k].shortLiquidationUSD.append(rows.value(at: 8).double ?? 0)
            data.bars[k].trend.append(rows.value(at: 9).text ?? "")
            data.bars[k].volatility.append(rows.value(at: 10).text ?? "")
            data.bars[k].trendWindow = Int(rows.value(at: 11).int64 ?? 0)
        }
    }

    static func loadTrades(_ db: SQLiteDatabase, into data: inout ReportData) throws {
        let rows = try db.prepare("SELECT run, side, reason, entry_time, exit_time, entry_price, exit_price, pnl_usd, open_at_end FROM trades ORDER BY run, trade")
        while try rows.step() {
            let run = Int(rows.int64(at: 0))
            data.trades[run, default: []].append(Trade(side: rows.value(at: 1).text ?? "", reason: rows.value(at: 2).text ?? "",
                                                       entryMs: millis(rows.value(at: 3)), exitMs: millis(rows.value(at: 4)),
                                                       entryPrice: rows.value(at: 5).double ?? .nan, exitPrice: rows.value(at: 6).double ?? .nan,
                                                       pnlUSD: rows.value(at: 7).double ?? 0, openAtEnd: rows.int64(at: 8) != 0))
        }
    }

    /// Every run's equity, thinned to `Equity.budget(runs:)` points per run. Columns are read
    /// in place: a run's times are compared with the previous run's (every run of a symbol
    /// repeats its bar closes) and parsed only when they differ.
    static func loadEquity(_ db: SQLiteDatabase, into data: inout ReportData) throws {
        let rows = try db.prepare("SELECT run, time, equity_usd, drawdown_pct FROM equity ORDER BY run, rowid")
        var runs = EquityCollector(runs: data.runs.rows.count)
        // The previous run's times as read, and in ms.
        var texts: [String] = [], ms: [Int64] = []
        while try rows.step() {
            let k = runs.place(run: Int(rows.int64(at: 0)), into: &data)
            let t: Int64
            if k < texts.count, rows.text(at: 1, equals: texts[k]) { t = ms[k] } else {
                let time = rows.value(at: 1)
                t = millis(time)
                let text = time.text ?? ""
                if k < texts.count { texts[k] = text; ms[k] = t } else { texts.append(text); ms.append(t) }
            }
            runs.append(timeMs: t, equityUSD: rows.double(at: 2) ?? .nan, drawdownPct: rows.double(at: 3) ?? .nan)
        }
        runs.finish(into: &data)
    }

    /// oos_equity.csv (time, fold, run, equity_usd), when it is there.
    static func loadOutOfSampleEquity(_ path: String, into data: inout ReportData) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        try outOfSampleEquity(text, path: path, into: &data)
    }

    /// oos_equity.csv's text; `path` names the file in errors.
    static func outOfSampleEquity(_ text: String, path: String, into data: inout ReportData) throws {
        let records: [[String]]
        do { records = try CSVFields.parse(text) } catch let error as CSVError { throw ResultFileError(path, error.description) }
        for (i, r) in records.dropFirst().enumerated() {
            guard r.count == 4, let t = TimeArgument.parse(r[0]), let e = Double(r[3]) else {
                throw ResultFileError(path, "line \(i + 2): expected time, fold, run, equity_usd")
            }
            data.oosTimeMs.append(t.rawValue / 1_000_000)
            data.oosEquityUSD.append(e)
        }
    }

    /// An ISO 8601 time of the results (`2026-01-01T00:01:00.000Z`) in ms since the epoch.
    static func millis(_ value: SQLiteValue) -> Int64 {
        guard let text = value.text, let t = TimeArgument.parse(text) else { return 0 }
        return t.rawValue / 1_000_000
    }
}
