import CSQLite

/// SQLite's copy-the-bytes destructor (`SQLITE_TRANSIENT` is a macro Swift does not import).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension SQLiteStatement {
    /// Binds `value`'s UTF-8 bytes with their length (nil binds NULL): a native String's
    /// bytes are read in place, with no C-string copy before SQLite's own.
    public func bind(_ index: Int32, _ value: String?) throws {
        guard var value else { return try check(sqlite3_bind_null(handle, index)) }
        try value.withUTF8 { try bindText(index, UnsafeRawBufferPointer($0)) }
    }

    /// Binds `bytes` (UTF-8) as TEXT, e.g. a time formatted into a reused scratch buffer.
    public func bind(_ index: Int32, utf8 bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try bindText(index, $0) }
    }

    /// SQLite copies the bytes (`SQLITE_TRANSIENT`); an empty buffer binds '' (a NULL base
    /// address would bind NULL).
    func bindText(_ index: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return try check(sqlite3_bind_text(handle, index, "", 0, transient)) }
        try check(sqlite3_bind_text(handle, index, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient))
    }

    public func bind(_ index: Int32, _ value: [UInt8]) throws {
        try value.withUnsafeBytes { try check(sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient)) }
    }

    /// Whether a TEXT column holds exactly `text`'s bytes, compared in place (no String is
    /// built: a report reads 1.44 M equity times that repeat run after run).
    public func text(at column: Int32, equals text: String) -> Bool {
        guard sqlite3_column_type(handle, column) == SQLITE_TEXT, let bytes = sqlite3_column_text(handle, column) else { return false }
        let count = Int(sqlite3_column_bytes(handle, column))
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count == count else { return false }
            for i in 0..<count where utf8[i] != bytes[i] { return false }
            return true
        }
    }

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
}
