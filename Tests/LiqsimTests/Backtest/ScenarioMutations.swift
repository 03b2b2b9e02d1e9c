import Foundation
import Yams

/// Systematic mutations of a scenario's text: every value, key, list and mapping of the
/// parsed YAML is changed in turn, one mutation per text. Each names the field the reader
/// must name in its refusal and the line it must point at.
struct ScenarioMutation: CustomStringConvertible {
    var label: String
    var text: String
    /// The dotted field the refusal must name.
    var field: String
    /// The line the refusal must point at (nil: any line, e.g. a missing key's parent).
    var line: Int?

    var description: String { "\(label) → \(field)" }
}

enum ScenarioMutations {
    /// Where a node of the tree sits, and the dotted field the reader calls it.
    struct Site {
        enum Kind { case scalar, key, mapping, sequence }
        var kind: Kind
        var field: String
        var line: Int, column: Int
        var node: Node
    }

    /// Every node of `text`'s tree, depth first, with its field: list items take their
    /// list's field, keys the field they open.
    static func sites(_ text: String) throws -> [Site] {
        var out: [Site] = []
        func walk(_ node: Node, _ field: String) {
            let mark = node.mark!
            switch node {
            case .mapping(let m):
                out.append(Site(kind: .mapping, field: field, line: mark.line, column: mark.column, node: node))
                for (k, v) in m {
                    let child = field.isEmpty ? k.string! : field + "." + k.string!
                    out.append(Site(kind: .key, field: child, line: k.mark!.line, column: k.mark!.column, node: k))
                    walk(v, child)
                }
            case .sequence(let s):
                out.append(Site(kind: .sequence, field: field, line: mark.line, column: mark.column, node: node))
                for item in s { walk(item, field) }
            case .scalar, .alias:
                out.append(Site(kind: .scalar, field: field, line: mark.line, column: mark.column, node: node))
            }
        }
        walk(try Yams.compose(yaml: text)!, "")
        return out
    }

    /// Invalid for every value: non-finite and overflowing numbers, other shapes, null,
    /// empty text, control characters, NUL, path tricks.
    static let anyValue: [(String, String)] = [
        ("NaN", ".nan"), ("inf", ".inf"), ("-inf", "-.inf"), ("overflow", "1e999"), ("mapping", "{zz: 1}"), ("empty mapping", "{}"),
        ("nested list", "[[1]]"), ("null", "~"), ("empty text", "\"\""), ("control character", "\"a\\u0001b\""), ("NUL", "\"a\\u0000b\""),
        ("path", "a/../b"), ("dot-dot", ".."), ("long text", String(repeating: "W", count: 300)), ("word", "zzword"),
    ]
    static let number: [(String, String)] = [("negative", "-1"), ("zero", "0"), ("huge", "1e300"), ("fraction", "0.37")]
    static let duration: [(String, String)] = [("zero duration", "0s"), ("negative duration", "-1m"), ("huge duration", "99999999999d"),
                                               ("no unit", "5"), ("odd seconds", "7s")]
    static let time: [(String, String)] = [("negative time", "-1"), ("year 99999", "99999-01-01T00:00:00Z"), ("no zone", "2026-01-01T00:00:00")]

