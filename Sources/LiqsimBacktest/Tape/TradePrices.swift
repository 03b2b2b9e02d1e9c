import LiqsimCore

/// A symbol's trade prices, narrowed: 32-bit integer ticks of one decimal scale (4 bytes a
/// trade instead of 8), read back as exactly the `Double` the fills used before
/// (`FixedDecimal.doubleValue`). Exact because a price m/10^s stored as M = m·10^(S−s) at
/// the common scale S is read as Double(M)/10^S: both divisions are of exactly
/// representable operands (|M| < 2³¹, 10^S ≤ 10¹⁸) with the same real quotient, and IEEE
/// division rounds that quotient correctly, so the doubles are equal bit for bit. A price
/// that does not fit (a finer scale whose ticks overflow 32 bits) turns the column into
/// plain doubles — the same values, 8 bytes each. Built by `Builder` (in pieces).
public struct TradePrices: Sendable, Equatable, RandomAccessCollection {
    public private(set) var ticks: [Int32] = []
    public private(set) var scale: UInt8 = 0
    /// Every price as a double, once some price did not fit the ticks (then `ticks` is empty).
    public private(set) var doubles: [Double]?

    public init() {}

    /// The column as stored (the tape cache's decoder).
    init(ticks: [Int32], scale: UInt8, doubles: [Double]?) {
        self.ticks = ticks; self.scale = scale; self.doubles = doubles
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { doubles?.count ?? ticks.count }

    @inline(__always)
    public subscript(k: Int) -> Double {
        if let doubles { return doubles[k] }
        return Double(ticks[k]) / FixedDecimal.powersOfTen[Int(scale)]
    }

    /// 10⁰ … 10¹⁸.
    static let tens: [Int64] = (0...18).map { p in (0..<p).reduce(Int64(1)) { v, _ in v * 10 } }

    /// Collects a replay's prices in pieces (`ChunkedColumn`: never held twice while growing).
    public struct Builder {
        private var ticks = ChunkedColumn<Int32>()
        private var scale: UInt8 = 0
        private var doubles: ChunkedColumn<Double>?

        public init() {}

        public mutating func append(_ price: FixedDecimal) {
            guard doubles == nil else { doubles!.append(price.doubleValue); return }
            if price.scale > scale, !rescale(to: price.scale) { return spill(price) }
            let (m, overflow) = price.mantissa.multipliedReportingOverflow(by: TradePrices.tens[Int(scale - price.scale)])
            guard !overflow, let tick = Int32(exactly: m) else { return spill(price) }
            ticks.append(tick)
        }

        /// Every tick at a finer scale; false (nothing changed) when one would not fit.
        private mutating func rescale(to finer: UInt8) -> Bool {
            guard Int(finer) < TradePrices.tens.count else { return false }
            if ticks.count == 0 { scale = finer; return true }
            guard let factor = Int32(exactly: TradePrices.tens[Int(finer - scale)]),
                  ticks.allSatisfy({ !$0.multipliedReportingOverflow(by: factor).overflow }) else { return false }
            ticks.update { $0 *= factor }
            scale = finer
            return true
        }

        /// From here on every price is a double (the ticks so far converted, exactly).
        private mutating func spill(_ price: FixedDecimal) {
            var all = ChunkedColumn<Double>()
            let divisor = FixedDecimal.powersOfTen[Int(scale)]
            for tick in ticks.joined() { all.append(Double(tick) / divisor) }
            all.append(price.doubleValue)
            doubles = all
        }

        /// The column (the builder is left empty).
        public mutating func finish() -> TradePrices {
            if var d = doubles { doubles = nil; return TradePrices(ticks: [], scale: scale, doubles: d.joined()) }
            return TradePrices(ticks: ticks.joined(), scale: scale, doubles: nil)
        }
    }
}
