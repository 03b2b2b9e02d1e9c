/// Rows that SQLite reads straight from Swift arrays, one array per column, through an
/// eponymous virtual table named `name` (it exists only on this connection, never in the
/// file's schema): `INSERT INTO t SELECT * FROM name` inserts the lent rows, in order, with
/// no parameter bound per value and no copy of the arrays. A bind costs ~120 instructions
/// (a text bind far more); results.sqlite's equity rows are 4.3 M values on a 1,000-run
/// grid and its trades ~0.9 M, and a multi-row `INSERT … VALUES` binds every one.
public final class SQLiteMemoryRows {
    /// A column's SQL type, as the table declares it.
    public enum ColumnType: String, Sendable {
        case real = "REAL", integer = "INTEGER", text = "TEXT"
    }

    /// One column's values for `insert`; all columns of a call hold the same number of rows.
    public enum Column: Sendable {
        /// A NaN reads as NULL, as a NaN bind stores.
        case real([Double])
        case integer([Int64])
        case text(SQLiteTextColumn)

        public var count: Int {
            switch self {
            case .real(let v): v.count
            case .integer(let v): v.count
            case .text(let v): v.count
            }
        }

        var type: ColumnType {
            switch self {
            case .real: .real
            case .integer: .integer
            case .text: .text
            }
        }
    }

    public let name: String
    public let types: [ColumnType]
    /// The connection's view of the lent columns (its virtual-table module, registered on
    /// `database`, reads them while `insert` runs).
    let table: MemoryTable

    /// Registers `name` on `database` with `columns`.
    public init(_ database: SQLiteDatabase, name: String, columns: [(name: String, type: ColumnType)]) throws {
        precondition(!columns.isEmpty, "a memory table needs a column")
        self.name = name
        types = columns.map(\.type)
        table = try MemoryTable(database, name: name, columns: columns.map { "\"\($0.name)\" \($0.type.rawValue)" })
    }

    /// Registers `name` on `database` with REAL `columns`.
    public convenience init(_ database: SQLiteDatabase, name: String, columns: [String]) throws {
        try self.init(database, name: name, columns: columns.map { ($0, .real) })
    }

    /// Runs `statement` (which reads `name`) to its end with `columns` lent to the table: one
    /// per declared column, in order, of its type, all of one length.
    public func insert(_ statement: SQLiteStatement, _ columns: [Column]) throws {
        precondition(columns.map(\.type) == types, "\(name) takes columns of types \(types.map(\.rawValue))")
        let rows = columns[0].count
        precondition(columns.allSatisfy { $0.count == rows }, "\(name)'s columns differ in length")
        try table.run(statement, columns, rows: rows)
    }
}

/// A TEXT column for `SQLiteMemoryRows`: every row's UTF-8 bytes one after another, and
/// where each ends. Appending costs no String and no allocation per row.
public struct SQLiteTextColumn: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Row k's text is `bytes[ends[k - 1] ..< ends[k]]` (from 0 for the first row).
    public private(set) var ends: [Int] = []

    public init(rows: Int = 0, bytesPerRow: Int = 0) {
        ends.reserveCapacity(rows)
        bytes.reserveCapacity(rows * bytesPerRow)
    }

    public var count: Int { ends.count }

    public mutating func append(_ text: String) {
        bytes += text.utf8
        ends.append(bytes.count)
    }

    /// Appends one row whose bytes `write` appends (a time formatted in place, say); it may
    /// only append: the rows before keep their bytes.
    public mutating func append(writing write: (inout [UInt8]) -> Void) {
        let before = bytes.count
        write(&bytes)
        precondition(bytes.count >= before, "a row's writer may only append")
        ends.append(bytes.count)
    }

    /// Row `k`'s text.
    public subscript(k: Int) -> String {
        String(decoding: bytes[(k == 0 ? 0 : ends[k - 1])..<ends[k]], as: UTF8.self)
    }
}
