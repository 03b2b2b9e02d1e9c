/// Where a value sits in the scenario file (1-based line and column, as Yams marks them).
public struct SourcePosition: Sendable, Equatable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) { self.line = line; self.column = column }
}

/// A bad scenario: the file, the line and column, the dotted field, and what is wrong.
/// Yams' `DecodingError` carries no position, so scenarios are validated on the parsed
/// node tree, whose marks do.
public struct ScenarioError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var field: String
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return "\(place): \(field): \(message)"
    }
}
