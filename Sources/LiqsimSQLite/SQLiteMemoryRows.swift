/// Rows of REALs that SQLite reads straight from this object's buffer, through an
/// eponymous virtual table named `name` (it exists only on this connection, never in the
/// file's schema): `INSERT INTO t SELECT * FROM name` inserts the buffered rows, in order,
/// with no parameter bound per value. A bind costs ~120 instructions and results.sqlite's
/// equity rows are 4.3 M values on a 1,000-run grid; a multi-row `INSERT … VALUES` binds
/// every one. A NaN reads as NULL, as a NaN bind stores.
public final class SQLiteMemoryRows {
    public let name: String
    public let width: Int
    /// The buffered rows, `width` values each.
    private(set) var values: [Double] = []
    /// The connection's view of the buffer (its virtual-table module, registered on
    /// `database`, reads `values` while `insert` runs).
    let table: MemoryTable

    /// Registers `name` on `database` with REAL `columns`.
    public init(_ database: SQLiteDatabase, name: String, columns: [String]) throws {
        precondition(!columns.isEmpty, "a memory table needs a column")
        self.name = name
        width = columns.count
        table = try MemoryTable(database, name: name, columns: columns)
    }

    /// Buffered rows.
    public var count: Int { values.count / width }

    /// Appends one row of three values (the table must have three columns).
    public func append(_ a: Double, _ b: Double, _ c: Double) {
        precondition(width == 3, "\(name) has \(width) columns")
        values.append(a)
        values.append(b)
        values.append(c)
    }

    /// Appends one row of `width` values.
    public func append(row: [Double]) {
        precondition(row.count == width, "\(name) has \(width) columns")
        values += row
    }

    /// Runs `statement` (which reads `name`) to its end with the buffered rows in the table,
    /// then empties the buffer (also when the statement fails).
    public func insert(_ statement: SQLiteStatement) throws {
        defer { values.removeAll(keepingCapacity: true) }
        try table.run(statement, values)
    }
}
