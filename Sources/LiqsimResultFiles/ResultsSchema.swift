import LiqsimSQLite

/// results.sqlite's tables (docs/metrics.md). The `runs` table's columns follow the
/// scenario (`run`, the shown parameters, the metrics), so it is created by the writer; the
/// rest is versions 1 and 2 of the schema. The version is in `PRAGMA user_version`; files from
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
        """)])

    public static var version: Int { migrator.latest }

    /// Refuses a file that is not a liqsim results.sqlite, or a damaged one, before it is
    /// read or written (`SQLiteMigrator.checkOwnership`; `runs` follows the scenario, the
    /// run indexes are built after the inserts). Returns the tables present.
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
    /// at the end of its b-tree — cheaper than sorting 1.44 M entries afterwards (a 1,000-run
    /// grid's equity table with its index: 0.72 CPU-s against 1.0–1.1 with the index after).
    static let indexes = "CREATE INDEX trades_run ON trades(run); CREATE INDEX equity_run ON equity(run);"

    static func insert(_ table: String, _ width: Int) -> String {
        "INSERT INTO \(table) VALUES (\((1...width).map { "?\($0)" }.joined(separator: ",")))"
    }

    /// A runs.csv parameter as stored: a number as REAL (`inf` too), anything else as TEXT.
    static func parameter(_ text: String) -> SQLiteValue {
        if let v = Double(text) { return .real(v) }
        return text == "inf" ? .real(.infinity) : .text(text)
    }
}
