import LiqsimCore
import LiqsimYAML

/// Typed scalars of the scenario file: every one checked where it stands.
extension ScenarioReader {
    func mapping(_ node: YAMLNode, _ field: String, allowed: [String]) throws -> [String: YAMLNode] {
        try YAMLKeys.entries(node, field: field, allowed: allowed, file: file)
    }

    /// A scalar as a typed value: plain numbers and true/false are typed, anything else (and quoted text) is a word.
    func value(_ node: YAMLNode, _ field: String) throws -> ScenarioValue {
        guard let scalar = node.scalar else { throw fail(node, field, node.sequence != nil ? "a list is not allowed here" : "expected a value") }
        let s = scalar.string
        if scalar.plain {
            if s == "true" || s == "false" { return .flag(s == "true") }
            if let d = Double(s.replacingOccurrences(of: "_", with: "")) { return .number(d) }
        }
        return .text(s)
    }

    func word(_ node: YAMLNode, _ field: String) throws -> String {
        guard let scalar = node.scalar else { throw fail(node, field, "expected text") }
        return scalar.string
    }

    func duration(_ node: YAMLNode?, _ field: String, default value: Int64, minimum: Int64) throws -> Int64 {
        guard let node else { return value }
        if node.sequence != nil { throw fail(node, field, "cannot be a list: it shapes the shared pass, which runs once per scenario") }
        guard let s = node.scalar?.string, let d = DurationArgument.parse(s)?.rawValue else {
            throw fail(node, field, "expected a duration like 1m, 5m, 1h or 1d")
        }
        guard d >= minimum else { throw fail(node, field, "must be at least \(minimum / 1_000_000_000) s") }
        return d
    }

    func time(_ node: YAMLNode?, _ field: String) throws -> UnixNanos? {
        guard let node else { return nil }
        guard let s = node.scalar?.string, let t = TimeArgument.parse(s) else {
            throw fail(node, field, "expected a UTC time like 2026-01-01T00:00:00Z")
        }
        return t
    }
}
