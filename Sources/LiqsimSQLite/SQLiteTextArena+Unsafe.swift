import CSQLite

/// Text bound without SQLite's copy: each value's bytes are copied once into this arena and
/// bound by pointer (`SQLITE_STATIC`), so a bind costs no allocation in SQLite (a copying
/// bind allocates and frees one buffer per value: ~550 of its ~700 instructions). A value
/// that does not fit in what is left is bound with a copy, as `bind(_:_:)` does.
///
/// The bytes must outlive every statement that reads them: `reset` only once each parameter
/// bound from the arena has been bound again or its statement finalized, or will be before
/// the statement next steps (`BatchedInsert` rebinds every parameter of a batch).
public final class SQLiteTextArena {
    private let storage: UnsafeMutableRawBufferPointer
    private var used = 0

    public init(capacity: Int = 1 << 16) {
        storage = .allocate(byteCount: max(capacity, 1), alignment: 1)
    }

    deinit { storage.deallocate() }

    /// Makes the whole arena free again (see the type's note).
    public func reset() { used = 0 }

    /// Binds `value`'s UTF-8 bytes as TEXT (nil binds NULL).
    public func bind(_ statement: SQLiteStatement, _ index: Int32, _ value: String?) throws {
        guard var value else { return try statement.bind(index, value) }
        try value.withUTF8 { try bind(statement, index, UnsafeRawBufferPointer($0)) }
    }

    /// Binds `bytes` (UTF-8) as TEXT.
    public func bind(_ statement: SQLiteStatement, _ index: Int32, utf8 bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try bind(statement, index, $0) }
    }

    private func bind(_ statement: SQLiteStatement, _ index: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty, bytes.count <= storage.count - used else { return try statement.bindText(index, bytes) }
        let target = UnsafeMutableRawBufferPointer(rebasing: storage[used..<used + bytes.count])
        target.copyMemory(from: bytes)
        used += bytes.count
        try statement.check(sqlite3_bind_text(statement.handle, index, target.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil))
    }
}
