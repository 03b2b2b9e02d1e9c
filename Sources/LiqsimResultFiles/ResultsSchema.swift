import LiqsimSQLite

/// results.sqlite's tables (docs/metrics.md). The `runs` table's columns follow the
/// scenario (`run`, the shown parameters, the metrics), so it is created by the writer; the
/// rest is versions 1 to 4 of the schema. The version is in `PRAGMA user_version`; files from
/// before it was recorded read as version 0 and hold the same tables.
public enum ResultsSchema {
    public static let migrator = SQLiteMigrator(name: "results database", migrations: [.init(version: 1, sql: """
        CREATE TABLE trades (run INTEGER, trade INTEGER, symbol TEXT, side TEXT, entry_time TEXT, exit_time TEXT, entry_price REAL,
          exit_price REAL, quantity REAL, reason TEXT, pnl_usd REAL, fees_usd REAL, funding_usd REAL, open_at_end INTEGER, across_gap INTEGER);
        CREATE TABLE equity (run INTEGER, time TEXT, equity_usd REAL, drawdown_pct REAL, position REAL);
        CREATE TABLE bars (symbol TEXT, close_time TEXT, open REAL, high REAL, low REAL, close REAL, volume_usd REAL,
          long_liquidation_usd REAL, short_liquidation_usd REAL, composite REAL, funding REAL, open_interest_usd REAL, cascade_risk REAL,
          trend TEXT, trend_slope REAL, trend_t REAL, trend_r2 REAL, sentiment_trend TEXT, volatility TEXT, volatility_z REAL, rv_forecast REAL);
        CREATE TABLE cascades (symbol TEXT, time TEXT, liquidations INTEGER, long_usd REAL, short_usd REAL, exchanges TEXT, end_time TEXT);
        CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT);
        """),
        // Issue 12: the window of the bars' trend columns, and cascades whose totals are lower bounds.
        .init(version: 2, sql: """
        ALTER TABLE bars ADD COLUMN trend_window INTEGER;
        ALTER TABLE cascades ADD COLUMN lower_bound INTEGER;
        """),
        // Issue 16: equity rows without their run and time text (a rowid range per run, each bar
        // close's text once) and without an index; the view `equity` gives version 2's rows.
        .init(version: 3, sql: """
        CREATE TABLE equity_points (time_ms INTEGER, equity_usd REAL, drawdown_pct REAL, position REAL);
        CREATE TABLE equity_runs (run INTEGER PRIMARY KEY, first_row INTEGER, last_row INTEGER);
        CREATE TABLE equity_times (time_ms INTEGER PRIMARY KEY, time TEXT);
        INSERT OR IGNORE INTO equity_times SELECT DISTINCT \(millis), time FROM equity WHERE \(millis) IS NOT NULL;
        INSERT INTO equity_points (rowid, time_ms, equity_usd, drawdown_pct, position)
          SELECT row_number() OVER (ORDER BY run, rowid), \(millis), equity_usd, drawdown_pct, position FROM equity ORDER BY run, rowid;
        INSERT INTO equity_runs SELECT run, min(n), max(n) FROM (SELECT run, row_number() OVER (ORDER BY run, rowid) AS n FROM equity) GROUP BY run;
        DROP TABLE equity;
        \(equityView3);
        """),
        // Issue 16: no time per equity row. A run's row k is step k of its timeline (one
        // symbol's bar closes from the run's first sampled bar, every `curveStride`-th), so
        // the time is a lookup in `equity_steps`. A version-3 file gets one timeline per run,
        // built from its rows (a step without text keeps no time, as its view row had none).
        .init(version: 4, sql: """
        CREATE TABLE equity_steps (timeline INTEGER, step INTEGER, time_ms INTEGER, time TEXT, PRIMARY KEY (timeline, step)) WITHOUT ROWID;
        ALTER TABLE equity_runs ADD COLUMN timeline INTEGER;
        UPDATE equity_runs SET timeline = run;
        INSERT INTO equity_steps SELECT r.run, p.rowid - r.first_row, iif(t.time IS NULL, NULL, p.time_ms), t.time FROM equity_runs AS r
          CROSS JOIN equity_points AS p ON p.rowid BETWEEN r.first_row AND r.last_row LEFT JOIN equity_times AS t ON t.time_ms = p.time_ms;
        DROP VIEW equity;
        DROP TABLE equity_times;
        ALTER TABLE equity_points DROP COLUMN time_ms;
        \(equityView);
        """)])

