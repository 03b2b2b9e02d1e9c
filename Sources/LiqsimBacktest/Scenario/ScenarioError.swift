import LiqsimYAML

/// Where a value sits in the scenario file (LiqsimYAML's, as every YAML node carries it).
public typealias SourcePosition = LiqsimYAML.SourcePosition

/// A bad scenario: the file, the line and column, the dotted field, and what is wrong
/// (LiqsimYAML's error, which `liqsim synth`'s scenarios share).
public typealias ScenarioError = YAMLError
