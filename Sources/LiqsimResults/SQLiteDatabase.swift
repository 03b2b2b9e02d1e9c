import CSQLite

/// A SQLite connection (system libsqlite3) with prepared statements and errors that name
/// the file. Shared by the snapshot store and, later, results.sqlite.
public final class SQLiteDatabase {
    public let path: String
    let handle: OpaquePointer

    public init(path: String) throws {
        self.path = path
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw SQLiteError(path: path, message: message)
        }
        handle = db
    }

    deinit { sqlite3_close(handle) }

    /// Runs SQL without results (several statements allowed).
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "error"
            sqlite3_free(error)
            throw SQLiteError(path: path, message: message + " (in: \(sql.prefix(80)))")
        }
    }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }
}

/// A SQLite failure with the database file it happened in.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
