/// Where a value sits in a YAML file (1-based line and column, as the parser marks them).
public struct SourcePosition: Sendable, Equatable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) { self.line = line; self.column = column }
}

/// A bad YAML input file (a backtest scenario, a synth scenario): the file, the line and
/// column, the dotted field, and what is wrong. Yams' `DecodingError` carries no position,
/// so liqsim's files are validated on the parsed node tree, whose marks do.
public struct YAMLError: Error, CustomStringConvertible, Sendable, Equatable {
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

    /// At `node`'s mark (1-based line and column, as Yams gives them); nil: no position.
    public init(file: String, node: YAMLNode?, field: String, message: String) {
        self.init(file: file, line: node?.mark?.line, column: node?.mark?.column, field: field, message: message)
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return "\(place): \(field): \(message)"
    }
}
