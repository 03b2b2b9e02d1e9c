import Foundation
import LiqsimCore
import LiqsimYAML

/// A bad synth scenario: the file, the line and column, the dotted field, and what to do
/// (LiqsimYAML's error, which backtest scenarios share).
public typealias SynthSpecError = YAMLError

extension SynthSpec {
    /// Reads and validates a scenario file.
    public static func load(path: String) throws -> SynthSpec {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SynthSpecError(file: path, line: nil, field: "-", message: "cannot read the file")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String = "<spec>") throws -> SynthSpec {
        try SpecReader(file: file).spec(try YAMLDocument.root(text, file: file, empty: "empty scenario"))
    }
}

/// Walks the YAML node tree with errors that point at lines and dotted field paths.
struct SpecReader {
    let file: String

    func fail(_ node: YAMLNode?, _ field: String, _ message: String) -> SynthSpecError {
        SynthSpecError(file: file, node: node, field: field, message: message)
    }

    /// A section whose keys must be `allowed` (a misspelt key is an error, not a default).
    func map(_ node: YAMLNode, _ field: String, allowed: [String]) throws -> YAMLNode.Mapping {
        _ = try YAMLKeys.entries(node, field: field, allowed: allowed, file: file)
        return node.mapping!
    }

    /// A mapping whose keys the caller checks itself (`exchanges`: stream ids).
    func map(_ node: YAMLNode, _ field: String) throws -> YAMLNode.Mapping {
        guard let m = node.mapping else { throw fail(node, field, "expected a mapping") }
        return m
    }

    func child(_ m: YAMLNode.Mapping, _ key: String) -> YAMLNode? { m[key] }

    func string(_ m: YAMLNode.Mapping, _ key: String, _ path: String, default value: String? = nil) throws -> String {
        guard let n = child(m, key) else {
            if let value { return value }
            throw fail(nil, path + key, "missing")
        }
        guard let s = n.scalar?.string else { throw fail(n, path + key, "expected text") }
        return s
    }

    func double(_ m: YAMLNode.Mapping, _ key: String, _ path: String, default value: Double? = nil, positive: Bool = false) throws -> Double {
        guard let n = child(m, key) else {
            if let value { return value }
            throw fail(nil, path + key, "missing")
        }
        guard let s = n.scalar?.string, let d = Double(s), d.isFinite else { throw fail(n, path + key, "expected a number") }
        if positive && d <= 0 { throw fail(n, path + key, "must be positive") }
        return d
    }

    func duration(_ m: YAMLNode.Mapping, _ key: String, _ path: String, default value: Int64? = nil) throws -> Int64 {
        guard let n = child(m, key) else {
            if let value { return value }
            throw fail(nil, path + key, "missing")
        }
        guard let s = n.scalar?.string else { throw fail(n, path + key, "expected a duration") }
        if let d = DurationArgument.parse(s) { return d.rawValue }
        if s == "0" || s == "0s" { return 0 }
        // Clock offsets such as 03:00 or 03:00:30 from the start.
        let parts = s.split(separator: ":").map { Int($0) }
        if (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 0 }) {
            let p = parts.map { Int64($0!) }
            return (p[0] * 3600 + p[1] * 60 + (p.count == 3 ? p[2] : 0)) * 1_000_000_000
        }
        throw fail(n, path + key, "expected a duration like 90s, 15m, 6h, 1d or an offset like 03:00")
    }

    func list(_ m: YAMLNode.Mapping, _ key: String, _ path: String) throws -> [YAMLNode] {
        guard let n = child(m, key) else { return [] }
        guard let seq = n.sequence else { throw fail(n, path + key, "expected a list") }
        return Array(seq)
    }
}
