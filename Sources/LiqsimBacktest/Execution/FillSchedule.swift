/// Per bar of a tape: when and at what traded price a decision at its close fills
/// (a `FillModel`'s answer, before slippage and fees).
public struct FillSchedule: Sendable {
    /// Per bar: fill time (Int64.max when the decision never fills), the trade's price, and
    /// whether a gap or disconnect record lies between the decision and the fill.
    public var time: [Int64]
    public var price: [Double]
    public var acrossGap: [Bool]

    /// `count` bars whose decisions never fill.
    public init(count: Int) {
        time = [Int64](repeating: .max, count: count)
        price = [Double](repeating: .nan, count: count)
        acrossGap = [Bool](repeating: false, count: count)
    }
}
