import CSQLite

extension SQLiteDatabase {
    /// Runs SQL without results (several statements allowed).
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "error"
            sqlite3_free(error)
            throw SQLiteError(path: path, message: message + " (in: \(sql.prefix(80)))")
        }
    }
}
