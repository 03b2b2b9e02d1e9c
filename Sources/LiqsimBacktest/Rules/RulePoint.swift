/// One rule's view of a grid point: its own keys, without the `<rule>.` prefix
/// (`point.number("window")` reads `trend.window`).
///
/// Reading a key the rule does not declare is a programming error and traps, as on
/// `GridPoint`; a scenario file with an unknown key never gets this far: the reader refuses
/// it with file:line:column.
public struct RulePoint {
    public let point: GridPoint
    /// The rule's name: the prefix of its keys.
    public let rule: String
    /// The rule's keys and where their values sit in `point.values`, resolved once per
    /// scenario by the shared pass: a lookup here concatenates no strings.
    private let slots: [String: Int]
    private let log: KeyLog?

    public init(_ point: GridPoint, rule: String) {
        self.init(point, rule: rule, slots: point.slots(of: rule))
    }

    /// With a log (tests): records every key read, and notes an undeclared one and reads a
    /// placeholder instead of trapping, so that a test can name the key.
    init(_ point: GridPoint, rule: String, slots: [String: Int], log: KeyLog? = nil) {
        self.point = point
        self.rule = rule
        self.slots = slots
        self.log = log
    }

    public func number(_ key: String) -> Double { read(key, placeholder: 0, \.number, "a number") }
    public func integer(_ key: String) -> Int { Int(number(key)) }
    public func text(_ key: String) -> String { read(key, placeholder: "", \.text, "a word") }
    public func flag(_ key: String) -> Bool { read(key, placeholder: false, \.flag, "true or false") }

    private func read<T>(_ key: String, placeholder: T, _ get: (ScenarioValue) -> T?, _ what: String) -> T {
        log?.read.append(key)
        guard let slot = slots[key] else {
            if let log { log.undeclared.append(key); return placeholder }
            preconditionFailure("grid key \(rule).\(key) is not in the scenario schema")
        }
        guard let value = get(point.values[slot]) else { preconditionFailure("grid key \(rule).\(key) holds \(point.values[slot]), not \(what)") }
        return value
    }
}

/// The keys a rule read through a logging `RulePoint` (tests).
final class KeyLog {
    var read: [String] = []
    var undeclared: [String] = []
}
