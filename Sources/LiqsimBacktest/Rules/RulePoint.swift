/// One rule's view of a grid point: its own keys, without the `<rule>.` prefix
/// (`point.number("window")` reads `trend.window`).
///
/// Reading a key the rule does not declare is a programming error and traps (`GridPoint`);
/// a scenario file with an unknown key never gets this far: the reader refuses it with
/// file:line:column.
public struct RulePoint {
    public let point: GridPoint
    /// The rule's name: the prefix of its keys.
    public let rule: String
    private let log: KeyLog?

    public init(_ point: GridPoint, rule: String) {
        self.init(point, rule: rule, log: nil)
    }

    /// With a log (tests): records every key read, and notes an undeclared one and reads a
    /// placeholder instead of trapping, so that a test can name the key.
    init(_ point: GridPoint, rule: String, log: KeyLog?) {
        self.point = point
        self.rule = rule
        self.log = log
    }

    public func number(_ key: String) -> Double { read(key, placeholder: 0) { $0.number($1) } }
    public func integer(_ key: String) -> Int { Int(number(key)) }
    public func text(_ key: String) -> String { read(key, placeholder: "") { $0.text($1) } }
    public func flag(_ key: String) -> Bool { read(key, placeholder: false) { $0.flag($1) } }

    private func read<T>(_ key: String, placeholder: T, _ get: (GridPoint, String) -> T) -> T {
        let name = rule + "." + key
        if let log {
            log.read.append(key)
            if point[name] == nil { log.undeclared.append(key); return placeholder }
        }
        return get(point, name)
    }
}

/// The keys a rule read through a logging `RulePoint` (tests).
final class KeyLog {
    var read: [String] = []
    var undeclared: [String] = []
}
