import LiqsimYAML

/// Where a value sits in the scenario file (1-based line and column, as Yams marks them).
public struct SourcePosition: Sendable, Equatable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) { self.line = line; self.column = column }
}

/// A bad scenario: the file, the line and column, the dotted field, and what is wrong
/// (LiqsimYAML's error, which `liqsim synth`'s scenarios share).
public typealias ScenarioError = YAMLError
