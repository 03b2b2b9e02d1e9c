@testable import LiqsimCore
import Testing

/// The powers-of-ten tables are array literals (laid out at compile time, no lazy
/// initialization per use); each entry must be what the computation they replaced gave.
@Suite struct PowersOfTenTests {
    @Test func int64TableHoldsTenToTheZeroThroughEighteen() {
        var v: Int64 = 1
        #expect(FixedDecimal.int64PowersOfTen.count == 19)
        for p in 0...18 {
            #expect(FixedDecimal.int64PowersOfTen[p] == v, "10^\(p)")
            if p < 18 { v *= 10 }
        }
        #expect(v == 1_000_000_000_000_000_000)
    }

    /// Doubles by repeated multiplication, as they were computed: from 10^25 some are below
    /// the nearest double to the power, and `doubleValue` (so every output) depends on them.
    @Test func doubleTableHoldsTheRepeatedProductsOfTen() {
        var v = 1.0
        #expect(FixedDecimal.powersOfTen.count == 37)
        for p in 0...36 {
            #expect(FixedDecimal.powersOfTen[p].bitPattern == v.bitPattern, "10^\(p): \(FixedDecimal.powersOfTen[p]) vs \(v)")
            v *= 10
        }
        #expect(FixedDecimal.powersOfTen[25] != 1e25 && FixedDecimal.powersOfTen[25] == 9.999999999999999e24)
        #expect(FixedDecimal(mantissa: 12_345, scale: 2).doubleValue == 123.45)
    }

    @Test func outputBufferTableHoldsTenToTheZeroThroughNineteen() {
        var v: UInt64 = 1
        #expect(OutputBuffer.powersOfTen.count == 20)
        for p in 0...19 {
            #expect(OutputBuffer.powersOfTen[p] == v, "10^\(p)")
            if p < 19 { v *= 10 }
        }
        for (value, digits) in [(0 as UInt64, 1), (9, 1), (10, 2), (99_999, 5), (100_000, 6), (UInt64.max, 20)] {
            #expect(OutputBuffer.digitCount(value) == digits, "\(value)")
        }
    }
}
