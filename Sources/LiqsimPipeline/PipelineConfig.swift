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
    /// Cascade risk: the trailing window it is measured over (evaluated at every close of
    /// the shortest bar interval and at every dashboard redraw) and the size reference per
    /// base asset (USD per window).
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

    /// Each exchange's baseline funding rate per 8 hours, in stream order: what a market
    /// with no premium pays (the 0.01% interest-rate component of Binance, Bybit and OKX).
    /// The funding factor measures the rate's distance from it.
    public var fundingBaseline8h: [Double] = Array(repeating: 0.0001, count: StreamID.allCases.count)
    /// Streams that publish at most one liquidation per symbol per second (their venue's
    /// `VenueFacts`: Binance's `forceOrder` snapshot): totals from them are lower bounds.
    public var cappedLiquidationStreams: [StreamID] = [.binanceUSDM]
    /// The funding interval assumed until the data shows one (two announced funding times).
    public var fundingInterval: Int64 = 480 * minute
    /// Per-8h excess funding that gives a factor of tanh(1) ≈ 0.76.
    public var fundingScale8h = 0.0001

    public init() {}

    /// How often cascade risk is evaluated: every close of the shortest bar interval.
    public var riskEvery: Int64 { barIntervals.min() ?? PipelineConfig.minute }

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
