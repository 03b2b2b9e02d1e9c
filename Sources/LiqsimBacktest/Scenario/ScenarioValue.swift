/// One value of a scenario parameter: a number, a word (`fade`) or a flag.
public enum ScenarioValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case text(String)
    case flag(Bool)

    public var number: Double? { if case .number(let v) = self { v } else { nil } }
    public var text: String? { if case .text(let v) = self { v } else { nil } }
    public var flag: Bool? { if case .flag(let v) = self { v } else { nil } }

    /// As written in result tables: integers without a decimal point, other numbers in
    /// their shortest exact form, words and flags as they are.
    public var description: String {
        switch self {
        case .number(let v):
            if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
            return "\(v)"
        case .text(let s): return s
        case .flag(let b): return b ? "true" : "false"
        }
    }
}
