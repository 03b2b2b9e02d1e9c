import CSQLite

/// A prepared statement: bind parameters (by 1-based position or by name: `:run`, `?1`),
/// step, read columns (0-based or the whole row), reset, and bind again. Keeps its
/// database open while it exists.
public final class SQLiteStatement {
    public let database: SQLiteDatabase
    public let sql: String
    let handle: OpaquePointer

    init(database: SQLiteDatabase, sql: String) throws {
        self.database = database
        self.sql = sql
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement else {
            throw database.error(database.lastError + " (in: \(sql.prefix(80)))")
        }
        handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    public func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    public func bind(_ index: Int32, _ value: Int) throws { try bind(index, Int64(value)) }

    /// nil binds NULL (and so does NaN, as in SQLite itself).
    public func bind(_ index: Int32, _ value: Double?) throws {
        guard let value, !value.isNaN else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_double(handle, index, value))
    }

    public func bind(_ index: Int32, _ value: SQLiteValue) throws {
        switch value {
        case .null: try check(sqlite3_bind_null(handle, index))
        case .integer(let v): try bind(index, v)
        case .real(let v): try bind(index, v)
        case .text(let v): try bind(index, v)
        case .blob(let v): try bind(index, v)
        }
    }

    /// Binds `value` to the parameter written `name` in the SQL (`:run`, `@run`, `$run`, `?1`).
    public func bind(_ name: String, _ value: SQLiteValue) throws {
        try bind(try parameterIndex(name), value)
    }

    /// Binds each named value; every parameter of the statement must be named once.
    public func bind(_ values: KeyValuePairs<String, SQLiteValue>) throws {
        for (name, value) in values { try bind(name, value) }
    }

    func parameterIndex(_ name: String) throws -> Int32 {
        let index = sqlite3_bind_parameter_index(handle, name)
        guard index > 0 else { throw database.error("no parameter \(name) (in: \(sql.prefix(80)))") }
        return index
    }

    /// Advances: true when a row is available, false when the statement is done.
    @discardableResult
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let message = database.lastError
            sqlite3_reset(handle)
            throw database.error(message + " (in: \(sql.prefix(80)))")
        }
    }

    /// Makes the statement ready to run again; bindings are kept until rebound.
    public func reset() { sqlite3_reset(handle) }

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public func int64(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// A column's REAL (or INTEGER) as a Double without building a `SQLiteValue`; nil for
    /// NULL and text.
    public func double(at column: Int32) -> Double? {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_FLOAT, SQLITE_INTEGER: return sqlite3_column_double(handle, column)
        default: return nil
        }
    }

    /// The current row with its column names.
    public var row: SQLiteRow {
        SQLiteRow(columns: (0..<columnCount).map { String(cString: sqlite3_column_name(handle, $0)) },
                  values: (0..<columnCount).map { value(at: $0) })
    }

    func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw database.error(database.lastError + " (binding in: \(sql.prefix(80)))") }
    }
}
