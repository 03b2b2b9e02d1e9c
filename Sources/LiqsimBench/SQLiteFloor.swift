import Foundation
import LiqsimResultFiles
import LiqsimSQLite

/// What "writing ≤ 0.5 s" leaves once SQLite has done its own part, measured in the same run.
///
/// A 1,000-run grid's results.sqlite holds 1.44 M equity rows and ~61 k trades, and the
/// writing waits for the thread that inserts them. Here the system SQLite inserts those same
/// rows again: a fresh file opened as results.sqlite is (`ResultsDatabase.pragmas`), the two
/// tables and the trades' index declared as the written file declares them, and each row
/// copied from the written file in one transaction and committed. `WHERE 1` and named
/// columns keep SQLite from copying records whole (its transfer optimisation, which a writer
/// starting from numbers cannot use), so every row is decoded, given its column affinities,
/// encoded and appended to its b-trees as liqsim's own inserts are. That time approximates
/// the database thread's least with this SQLite on this machine, from either side: it also
/// reads the rows back from the written file and commits (the writer commits on its main
/// thread), while the database thread also creates the schema, inserts the small tables
/// (runs, bars, cascades, the timeline) and may wait for the trades' handoff.
enum SQLiteFloor {
    struct Measured {
        var seconds: Double
        var equityRows: Int
        var trades: Int
    }

    /// Best of `runs` copies of `results`' `equity_points` and `trades` into `scratch`.
    static func measure(results: String, scratch: String, runs: Int) throws -> Measured {
        let source = try SQLiteDatabase(path: results, create: false, readOnly: true)
        // Tables before the index that needs them ("table" sorts after "index").
        let declarations = try source.query("SELECT sql FROM sqlite_master WHERE name IN ('equity_points', 'trades', 'trades_run') ORDER BY type DESC, name")
            .compactMap { $0.first?.text }
        guard declarations.count == 3 else { throw SQLiteError(path: results, message: "no equity_points, trades and trades_run to copy") }
        let copies = try ["equity_points", "trades"].map { table in
            let columns = try source.query("SELECT name FROM pragma_table_info('\(table)')").compactMap { $0.first?.text }.map { "\"\($0)\"" }.joined(separator: ", ")
            return "INSERT INTO main.\(table) (\(columns)) SELECT \(columns) FROM source.\(table) WHERE 1"
        }
        let equityRows = Int(try source.scalar("SELECT count(*) FROM equity_points").int64 ?? 0)
        let trades = Int(try source.scalar("SELECT count(*) FROM trades").int64 ?? 0)
        let copy = scratch + "/sqlite-floor.sqlite"
        defer { unlink(copy) }
        var best = Double.infinity
        for _ in 0..<max(runs, 1) {
            unlink(copy)
            let seconds: Double = try {
                let db = try SQLiteDatabase(path: copy)
                try db.execute(ResultsDatabase.pragmas)
                for sql in declarations { try db.execute(sql) }
                _ = try db.query("ATTACH DATABASE ?1 AS source", [.text(results)])
                let started = monotonicSeconds()
                try db.execute("BEGIN IMMEDIATE")
                for sql in copies { try db.execute(sql) }
                try db.execute("COMMIT")
                return monotonicSeconds() - started
            }()
            best = min(best, seconds)
        }
        return Measured(seconds: best, equityRows: equityRows, trades: trades)
    }
}
