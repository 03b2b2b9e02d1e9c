import CSQLite

/// `SQLiteMemoryRows`' virtual-table module: an eponymous-only table (no `xCreate`) whose
/// cursor walks the columns `run` lends it for one statement. Registered with a retained
/// reference that SQLite releases when the connection closes (`xDestroy` of
/// `sqlite3_create_module_v2`), so the module outlives every statement that may read it.
final class MemoryTable {
    /// One lent column: where its values are while `run` runs.
    private enum Lent {
        case real(UnsafePointer<Double>)
        case integer(UnsafePointer<Int64>)
        /// The bytes, and where each row's text ends in them.
        case text(UnsafePointer<UInt8>, UnsafePointer<Int>)
    }

    /// The columns of the statement running now (`rows` is 0 otherwise).
    private let lent: UnsafeMutablePointer<Lent>
    private var rows = 0
    /// A `run` is under way: one lends at a time (a second would repoint `lent` under the
    /// first's cursors).
    private var running = false
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
        var columns: UnsafePointer<Lent>?
    }

    /// `columns`: each column's declaration (`"name" TYPE`).
    init(_ database: SQLiteDatabase, name: String, columns: [String]) throws {
        precondition(MemoryLayout<Table>.offset(of: \Table.base) == 0 && MemoryLayout<Cursor>.offset(of: \Cursor.base) == 0)
        width = columns.count
        declaration = "CREATE TABLE x(" + columns.joined(separator: ", ") + ")"
        // Set by `lend` before any cursor reads it (a trivial type: no deinitialization).
        lent = .allocate(capacity: width)
        module = .allocate(capacity: 1)
        module.initialize(to: Self.makeModule())
        let owner = Unmanaged.passRetained(self).toOpaque()
        let rc = sqlite3_create_module_v2(database.handle, name, module, owner) { owner in
            if let owner { Unmanaged<MemoryTable>.fromOpaque(owner).release() }
        }
        // On failure SQLite has already called the destructor: the retain is gone.
        guard rc == SQLITE_OK else { throw database.error(database.lastError + " (registering \(name))") }
    }

    deinit {
        module.deallocate()
        lent.deallocate()
    }

    /// Steps `statement` to its end with `columns` (`rows` each, of the declared types) lent
    /// to every cursor it opens, then resets it (also when it fails) while they are still
    /// lent: SQLite's registers may point into a TEXT column until the reset.
    func run(_ statement: SQLiteStatement, _ columns: [SQLiteMemoryRows.Column], rows: Int) throws {
        precondition(!running, "a memory table lends to one statement at a time")
        running = true
        defer { running = false }
        guard rows > 0 else {
            defer { statement.reset() }
            while try statement.step() {}
            return
        }
        try lend(columns, from: 0) {
            self.rows = rows
            defer { self.rows = 0; statement.reset() }
            while try statement.step() {}
        }
    }

    /// Points `lent[k...]` at `columns[k...]`'s storage, which stays put while `body` runs.
    private func lend(_ columns: [SQLiteMemoryRows.Column], from k: Int, _ body: () throws -> Void) throws {
        guard k < columns.count else { return try body() }
        switch columns[k] {
        case .real(let values):
            try values.withUnsafeBufferPointer { v in
                (lent + k).initialize(to: .real(v.baseAddress!))
                try lend(columns, from: k + 1, body)
            }
        case .integer(let values):
            try values.withUnsafeBufferPointer { v in
                (lent + k).initialize(to: .integer(v.baseAddress!))
                try lend(columns, from: k + 1, body)
            }
        case .text(let column):
            // Never a nil pointer, even with no bytes: SQLite reads a nil text as NULL, not ''.
            try (column.bytes.isEmpty ? [0] : column.bytes).withUnsafeBufferPointer { bytes in
                try column.ends.withUnsafeBufferPointer { ends in
                    (lent + k).initialize(to: .text(bytes.baseAddress!, ends.baseAddress!))
                    try lend(columns, from: k + 1, body)
                }
            }
        }
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
            c.pointee.rows = owner.rows
            c.pointee.columns = UnsafePointer(owner.lent)
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
            guard let columns = c.columns, column >= 0, Int(column) < c.width, c.row < c.rows else { sqlite3_result_null(context); return SQLITE_OK }
            switch columns[Int(column)] {
            case .real(let values):
                let v = values[c.row]
                if v.isNaN { sqlite3_result_null(context) } else { sqlite3_result_double(context, v) }
            case .integer(let values):
                sqlite3_result_int64(context, values[c.row])
            case .text(let bytes, let ends):
                let start = c.row == 0 ? 0 : ends[c.row - 1]
                // SQLITE_STATIC (a nil destructor): the bytes stay lent until `run` resets the
                // statement; an insert copies them into its record within the step.
                let text = UnsafeRawPointer(bytes + start).assumingMemoryBound(to: CChar.self)
                sqlite3_result_text(context, text, Int32(ends[c.row] - start), nil)
            }
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
