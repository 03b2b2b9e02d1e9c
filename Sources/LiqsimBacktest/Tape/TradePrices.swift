import LiqsimCore

/// A symbol's trade prices, narrowed: 32-bit integer ticks of one decimal scale (4 bytes a
/// trade instead of 8), read back as exactly the `Double` the fills used before
/// (`FixedDecimal.doubleValue`). Exact because a price m/10^s stored as M = m·10^(S−s) at
/// the common scale S is read as Double(M)/10^S: both divisions are of exactly
/// representable operands (|M| < 2³¹, 10^S ≤ 10¹⁸) with the same real quotient, and IEEE
/// division rounds that quotient correctly, so the doubles are equal bit for bit. A price
/// that does not fit (a finer scale whose ticks overflow 32 bits) turns the column into
/// plain doubles — the same values, 8 bytes each.
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

    public mutating func append(_ price: FixedDecimal) {
        guard doubles == nil else { doubles!.append(price.doubleValue); return }
        if price.scale > scale, !rescale(to: price.scale) { return spill(price) }
        let (m, overflow) = price.mantissa.multipliedReportingOverflow(by: Self.tens[Int(scale - price.scale)])
        guard !overflow, let tick = Int32(exactly: m) else { return spill(price) }
        ticks.append(tick)
    }

    /// 10⁰ … 10¹⁸.
    static let tens: [Int64] = (0...18).map { p in (0..<p).reduce(Int64(1)) { v, _ in v * 10 } }

    /// Every tick at a finer scale; false (nothing changed) when one would not fit.
    private mutating func rescale(to finer: UInt8) -> Bool {
        guard Int(finer) < Self.tens.count else { return false }
        if ticks.isEmpty { scale = finer; return true }
        guard let factor = Int32(exactly: Self.tens[Int(finer - scale)]),
              ticks.allSatisfy({ !$0.multipliedReportingOverflow(by: factor).overflow }) else { return false }
        for k in ticks.indices { ticks[k] *= factor }
        scale = finer
        return true
    }

    /// From here on every price is a double (the ticks so far converted, exactly).
    private mutating func spill(_ price: FixedDecimal) {
        var all = map { $0 }
        all.append(price.doubleValue)
        ticks = []
        doubles = all
    }
}
