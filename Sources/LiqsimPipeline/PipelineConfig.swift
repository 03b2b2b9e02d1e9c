import LiqsimCore

/// Every number of the pipeline (SPEC §5 defaults). Durations in nanoseconds.
public struct PipelineConfig: Sendable {
    public static let minute: Int64 = 60_000_000_000

    /// Bar intervals computed and emitted (1m … 1d).
    public var barIntervals: [Int64] = [minute]
    /// The snapshot view's rolling window (60 min).
    public var snapshotWindow: Int64 = 60 * minute
    /// Rows of the latest-liquidations table.
    public var latestCount = 10
    /// Liquidations of at least this many cents are flagged institutional ($100,000).
    public var institutionalCents: Int64 = 10_000_000
    /// Sentiment snapshots (and their lookback); 1h like the old logger.
    public var sentimentInterval: Int64 = 60 * minute
    /// Weights of funding, open interest, long/short, momentum, taker flow, liquidations.
    public var sentimentWeights: [Double] = Array(repeating: 1.0 / 6, count: 6)
    /// Cascade risk window and size reference per base asset (USD per window).
    public var riskWindow: Int64 = 5 * minute
    public var sizeReferenceUSD: [String: Double] = ["BTC": 5_000_000, "ETH": 2_500_000]
    public var defaultSizeReferenceUSD: Double = 1_000_000
    /// Cross-exchange cascade: ≥ liquidations totalling ≥ USD within the window on ≥ exchanges.
    public var cascadeWindow: Int64 = minute
    public var cascadeMinLiquidations = 5
    public var cascadeMinUSD: Double = 500_000
    public var cascadeMinExchanges = 2
    /// Spike: a window's liquidation USD above `spikeRatio` × the previous window's.
    public var spikeWindow: Int64 = 15 * minute
    public var spikeRatio: Double = 1.5

    public init() {}

    /// The size reference of a symbol (`BTCUSDT` → the `BTC` entry).
    public func sizeReference(_ symbol: Symbol) -> Double {
        let text = symbol.description
        // Longest matching base first, then by name: the choice never depends on dictionary order.
        let bases = sizeReferenceUSD.keys.sorted { ($0.count, $1) > ($1.count, $0) }
        for base in bases where text.hasPrefix(base) { return sizeReferenceUSD[base]! }
        return defaultSizeReferenceUSD
    }

    /// `1m`, `5m`, `1h`, `1d`… for interval labels.
    public static func label(_ interval: Int64) -> String {
        let s = interval / 1_000_000_000
        if s % 86_400 == 0 { return "\(s / 86_400)d" }
        if s % 3_600 == 0 { return "\(s / 3_600)h" }
        if s % 60 == 0 { return "\(s / 60)m" }
        return "\(s)s"
    }
}
