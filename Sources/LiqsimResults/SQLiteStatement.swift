import CSQLite

/// SQLite's copy-the-bytes destructor (`SQLITE_TRANSIENT` is a macro Swift does not import).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One value of a SQLite row or parameter.
public enum SQLiteValue: Equatable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let v): String(v)
        case .real(let v): String(v)
        case .text(let v): v
        case .blob(let v): "<\(v.count) bytes>"
        }
    }

    public var int64: Int64? { if case .integer(let v) = self { v } else { nil } }
    public var double: Double? {
        switch self {
        case .real(let v): v
        case .integer(let v): Double(v)
        default: nil
        }
    }
    public var text: String? { if case .text(let v) = self { v } else { nil } }
}

/// A prepared statement: bind parameters (1-based), step, read columns (0-based), reset,
/// and bind again. Keeps its database open while it exists.
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

    public func bind(_ index: Int32, _ value: String?) throws {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_text(handle, index, value, -1, transient))
    }

    public func bind(_ index: Int32, _ value: SQLiteValue) throws {
        switch value {
        case .null: try check(sqlite3_bind_null(handle, index))
        case .integer(let v): try bind(index, v)
        case .real(let v): try bind(index, v)
        case .text(let v): try bind(index, v)
        case .blob(let v):
            try v.withUnsafeBytes { try check(sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient)) }
        }
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

    public func value(at column: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(handle, column)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw database.error(database.lastError + " (binding in: \(sql.prefix(80)))") }
    }
}