    static func all(_ text: String) throws -> [ScenarioMutation] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [ScenarioMutation] = []
        for site in try sites(text) {
            switch site.kind {
            case .scalar:
                guard let scalar = site.node.scalar, let source = sourceText(lines, site, scalar) else { continue }
                var replacements = anyValue
                if Double(scalar.string) != nil { replacements += number }
                if scalar.string.range(of: #"^[0-9]+[smhd]$"#, options: .regularExpression) != nil { replacements += duration }
                if site.field == "data.from" || site.field == "data.to" { replacements += time }
                for (label, value) in replacements where value != scalar.string {
                    out.append(.init(label: "\(site.field)@\(site.line):\(site.column) \(label)",
                                     text: replace(lines, site, count: source, with: value), field: site.field, line: site.line))
                }
            case .key:
                guard let key = site.node.string else { continue }
                let renamed = key + "x"
                let parent = site.field.dropLast(key.count)
                out.append(.init(label: "\(site.field) renamed", text: replace(lines, site, count: key.unicodeScalars.count, with: renamed),
                                 field: parent + renamed, line: site.line))
            case .mapping:
                guard case .mapping(let m) = site.node, let first = m.keys.first, let key = first.string else { continue }
                let flow = lines[site.line - 1].unicodeScalars.dropFirst(site.column - 1).first == "{"
                let prefix = site.field.isEmpty ? "" : site.field + "."
                for (label, entry, field) in [("unknown key", "zz_unknown: 1", "zz_unknown"), ("duplicate key", "\(key): 1", key)] {
                    let mutated: String
                    if flow {
                        mutated = replace(lines, site, count: 1, with: "{" + entry + ", ")
                    } else {
                        let at = first.mark!
                        mutated = insert(lines, before: at.line, String(repeating: " ", count: at.column - 1) + entry)
                    }
                    out.append(.init(label: "\(site.field) \(label)", text: mutated, field: prefix + field, line: nil))
                }
            case .sequence:
                guard case .sequence(let s) = site.node, let end = closing(lines, site) else { continue }
                out.append(.init(label: "\(site.field) empty list", text: replace(lines, site, count: end, with: "[]"), field: site.field, line: site.line))
                if let item = s.first, let scalar = item.scalar, let first = Self.site(of: item, site.field),
                   let count = sourceText(lines, first, scalar) {
                    let copy = String(String.UnicodeScalarView(lines[first.line - 1].unicodeScalars.dropFirst(first.column - 1).prefix(count)))
                    out.append(.init(label: "\(site.field) repeated value", text: replace(lines, first, count: 0, with: copy + ", "),
                                     field: site.field, line: site.line))
                }
            }
        }
        return out
    }

    private static func site(of node: Node, _ field: String) -> Site? {
        node.mark.map { Site(kind: .scalar, field: field, line: $0.line, column: $0.column, node: node) }
    }

    /// The length (in Unicode scalars) of a plain scalar's text at its mark; nil when the
    /// text there is not the value as written (quoted, folded).
    private static func sourceText(_ lines: [String], _ site: Site, _ scalar: Node.Scalar) -> Int? {
        let rest = lines[site.line - 1].unicodeScalars.dropFirst(site.column - 1)
        let count = scalar.string.unicodeScalars.count
        return scalar.style == .plain && String(String.UnicodeScalarView(rest.prefix(count))) == scalar.string ? count : nil
    }

    /// The length of a flow sequence `[…]` starting at the site, up to its closing bracket.
    private static func closing(_ lines: [String], _ site: Site) -> Int? {
        let rest = Array(lines[site.line - 1].unicodeScalars.dropFirst(site.column - 1))
        guard rest.first == "[" else { return nil }
        var depth = 0
        for (i, c) in rest.enumerated() {
            if c == "[" { depth += 1 }
            if c == "]" { depth -= 1; if depth == 0 { return i + 1 } }
        }
        return nil
    }

    static func replace(_ lines: [String], _ site: Site, count: Int, with value: String) -> String {
        var lines = lines
        let scalars = Array(lines[site.line - 1].unicodeScalars)
        var view = String.UnicodeScalarView(scalars[..<(site.column - 1)])
        view.append(contentsOf: value.unicodeScalars)
        view.append(contentsOf: scalars[(site.column - 1 + count)...])
        lines[site.line - 1] = String(view)
        return lines.joined(separator: "\n")
    }

    static func insert(_ lines: [String], before line: Int, _ text: String) -> String {
        var lines = lines
        lines.insert(text, at: line - 1)
        return lines.joined(separator: "\n")
    }
}
