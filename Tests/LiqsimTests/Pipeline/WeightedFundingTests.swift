import LiqsimCore
import LiqsimPipeline
import Testing

/// `Pipeline.weightedFunding` (the cross-exchange funding rate the sentiment score and the
/// backtest's funding payments use) computed with loops: the same double, bit for bit, as
/// the reductions over (rate, weight) pairs it replaced, for every mix of missing values.
@Suite struct WeightedFundingTests {
    /// The definition as first written: pairs of (rate, open interest) for the exchanges
    /// with a rate, open-interest-weighted when all have one and their total is positive.
    static func reference(_ funding: [Double?], _ openInterestUSD: [Double?]) -> Double? {
        let pairs = funding.indices.compactMap { e in funding[e].map { ($0, openInterestUSD[e]) } }
        guard !pairs.isEmpty else { return nil }
        if pairs.allSatisfy({ $0.1 != nil }), case let total = pairs.reduce(0, { $0 + $1.1! }), total > 0 {
            return pairs.reduce(0) { $0 + $1.0 * $1.1! } / total
        }
        return pairs.reduce(0) { $0 + $1.0 } / Double(pairs.count)
    }

    @Test func equalsThePairwiseDefinitionBitForBit() {
        var random = SeededRandom(seed: 2026)
        func value(_ scale: Double) -> Double? {
            switch random.next(below: 5) {
            case 0: return nil
            case 1: return 0
            default: return (Double(random.next(below: 2_000_001)) - 1_000_000) / 1_000_000 * scale
            }
        }
        var weightedCases = 0, equalCases = 0, noneCases = 0
        for _ in 0..<20_000 {
            let count = Int(random.next(below: 4)) + 1
            let funding = (0..<count).map { _ in value(0.001) }
            let interest = (0..<count).map { _ in value(5e9).map(abs) }
            let got = Pipeline.weightedFunding(funding, openInterestUSD: interest)
            let want = Self.reference(funding, interest)
            #expect(got?.bitPattern == want?.bitPattern, "\(funding) \(interest)")
            if want == nil { noneCases += 1 } else if funding.indices.allSatisfy({ funding[$0] == nil || interest[$0] != nil }) { weightedCases += 1 } else { equalCases += 1 }
        }
        // Every branch was taken many times.
        #expect(weightedCases > 1_000 && equalCases > 1_000 && noneCases > 100)
    }

    @Test func handWorkedValues() {
        #expect(Pipeline.weightedFunding([0.0001, 0.0003], openInterestUSD: [1_000, 3_000]) == (0.0001 * 1_000 + 0.0003 * 3_000) / 4_000)
        #expect(Pipeline.weightedFunding([0.0001, 0.0003], openInterestUSD: [1_000, nil]) == (0.0001 + 0.0003) / 2)
        #expect(Pipeline.weightedFunding([nil, 0.0003], openInterestUSD: [nil, 0]) == 0.0003)
        #expect(Pipeline.weightedFunding([nil, nil], openInterestUSD: [1, 2]) == nil)
    }
}
