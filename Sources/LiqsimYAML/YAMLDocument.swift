import Yams

/// A YAML file's node tree (`YAMLNode`), or the error that says where it stops being YAML: the line and
/// column of Yams' mark, the dotted key in force there, and the parser's own problem.
public enum YAMLDocument {
    /// The root node of `text`; `empty` is the message for a file without one.
    public static func root(_ text: String, file: String, empty: String) throws -> YAMLNode {
        do {
            guard let node = try Yams.compose(yaml: text) else { throw YAMLError(file: file, field: "-", message: empty) }
            return YAMLNode(node)
        } catch let e as YAMLError {
            throw e
        } catch let e as YamlError {
            let mark = mark(of: e)
            var field = mark.map { Self.field(atLine: $0.line, in: text) } ?? "-"
            // A key twice in a flow mapping (`{a: 1, a: 2}`): the line names the mapping, the key its field.
            if case .duplicatedKeysInMapping(let keys, _) = e, keys.count == 1, let key = keys.first, field != key, !field.hasSuffix("." + key) {
                field = field == "-" ? key : field + "." + key
            }
            throw YAMLError(file: file, line: mark?.line, column: mark?.column, field: field, message: "not valid YAML: \(summary(of: e))")
        } catch {
            throw YAMLError(file: file, field: "-", message: "not valid YAML: \(error)")
        }
    }

    static func mark(of error: YamlError) -> SourcePosition? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return SourcePosition(line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(_, let context): return SourcePosition(line: context.mark.line, column: context.mark.column)
        default: return nil
        }
    }

    /// The dotted key path in force at `line` of a YAML text that does not parse: each
    /// `key:` line opens a key at its indent, closing the deeper ones (`-` for none).
    static func field(atLine line: Int, in text: String) -> String {
        var stack: [(indent: Int, key: String)] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where n < line {
            let body = raw.drop { $0 == " " }
            let indent = raw.count - body.count
            let item = body.hasPrefix("- ") ? body.dropFirst(2) : body
            guard let colon = item.firstIndex(of: ":"), !item.hasPrefix("#") else { continue }
            let key = item[..<colon]
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else { continue }
            stack.removeAll { $0.indent >= indent }
            stack.append((indent, String(key)))
        }
        return stack.isEmpty ? "-" : stack.map(\.key).joined(separator: ".")
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        case .duplicatedKeysInMapping(let keys, _): return "a key appears twice in one mapping: " + keys.sorted().joined(separator: ", ")
        default: return "\(error)"
        }
    }
}
