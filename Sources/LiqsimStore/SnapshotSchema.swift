/// DDL and insert statements of the snapshot store. Times are nanoseconds since the
/// epoch (receive time of the snapshot's close); prices and amounts are USD as REAL.
import LiqsimSQLite

enum SnapshotSchema {
    /// Versions in order; the latest is stored in `PRAGMA user_version`, and a store written
    /// by a newer liqsim is refused. Version 1 creates whatever is missing, so stores written
    /// before versions were recorded (user_version 0) are completed, not rebuilt.
    static let migrator = SQLiteMigrator(name: "snapshot store", migrations: [.init(version: 1, sql: createSQL)])

    static let columns: [SnapshotTable: [String]] = [
        .marketSnapshots: ["time_ns INTEGER NOT NULL", "symbol TEXT NOT NULL", "price REAL", "volume_usd REAL",
                           "open_interest_usd REAL", "funding_rate REAL", "long_liq_usd REAL NOT NULL",
                           "short_liq_usd REAL NOT NULL", "liquidations INTEGER NOT NULL", "sentiment REAL",
                           "sentiment_label TEXT", "cascade_risk REAL", "cascade_level TEXT"],
        .exchangeSnapshots: ["time_ns INTEGER NOT NULL", "symbol TEXT NOT NULL", "exchange TEXT NOT NULL", "price REAL",
                             "volume_usd REAL", "open_interest REAL", "open_interest_usd REAL", "funding_rate REAL",
                             "long_pct REAL", "long_liq_usd REAL NOT NULL", "short_liq_usd REAL NOT NULL",
                             "liquidations INTEGER NOT NULL"],
        .sentimentFactors: ["time_ns INTEGER NOT NULL", "symbol TEXT NOT NULL", "factor TEXT NOT NULL", "value REAL",
                            "weight REAL NOT NULL"],
        .liquidationSnapshots: ["time_ns INTEGER NOT NULL", "symbol TEXT NOT NULL", "\"window\" TEXT NOT NULL",
                                "events INTEGER NOT NULL", "usd REAL NOT NULL", "long_usd REAL NOT NULL",
                                "short_usd REAL NOT NULL", "largest_usd REAL", "institutional INTEGER NOT NULL"],
    ]

    /// The (symbol, time_ns) index of a table.
    static func indexName(_ table: SnapshotTable) -> String { "idx_\(table.rawValue)_symbol_time" }

    /// Creates whatever is missing; safe to run on every open.
    static var createSQL: String {
        SnapshotTable.allCases.map { table in
            """
            CREATE TABLE IF NOT EXISTS \(table.rawValue) (\(columns[table]!.joined(separator: ", ")));
            CREATE INDEX IF NOT EXISTS \(indexName(table)) ON \(table.rawValue) (symbol, time_ns);
            """
        }.joined(separator: "\n")
    }

    static func insertSQL(_ table: SnapshotTable) -> String {
        let names = columns[table]!.map { String($0.split(separator: " ")[0]) }
        let marks = (1...names.count).map { "?\($0)" }
        return "INSERT INTO \(table.rawValue) (\(names.joined(separator: ", "))) VALUES (\(marks.joined(separator: ", ")))"
    }
}