    /// Version 2's `equity` rows (run, time, equity_usd, drawdown_pct, position) in its
    /// order (run, then bar), from version 4's tables. `CROSS JOIN` keeps `equity_runs` the
    /// outer loop, so a run's rows are one rowid range of `equity_points`
    /// (`WHERE run = ?` is a primary-key search and a range, never a scan); each row's time is
    /// its step of the run's timeline (`rowid - first_row`), one primary-key search.
    static let equityView = """
        CREATE VIEW equity AS SELECT r.run AS run, s.time AS time, p.equity_usd AS equity_usd, p.drawdown_pct AS drawdown_pct, \
        p.position AS position FROM equity_runs AS r CROSS JOIN equity_points AS p ON p.rowid BETWEEN r.first_row AND r.last_row \
        LEFT JOIN equity_steps AS s ON s.timeline = r.timeline AND s.step = p.rowid - r.first_row
        """

    /// Version 3's view: the time's text by the row's `time_ms` (`equity_times`).
    static let equityView3 = """
        CREATE VIEW equity AS SELECT r.run AS run, t.time AS time, p.equity_usd AS equity_usd, p.drawdown_pct AS drawdown_pct, \
        p.position AS position FROM equity_runs AS r CROSS JOIN equity_points AS p ON p.rowid BETWEEN r.first_row AND r.last_row \
        LEFT JOIN equity_times AS t ON t.time_ms = p.time_ms
        """

    /// A result time's text (`2026-01-01T00:01:00.000Z`) in ms since the epoch, in SQL.
    static let millis = "(CAST(strftime('%s', time) AS INTEGER) * 1000 + CAST(substr(time, 21, 3) AS INTEGER))"

    public static var version: Int { migrator.latest }

    /// Refuses a file that is not a liqsim results.sqlite, or a damaged one, before it is
    /// read or written (`SQLiteMigrator.checkOwnership`; `runs` follows the scenario, the
    /// run indexes are the writer's: `trades_run`, and before version 3 `equity_run`).
    /// Returns the tables and views present.
    @discardableResult
    public static func checkOwnership(_ db: SQLiteDatabase) throws -> Set<String> {
        try migrator.checkOwnership(db, openTables: ["runs"], extraIndexes: ["trades_run", "equity_run"])
    }

    /// `run` is an integer, word-valued parameters (symbol, mode) text, everything else real.
    static func runsTable(_ runs: RunsTable, textParameters: Set<String>) -> String {
        let defs = runs.header.enumerated().map { i, c in
            "\"\(c)\" " + (i == 0 ? "INTEGER" : (textParameters.contains(c) ? "TEXT" : "REAL"))
        }
        return "CREATE TABLE runs (\(defs.joined(separator: ", ")))"
    }

    /// Built before the inserts: rows arrive in run order, so every index entry is appended
    /// at the end of its b-tree. Equity needs none: a run's rows are a rowid range.
    static let indexes = "CREATE INDEX trades_run ON trades(run);"

    static func insert(_ table: String, _ width: Int) -> String {
        "INSERT INTO \(table) VALUES (\((1...width).map { "?\($0)" }.joined(separator: ",")))"
    }

    /// A runs.csv parameter as stored: a number as REAL (`inf` too), anything else as TEXT.
    static func parameter(_ text: String) -> SQLiteValue {
        if let v = Double(text) { return .real(v) }
        return text == "inf" ? .real(.infinity) : .text(text)
    }
}
