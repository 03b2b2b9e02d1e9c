import Foundation
import LiqsimCore

/// The liquidation-level model's parameters (docs/heatmap.md lists every one).
public struct HeatmapParameters: Sendable {
    /// One leverage tier: new positions are assumed to use leverage `leverage` in the share
    /// `weight` of the added notional (weights are normalized to sum 1).
    public struct Tier: Sendable, Hashable {
        public var leverage: Double
        public var weight: Double
        public init(leverage: Double, weight: Double) { self.leverage = leverage; self.weight = weight }
    }

    /// A retail-heavy mix: most notional at low leverage, a thin tail at 50× and 100×.
    public static let defaultTiers = [Tier(leverage: 5, weight: 0.30), Tier(leverage: 10, weight: 0.30), Tier(leverage: 25, weight: 0.20),
                                      Tier(leverage: 50, weight: 0.12), Tier(leverage: 100, weight: 0.08)]

    /// The unified symbol (`BTCUSDT`); events of other symbols are ignored.
    public var symbol: Symbol
    /// Price bucket width in USD; nil chooses one from the first trade price (`autoBucket`).
    public var bucket: FixedDecimal?
    /// Time bucket (grid column) width in nanoseconds.
    public var interval: Int64 = 300_000_000_000
    public var tiers: [Tier] = HeatmapParameters.defaultTiers
    /// Maintenance margin rate in the isolated-margin liquidation price.
    public var maintenanceMargin: Double = 0.004
    /// When open interest falls by more than the levels the price crossed explain, scale the
    /// stream's remaining levels down pro rata (voluntary closes). Off: levels only die by price.
    public var closeOnOpenInterestFall = true
    /// Levels are kept to 1/`cellsPerBucket` of a price bucket before they are summed per bucket.
    public var cellsPerBucket = 10

    public init(symbol: Symbol) { self.symbol = symbol }

    /// Liquidation price ÷ entry price for a long at leverage `l`: 1 − 1/L + mmr.
    public func longFactor(_ l: Double) -> Double { 1 - 1 / l + maintenanceMargin }
    /// Liquidation price ÷ entry price for a short at leverage `l`: 1 + 1/L − mmr.
    public func shortFactor(_ l: Double) -> Double { 1 + 1 / l - maintenanceMargin }

    /// The 1-2-5 value nearest (in log terms) to 0.2% of `price`: BTC at 87,000 → 200, ETH at 2,950 → 5.
    public static func autoBucket(price: Double) -> FixedDecimal {
        let target = price * 0.002
        guard target.isFinite, target > 0 else { return FixedDecimal(mantissa: 1, scale: 0) }
        let exponent = Int(floor(log10(target)))
        var best = (distance: Double.infinity, mantissa: Int64(1), exponent: exponent)
        for e in (exponent - 1)...(exponent + 1) {
            for m in [1, 2, 5] as [Int64] {
                let value = Double(m) * pow(10, Double(e))
                let distance = abs(log(value / target))
                if distance < best.distance { best = (distance, m, e) }
            }
        }
        // Negative exponents become a decimal scale; the smallest bucket is 10⁻⁸.
        if best.exponent >= 0 {
            var m = best.mantissa
            for _ in 0..<best.exponent { m *= 10 }
            return FixedDecimal(mantissa: m, scale: 0)
        }
        return FixedDecimal(mantissa: best.mantissa, scale: UInt8(min(8, -best.exponent)))
    }
}

extension HeatmapParameters {
    /// Parses `5:0.3,10:0.3,…` (leverage:weight); nil unless every leverage is above 1
    /// (a 1× long cannot be liquidated) and every weight positive.
    public static func parseTiers(_ text: String) -> [Tier]? {
        var tiers: [Tier] = []
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let l = Double(parts[0]), let w = Double(parts[1]), l > 1, l <= 1000, w > 0, w.isFinite else { return nil }
            tiers.append(Tier(leverage: l, weight: w))
        }
        return tiers.isEmpty ? nil : tiers
    }
}
