import CSQLite

/// `SQLiteMemoryRows`' virtual-table module: an eponymous-only table (no `xCreate`) whose
/// cursor walks the buffer `run` lends it for one statement. Registered with a retained
/// reference that SQLite releases when the connection closes (`xDestroy` of
/// `sqlite3_create_module_v2`), so the module outlives every statement that may read it.
final class MemoryTable {
    /// The buffer of the statement running now (empty otherwise).
    private var current = UnsafeBufferPointer<Double>(start: nil, count: 0)
    private let width: Int
    private let declaration: String
    private let module: UnsafeMutablePointer<sqlite3_module>

    /// SQLite's table and cursor structs first, then ours: SQLite sees only the first member.
    private struct Table {
        var base = sqlite3_vtab()
        var owner: UnsafeMutableRawPointer
    }

    private struct Cursor {
        var base = sqlite3_vtab_cursor()
        var row = 0, rows = 0, width = 0
        var values: UnsafePointer<Double>?
    }

    init(_ database: SQLiteDatabase, name: String, columns: [String]) throws {
        precondition(MemoryLayout<Table>.offset(of: \Table.base) == 0 && MemoryLayout<Cursor>.offset(of: \Cursor.base) == 0)
        width = columns.count
        declaration = "CREATE TABLE x(" + columns.map { "\"\($0)\" REAL" }.joined(separator: ", ") + ")"
        module = .allocate(capacity: 1)
        module.initialize(to: Self.makeModule())
        let owner = Unmanaged.passRetained(self).toOpaque()
        let rc = sqlite3_create_module_v2(database.handle, name, module, owner) { owner in
            if let owner { Unmanaged<MemoryTable>.fromOpaque(owner).release() }
        }
        // On failure SQLite has already called the destructor: the retain is gone.
        guard rc == SQLITE_OK else { throw database.error(database.lastError + " (registering \(name))") }
    }

    deinit { module.deallocate() }

    func run(_ statement: SQLiteStatement, _ values: [Double]) throws {
        try values.withUnsafeBufferPointer { buffer in
            current = buffer
            defer { current = UnsafeBufferPointer(start: nil, count: 0) }
            while try statement.step() {}
        }
        statement.reset()
    }

    private static func table(_ vtab: UnsafeMutablePointer<sqlite3_vtab>) -> UnsafeMutablePointer<Table> {
        UnsafeMutableRawPointer(vtab).assumingMemoryBound(to: Table.self)
    }

    private static func cursor(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>) -> UnsafeMutablePointer<Cursor> {
        UnsafeMutableRawPointer(cursor).assumingMemoryBound(to: Cursor.self)
    }

    private static func makeModule() -> sqlite3_module {
        var m = sqlite3_module()
        m.xConnect = { db, owner, _, _, table, _ in
            guard let owner, let table else { return SQLITE_ERROR }
            let rc = sqlite3_declare_vtab(db, Unmanaged<MemoryTable>.fromOpaque(owner).takeUnretainedValue().declaration)
            guard rc == SQLITE_OK else { return rc }
            let t = UnsafeMutablePointer<Table>.allocate(capacity: 1)
            t.initialize(to: Table(owner: owner))
            table.pointee = UnsafeMutableRawPointer(t).assumingMemoryBound(to: sqlite3_vtab.self)
            return SQLITE_OK
        }
        m.xBestIndex = { _, info in
            info?.pointee.estimatedCost = 1_000_000
            return SQLITE_OK
        }
        m.xDisconnect = { vtab in
            if let vtab { MemoryTable.table(vtab).deallocate() }
            return SQLITE_OK
        }
        m.xDestroy = m.xDisconnect
        m.xOpen = { _, cursor in
            let c = UnsafeMutablePointer<Cursor>.allocate(capacity: 1)
            c.initialize(to: Cursor())
            cursor?.pointee = UnsafeMutableRawPointer(c).assumingMemoryBound(to: sqlite3_vtab_cursor.self)
            return SQLITE_OK
        }
        m.xClose = { cursor in
            if let cursor { MemoryTable.cursor(cursor).deallocate() }
            return SQLITE_OK
        }
        m.xFilter = { cursor, _, _, _, _ in
            guard let cursor, let vtab = cursor.pointee.pVtab else { return SQLITE_ERROR }
            let owner = Unmanaged<MemoryTable>.fromOpaque(MemoryTable.table(vtab).pointee.owner).takeUnretainedValue()
            let c = MemoryTable.cursor(cursor)
            c.pointee.row = 0
            c.pointee.width = owner.width
            c.pointee.rows = owner.current.count / owner.width
            c.pointee.values = owner.current.baseAddress
            return SQLITE_OK
        }
        m.xNext = { cursor in
            if let cursor { MemoryTable.cursor(cursor).pointee.row += 1 }
            return SQLITE_OK
        }
        m.xEof = { cursor in
            guard let cursor else { return 1 }
            let c = MemoryTable.cursor(cursor).pointee
            return c.row >= c.rows ? 1 : 0
        }
        m.xColumn = { cursor, context, column in
            guard let cursor else { return SQLITE_ERROR }
            let c = MemoryTable.cursor(cursor).pointee
            guard let values = c.values, column >= 0, Int(column) < c.width else { sqlite3_result_null(context); return SQLITE_OK }
            let v = values[c.row * c.width + Int(column)]
            if v.isNaN { sqlite3_result_null(context) } else { sqlite3_result_double(context, v) }
            return SQLITE_OK
        }
        m.xRowid = { cursor, rowid in
            guard let cursor else { return SQLITE_ERROR }
            rowid?.pointee = sqlite3_int64(MemoryTable.cursor(cursor).pointee.row)
            return SQLITE_OK
        }
        return m
    }
}
