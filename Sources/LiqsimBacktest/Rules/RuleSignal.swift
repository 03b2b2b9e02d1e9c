/// One rule's opinion at each bar close: a signal in [−1, 1] and a confidence in [0, 1].
/// The combination only needs their product, `strength`; the trades list names the rule
/// with the largest weighted strength as the reason.
public struct RuleSignal: Sendable {
    public var signal: [Double]
    public var confidence: [Double]

    public init(count: Int) {
        signal = [Double](repeating: 0, count: count)
        confidence = [Double](repeating: 0, count: count)
    }

    public var strength: [Double] { zip(signal, confidence).map { $0 * $1 } }

    public var activeBars: Int { signal.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }
}
