import Foundation
import Testing
import LiqsimSQLite
import LiqsimStore

@Suite("Snapshot store")
struct SnapshotStoreTests {
    @Test func insertedRowsReadBackExactlyWithNulls() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("snap.sqlite")
        let store = try SnapshotStore(path: path)
        try store.insert(Snap.batch)
        let raw = try SQLiteDatabase(path: path, create: false)   // a second, independent connection
        let t0 = Snap.t0, t1 = Snap.t0 + Snap.hour

        #expect(try raw.query("SELECT * FROM market_snapshots ORDER BY rowid") == [
            [.integer(t0), .text("BTCUSDT"), .real(87_000.5), .real(1_250_000_000), .real(8_500_000_000), .real(0.0001),
             .real(1_500_000.25), .real(250_000), .integer(42), .real(0.35), .text("BULLISH"), .real(0.62), .text("HIGH")],
            [.integer(t1), .text("ETHUSDT"), .null, .null, .null, .null, .real(0), .real(0), .integer(0), .null, .null, .null, .null],
        ])
        #expect(try raw.query("SELECT * FROM exchange_snapshots ORDER BY rowid") == [
            [.integer(t0), .text("BTCUSDT"), .text("binance-usdm"), .real(87_001), .real(500_000_000), .real(95_000.5),
             .real(8_260_000_000), .real(-0.00005), .real(57.77), .real(1_000_000), .real(0), .integer(30)],
            [.integer(t0), .text("BTCUSDT"), .text("okx-swap"), .null, .null, .null, .null, .null, .null, .real(0), .real(0), .integer(0)],
        ])
        #expect(try raw.query("SELECT * FROM sentiment_factors ORDER BY rowid") == [
            [.integer(t0), .text("BTCUSDT"), .text("funding"), .real(0.7616), .real(0.25)],
            [.integer(t0), .text("BTCUSDT"), .text("open_interest"), .null, .real(0.5)],
        ])
        #expect(try raw.query("SELECT * FROM liquidation_snapshots ORDER BY rowid") == [
            [.integer(t0), .text("BTCUSDT"), .text("1h"), .integer(42), .real(1_750_000.25), .real(1_500_000.25), .real(250_000),
             .real(310_000), .integer(3)],
            [.integer(t1), .text("ETHUSDT"), .text("5m"), .integer(0), .real(0), .real(0), .real(0), .null, .integer(0)],
        ])
        // Column names and order are the documented schema.
        #expect(try raw.query("SELECT name FROM pragma_table_info('liquidation_snapshots')").map { $0[0].text! } ==
                ["time_ns", "symbol", "window", "events", "usd", "long_usd", "short_usd", "largest_usd", "institutional"])
        #expect(try raw.query("SELECT name FROM pragma_table_info('market_snapshots')").map { $0[0].text! } ==
                ["time_ns", "symbol", "price", "volume_usd", "open_interest_usd", "funding_rate", "long_liq_usd", "short_liq_usd",
                 "liquidations", "sentiment", "sentiment_label", "cascade_risk", "cascade_level"])
    }

    @Test func schemaIndicesAndPragmas() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let store = try SnapshotStore(path: tmp.path("snap.sqlite"))
        let db = store.database
        #expect(try db.query("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' ORDER BY name") == [
            [.text("idx_exchange_snapshots_symbol_time"), .text("exchange_snapshots")],
            [.text("idx_liquidation_snapshots_symbol_time"), .text("liquidation_snapshots")],
            [.text("idx_market_snapshots_symbol_time"), .text("market_snapshots")],
            [.text("idx_sentiment_factors_symbol_time"), .text("sentiment_factors")],
        ])
        for table in SnapshotTable.allCases {
            let columns = try db.query("SELECT name FROM pragma_index_info('idx_\(table.rawValue)_symbol_time') ORDER BY seqno")
            #expect(columns == [[.text("symbol")], [.text("time_ns")]], "\(table)")
        }
        #expect(try db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map { $0[0].text! } ==
                ["exchange_snapshots", "liquidation_snapshots", "market_snapshots", "sentiment_factors"])
        #expect(try db.scalar("PRAGMA journal_mode") == .text("wal"))
        #expect(try db.scalar("PRAGMA synchronous") == .integer(1))      // NORMAL
        #expect(try db.scalar("PRAGMA auto_vacuum") == .integer(2))      // INCREMENTAL
        #expect(try db.scalar("PRAGMA user_version") == .integer(1))
    }

    @Test func statsAreExact() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("snap.sqlite")
        let store = try SnapshotStore(path: path)
        let empty = try store.stats()
        #expect(empty.tables == SnapshotTable.allCases.map { SnapshotTableStats(table: $0, rows: 0, minTimeNs: nil, maxTimeNs: nil) })
        #expect(empty.symbols == [] && empty.minTimeNs == nil && empty.maxTimeNs == nil && empty.totalRows == 0)

        var batch = Snap.batch
        batch.liquidations.append(LiquidationSnapshotRow(timeNs: Snap.t0 + 2 * Snap.day, symbol: "SOLUSDT", window: "1m"))
        try store.insert(batch)
        let s = try store.stats()
        let t0 = Snap.t0, t1 = Snap.t0 + Snap.hour
        #expect(s.tables == [
            SnapshotTableStats(table: .marketSnapshots, rows: 2, minTimeNs: t0, maxTimeNs: t1),
            SnapshotTableStats(table: .exchangeSnapshots, rows: 2, minTimeNs: t0, maxTimeNs: t0),
            SnapshotTableStats(table: .sentimentFactors, rows: 2, minTimeNs: t0, maxTimeNs: t0),
            SnapshotTableStats(table: .liquidationSnapshots, rows: 3, minTimeNs: t0, maxTimeNs: t0 + 2 * Snap.day),
        ])
        #expect(s.totalRows == 9)
        #expect(s.rows(.liquidationSnapshots) == 3)
        #expect(s.minTimeNs == t0 && s.maxTimeNs == t0 + 2 * Snap.day)
        #expect(s.symbols == ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
        let pages = try store.database.scalar("PRAGMA page_count").int64!
        let pageSize = try store.database.scalar("PRAGMA page_size").int64!
        #expect(s.databaseBytes == pages * pageSize)
        #expect(s.databaseBytes > 0)
        #expect(s.fileBytes == Snap.fileSize(path))
        #expect(s.walBytes == Snap.fileSize(path + "-wal"))
    }

    @Test func reopeningKeepsDataAndSchemaCreationIsIdempotent() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("snap.sqlite")
        do { try SnapshotStore(path: path).insert(Snap.batch) }
        let schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        let before = try SQLiteDatabase(path: path).query(schema)
        #expect(before.count == 8)
        do {
            let again = try SnapshotStore(path: path)
            #expect(try again.stats().totalRows == 8)
            try again.insert(Snap.batch)
        }
        let existing = try SnapshotStore(path: path, create: false)
        #expect(try existing.stats().tables.map(\.rows) == [4, 4, 4, 4])
        #expect(try existing.database.query(schema) == before)
        #expect(try existing.database.query("SELECT * FROM sentiment_factors WHERE rowid = 4") ==
                [[.integer(Snap.t0), .text("BTCUSDT"), .text("open_interest"), .null, .real(0.5)]])
    }

    @Test func openingExistingOnlyNeverCreatesOrAlters() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let missing = tmp.path("missing.sqlite")
        #expect(throws: SQLiteError(path: missing, message: "no such file")) { try SnapshotStore(path: missing, create: false) }
        #expect(!FileManager.default.fileExists(atPath: missing))

        let foreign = tmp.path("foreign.sqlite")
        try SQLiteDatabase(path: foreign).execute("CREATE TABLE notes (body TEXT)")
        #expect(throws: SQLiteError(path: foreign, message: "not a liqsim snapshot store (it holds table notes); not touched")) {
            try SnapshotStore(path: foreign, create: false)
        }
        #expect(try SQLiteDatabase(path: foreign).query("SELECT name FROM sqlite_master") == [[.text("notes")]])
        #expect(try SQLiteDatabase(path: foreign).scalar("PRAGMA journal_mode") == .text("delete"))

        let text = tmp.path("text.sqlite")
        try Data(String(repeating: "not a database at all\n", count: 200).utf8).write(to: URL(fileURLWithPath: text))
        let error = #expect(throws: SQLiteError.self) { try SnapshotStore(path: text, create: false) }
        #expect(error?.path == text)
        #expect(error?.message.hasPrefix("file is not a database") == true)
    }

    /// Another application's database, a damaged store, a newer or unknown schema: refused
    /// also where a store would be created (`--db`), and the file's bytes stay as they were.
    @Test func foreignOrDamagedDatabasesAreRefusedUntouched() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
        func refused(_ path: String, _ message: String) throws {
            let before = try bytes(path)
            for create in [true, false] {
                let error = #expect(throws: SQLiteError.self) { try SnapshotStore(path: path, create: create) }
                #expect(error?.message.contains(message) == true, "\(error?.message ?? "-")")
                #expect(try bytes(path) == before, "\(path) changed")
                #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
            }
        }
        let other = tmp.path("other.sqlite")
        try SQLiteDatabase(path: other).execute("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep')")
        try refused(other, "it holds table notes")

        let mixed = tmp.path("mixed.sqlite")
        do { try SnapshotStore(path: mixed).insert(Snap.batch) }
        try SQLiteDatabase(path: mixed).execute("PRAGMA journal_mode = DELETE; CREATE TABLE accounts (id INTEGER)")
        try refused(mixed, "it holds table accounts")

        let columns = tmp.path("columns.sqlite")
        try SQLiteDatabase(path: columns).execute("CREATE TABLE market_snapshots (time_ns INTEGER, price REAL)")
        try refused(columns, "table market_snapshots has columns time_ns, price")

        let newer = tmp.path("newer.sqlite")
        do { try SnapshotStore(path: newer).insert(Snap.batch) }
        try SQLiteDatabase(path: newer).execute("PRAGMA journal_mode = DELETE; PRAGMA user_version = 7")
        try refused(newer, "schema version 7 is newer")

        let damaged = tmp.path("damaged.sqlite")
        do { try SnapshotStore(path: damaged).insert(Snap.batch) }
        try SQLiteDatabase(path: damaged).execute("PRAGMA journal_mode = DELETE")
        var d = try bytes(damaged)
        let pageSize = 4096
        try #require(d.count > 2 * pageSize)
        for i in (d.count - pageSize)..<(d.count - pageSize + 200) { d[i] = 0xA5 }   // a table page's header
        try d.write(to: URL(fileURLWithPath: damaged))
        try refused(damaged, "damaged database (integrity check: ")
    }

    @Test func aFailingBatchWritesNothingAndTheStoreStaysUsable() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let store = try SnapshotStore(path: tmp.path("snap.sqlite"))
        var bad = Snap.batch
        bad.liquidations.append(LiquidationSnapshotRow(timeNs: Snap.t0, symbol: "BTCUSDT", window: "1m", usd: .nan))  // NaN → NULL in NOT NULL
        #expect(throws: SQLiteError.self) { try store.insert(bad) }
        #expect(try store.stats().totalRows == 0)
        try store.insert(Snap.batch)
        try store.insert(SnapshotBatch())
        #expect(try store.stats().tables.map(\.rows) == [2, 2, 2, 2])
    }

    @Test func oneHundredThousandRowsInOneBatch() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let store = try SnapshotStore(path: tmp.path("snap.sqlite"))
        let rows = (0..<100_000).map { i in
            MarketSnapshotRow(timeNs: Snap.t0 + Int64(i) * 60_000_000_000, symbol: i % 2 == 0 ? "BTCUSDT" : "ETHUSDT",
                              price: Double(i), liquidations: i % 7)
        }
        try store.insert(SnapshotBatch(markets: rows))
        let s = try store.stats()
        #expect(s.rows(.marketSnapshots) == 100_000)
        #expect(s.maxTimeNs == Snap.t0 + 99_999 * 60_000_000_000)
        #expect(try store.database.scalar("SELECT SUM(liquidations) FROM market_snapshots") == .integer(299_995))
    }
}
