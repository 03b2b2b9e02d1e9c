/// Maintenance-margin tiers of one symbol (docs/scenarios.md, "Margin"): notional bands,
/// each with a maintenance rate and a maintenance amount, as the exchanges publish them.
/// The maintenance margin of a position of notional N in the band of N is N × rate − amount.
public struct MarginTiers: Sendable, Hashable {
    public struct Tier: Sendable, Hashable {
        /// The band's upper bound (USD notional, inclusive); the last band has no bound.
        public var upTo: Double
        public var rate: Double
        public var amount: Double
    }

    public private(set) var tiers: [Tier]

    /// Bands from (upper bound, rate) pairs in ascending order. Amounts follow the exchanges'
    /// rule that keeps the maintenance margin continuous across band edges:
    /// amountₖ = amountₖ₋₁ + boundₖ₋₁ × (rateₖ − rateₖ₋₁), amount₁ = 0.
    public init(bands: [(upTo: Double, rate: Double)]) {
        precondition(!bands.isEmpty, "at least one margin tier")
        var out: [Tier] = [], amount = 0.0
        for (k, band) in bands.enumerated() {
            if k > 0 { amount += bands[k - 1].upTo * (band.rate - bands[k - 1].rate) }
            out.append(Tier(upTo: k == bands.count - 1 ? .infinity : band.upTo, rate: band.rate, amount: amount))
        }
        tiers = out
    }

    /// The tier whose band holds `notional`.
    public func tier(notional: Double) -> Tier {
        tiers.first { notional <= $0.upTo } ?? tiers[tiers.count - 1]
    }

    /// The largest notional a position may reach at `leverage`: the exchanges allow each band
    /// a maximum leverage, 1 ÷ (2 × rate) in Binance's brackets (125× at 0.4% … 1× at 50%);
    /// a target beyond the last band that allows `leverage` is cut to its bound. 0 when not
    /// even the first band allows it.
    public func maxNotional(leverage: Double) -> Double {
        var cap = 0.0
        for t in tiers {
            guard 2 * t.rate * leverage <= 1 + 1e-9 else { break }
            cap = t.upTo
        }
        return cap
    }

    /// The mark price at which a position of `quantity` base units (long > 0) whose
    /// collateral, counted as in `MarginAccount.collateral`, is `collateral` reaches its
    /// maintenance margin: collateral + quantity × M = |quantity| × M × rate − amount, solved
    /// per band and taken in the band its notional |quantity| × M falls in. nil when no
    /// positive price liquidates it (a long whose collateral covers a price of 0).
    public func liquidationPrice(quantity q: Double, collateral c: Double) -> Double? {
        guard q != 0 else { return nil }
        var lower = 0.0
        for t in tiers {
            let price = (c + t.amount) / (abs(q) * t.rate - q)
            let notional = abs(q) * price
            if price > 0, notional > lower, notional <= t.upTo { return price }
            lower = t.upTo
        }
        let last = tiers[tiers.count - 1]
        let price = (c + last.amount) / (abs(q) * last.rate - q)
        return price > 0 ? price : nil
    }

    /// Binance USDⓈ-M BTCUSDT leverage brackets (bracketNotionalCap, maintenance margin
    /// rate; the amounts follow by continuity): 0.40% to 50k USD, 0.5% to 250k, 1% to 1M,
    /// 2.5% to 10M, 5% to 20M, 10% to 50M, 12.5% to 100M, 15% to 200M, 25% to 300M, 50% above.
    public static let binanceBTCUSDT = MarginTiers(bands: [(50_000, 0.004), (250_000, 0.005), (1_000_000, 0.01), (10_000_000, 0.025),
                                                          (20_000_000, 0.05), (50_000_000, 0.10), (100_000_000, 0.125),
                                                          (200_000_000, 0.15), (300_000_000, 0.25), (500_000_000, 0.50)])

    /// Symbols without published defaults here: one 1% band (override in the scenario's
    /// `margin.tiers`).
    public static let flatOnePercent = MarginTiers(bands: [(.infinity, 0.01)])

    /// The default tiers of a unified symbol.
    public static func defaults(for symbol: String) -> MarginTiers {
        symbol == "BTCUSDT" ? binanceBTCUSDT : flatOnePercent
    }
}
