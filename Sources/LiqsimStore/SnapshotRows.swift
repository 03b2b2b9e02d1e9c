/// The four tables of the snapshot store (SPEC §7), in schema order.
public enum SnapshotTable: String, CaseIterable, Sendable {
    case marketSnapshots = "market_snapshots"
    case exchangeSnapshots = "exchange_snapshots"
    case sentimentFactors = "sentiment_factors"
    case liquidationSnapshots = "liquidation_snapshots"
}

/// One symbol's market state at a snapshot time (all exchanges combined).
/// nil fields are unknown at that time and stored as NULL.
public struct MarketSnapshotRow: Equatable, Sendable {
    public var timeNs: Int64
    public var symbol: String
    public var price: Double?
    public var volumeUsd: Double?
    public var openInterestUsd: Double?
    public var fundingRate: Double?
    public var longLiqUsd: Double
    public var shortLiqUsd: Double
    public var liquidations: Int
    public var sentiment: Double?
    public var sentimentLabel: String?
    public var cascadeRisk: Double?
    public var cascadeLevel: String?

    public init(timeNs: Int64, symbol: String, price: Double? = nil, volumeUsd: Double? = nil, openInterestUsd: Double? = nil,
                fundingRate: Double? = nil, longLiqUsd: Double = 0, shortLiqUsd: Double = 0, liquidations: Int = 0,
                sentiment: Double? = nil, sentimentLabel: String? = nil, cascadeRisk: Double? = nil, cascadeLevel: String? = nil) {
        self.timeNs = timeNs; self.symbol = symbol; self.price = price; self.volumeUsd = volumeUsd
        self.openInterestUsd = openInterestUsd; self.fundingRate = fundingRate; self.longLiqUsd = longLiqUsd
        self.shortLiqUsd = shortLiqUsd; self.liquidations = liquidations; self.sentiment = sentiment
        self.sentimentLabel = sentimentLabel; self.cascadeRisk = cascadeRisk; self.cascadeLevel = cascadeLevel
    }
}

/// One symbol on one exchange at a snapshot time. `exchange` is a stream id (`binance-usdm`).
public struct ExchangeSnapshotRow: Equatable, Sendable {
    public var timeNs: Int64
    public var symbol: String
    public var exchange: String
    public var price: Double?
    public var volumeUsd: Double?
    /// Base quantity (contracts already converted).
    public var openInterest: Double?
    public var openInterestUsd: Double?
    public var fundingRate: Double?
    /// Long share of accounts in percent (0–100).
    public var longPct: Double?
    public var longLiqUsd: Double
    public var shortLiqUsd: Double
    public var liquidations: Int

    public init(timeNs: Int64, symbol: String, exchange: String, price: Double? = nil, volumeUsd: Double? = nil,
                openInterest: Double? = nil, openInterestUsd: Double? = nil, fundingRate: Double? = nil, longPct: Double? = nil,
                longLiqUsd: Double = 0, shortLiqUsd: Double = 0, liquidations: Int = 0) {
        self.timeNs = timeNs; self.symbol = symbol; self.exchange = exchange; self.price = price; self.volumeUsd = volumeUsd
        self.openInterest = openInterest; self.openInterestUsd = openInterestUsd; self.fundingRate = fundingRate
        self.longPct = longPct; self.longLiqUsd = longLiqUsd; self.shortLiqUsd = shortLiqUsd; self.liquidations = liquidations
    }
}

/// One sentiment factor of a snapshot: `value` in [−1, 1] (nil when its inputs were
/// missing) and its weight in the composite.
public struct SentimentFactorRow: Equatable, Sendable {
    public var timeNs: Int64
    public var symbol: String
    public var factor: String
    public var value: Double?
    public var weight: Double

    public init(timeNs: Int64, symbol: String, factor: String, value: Double?, weight: Double) {
        self.timeNs = timeNs; self.symbol = symbol; self.factor = factor; self.value = value; self.weight = weight
    }
}

/// Liquidation totals of one symbol over a window (`1m`, `5m`, `1h`, `snapshot`, …) ending
/// at `timeNs`. `largestUsd` is nil when there were no events.
public struct LiquidationSnapshotRow: Equatable, Sendable {
    public var timeNs: Int64
    public var symbol: String
    public var window: String
    public var events: Int
    public var usd: Double
    public var longUsd: Double
    public var shortUsd: Double
    public var largestUsd: Double?
    /// Events of at least $100,000.
    public var institutional: Int

    public init(timeNs: Int64, symbol: String, window: String, events: Int = 0, usd: Double = 0, longUsd: Double = 0,
                shortUsd: Double = 0, largestUsd: Double? = nil, institutional: Int = 0) {
        self.timeNs = timeNs; self.symbol = symbol; self.window = window; self.events = events; self.usd = usd
        self.longUsd = longUsd; self.shortUsd = shortUsd; self.largestUsd = largestUsd; self.institutional = institutional
    }
}

/// Rows written together, in one transaction.
public struct SnapshotBatch: Equatable, Sendable {
    public var markets: [MarketSnapshotRow]
    public var exchanges: [ExchangeSnapshotRow]
    public var factors: [SentimentFactorRow]
    public var liquidations: [LiquidationSnapshotRow]

    public init(markets: [MarketSnapshotRow] = [], exchanges: [ExchangeSnapshotRow] = [],
                factors: [SentimentFactorRow] = [], liquidations: [LiquidationSnapshotRow] = []) {
        self.markets = markets; self.exchanges = exchanges; self.factors = factors; self.liquidations = liquidations
    }

    public var count: Int { markets.count + exchanges.count + factors.count + liquidations.count }
    public var isEmpty: Bool { count == 0 }

    public mutating func removeAll(keepingCapacity: Bool = true) {
        markets.removeAll(keepingCapacity: keepingCapacity)
        exchanges.removeAll(keepingCapacity: keepingCapacity)
        factors.removeAll(keepingCapacity: keepingCapacity)
        liquidations.removeAll(keepingCapacity: keepingCapacity)
    }
}
