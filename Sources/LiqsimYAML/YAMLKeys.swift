/// A mapping whose keys are checked where they stand: plain words, each once, each one the
/// reader knows. A misspelt key (`volatilty:`) is an error at its line and column, never a
/// default quietly used in its place.
public enum YAMLKeys {
    /// `node`'s entries by key. `field`: the mapping's dotted path ("" for the top level,
    /// whose keys are named alone); `allowed`: the keys it may hold, in the order the error
    /// lists them.
    public static func entries(_ node: YAMLNode, field: String, allowed: [String], file: String) throws -> [String: YAMLNode] {
        let top = field.isEmpty
        let name = top ? "(top level)" : field
        guard let m = node.mapping else { throw YAMLError(file: file, node: node, field: name, message: "expected a mapping of keys to values") }
        var out: [String: YAMLNode] = [:]
        for (k, v) in m {
            guard let key = k.scalar?.string else { throw YAMLError(file: file, node: k, field: name, message: "keys must be plain words") }
            let path = top ? key : field + "." + key
            guard allowed.contains(key) else {
                throw YAMLError(file: file, node: k, field: path, message: "unknown key; expected one of \(allowed.joined(separator: ", "))")
            }
            guard out[key] == nil else { throw YAMLError(file: file, node: k, field: path, message: "appears twice") }
            out[key] = v
        }
        return out
    }
}
