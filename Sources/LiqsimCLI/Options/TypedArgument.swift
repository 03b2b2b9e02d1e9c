import ArgumentParser

/// An option value parsed into a type that keeps the text as typed: help shows defaults that
/// way and messages quote it. Literal defaults (`var gap: DurationArg = "30s"`) must parse:
/// a bad one traps at the first parse, a programming error no user input can reach.
package protocol TypedArgument: ExpressibleByArgument, ExpressibleByStringLiteral {
    var text: String { get }
}

extension TypedArgument {
    package init(stringLiteral value: String) {
        guard let parsed = Self(argument: value) else { preconditionFailure("bad \(Self.self) literal '\(value)'") }
        self = parsed
    }

    package var defaultValueDescription: String { text }
}
