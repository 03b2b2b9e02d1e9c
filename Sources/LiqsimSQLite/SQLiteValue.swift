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

    /// A REAL, or NULL for NaN (as SQLite itself stores NaN).
    public static func realOrNull(_ value: Double?) -> SQLiteValue {
        guard let value, !value.isNaN else { return .null }
        return .real(value)
    }
}

/// One result row: values by column position (0-based) or by column name.
public struct SQLiteRow: RandomAccessCollection, Sendable, Equatable {
    public let columns: [String]
    public let values: [SQLiteValue]

    public init(columns: [String], values: [SQLiteValue]) { self.columns = columns; self.values = values }

    public var startIndex: Int { values.startIndex }
    public var endIndex: Int { values.endIndex }
    public subscript(position: Int) -> SQLiteValue { values[position] }

    /// The value of the column named `name` (`.null` when the row has no such column).
    public subscript(name: String) -> SQLiteValue {
        columns.firstIndex(of: name).map { values[$0] } ?? .null
    }
}
