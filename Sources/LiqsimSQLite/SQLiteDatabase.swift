import CSQLite
import Foundation

/// A SQLite connection (system libsqlite3) with prepared statements and errors that name
/// the file. Shared by the snapshot store and results.sqlite.
public final class SQLiteDatabase {
    public let path: String
    let handle: OpaquePointer

    /// Opens `path`; with `create: false` a missing file is an error instead of a new,
    /// empty database. `readOnly` (implies `create: false`): nothing can write the file, not
    /// even a journal rollback.
    public init(path: String, create: Bool = true, readOnly: Bool = false) throws {
        self.path = path
        if (!create || readOnly) && !FileManager.default.fileExists(atPath: path) {
            throw SQLiteError(path: path, message: "no such file")
        }
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0)
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw SQLiteError(path: path, message: message)
        }
        handle = db
    }

    // Statements hold their database strongly, so none is left when this runs;
    // close_v2 still defers the close safely if one were.
    deinit { sqlite3_close_v2(handle) }


    /// Compiles one SQL statement for repeated bind/step/reset.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(database: self, sql: sql)
    }

    /// Runs one statement with `parameters` bound to `?1…` and returns every row's values.
    public func query(_ sql: String, _ parameters: [SQLiteValue] = []) throws -> [[SQLiteValue]] {
        try rows(sql, parameters).map(\.values)
    }

    /// Runs one statement with `parameters` bound to `?1…` and returns every row, its
    /// values readable by column name.
    public func rows(_ sql: String, _ parameters: [SQLiteValue] = []) throws -> [SQLiteRow] {
        let statement = try prepare(sql)
        for (i, value) in parameters.enumerated() { try statement.bind(Int32(i + 1), value) }
        var rows: [SQLiteRow] = []
        while try statement.step() { rows.append(statement.row) }
        return rows
    }

    /// `PRAGMA user_version`: the schema version the file's writer recorded (0 when none).
    public var userVersion: Int {
        get throws { Int(try scalar("PRAGMA user_version").int64 ?? 0) }
    }

    /// The first column of the first row (`.null` when there is no row).
    public func scalar(_ sql: String, _ parameters: [SQLiteValue] = []) throws -> SQLiteValue {
        try query(sql, parameters).first?.first ?? .null
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; rolls back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Waits up to `milliseconds` for another connection's lock instead of failing at once.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// An error about this database file.
    public func error(_ message: String) -> SQLiteError { SQLiteError(path: path, message: message) }
}

/// A SQLite failure with the database file it happened in.
public struct SQLiteError: Error, Equatable, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}
