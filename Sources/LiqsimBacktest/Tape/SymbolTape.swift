import LiqsimCore

/// Everything the rules and the execution model read for one symbol, built once per
/// scenario by the shared pass. Bar columns are structure-of-arrays; index i is the bar
/// closing at `closeTime[i]`, and every "at the close" column holds what was known at that
/// moment (never later data).
public struct SymbolTape: Sendable {
    public var symbol: Symbol
    /// Bar interval (ns).
    public var interval: Int64

    // Bar columns (all exchanges combined; bars without trades are absent).
    public var closeTime: [Int64] = []
    public var open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = []
    public var volumeUSD: [Double] = [], buyUSD: [Double] = [], sellUSD: [Double] = []
    public var longLiquidationUSD: [Double] = [], shortLiquidationUSD: [Double] = []

    // State at each bar close.
    /// The latest sentiment composite (NaN before the first snapshot).
    public var composite: [Double] = []
    /// Open-interest-weighted funding rate across exchanges (0 before any rate).
    public var funding: [Double] = []
    /// Total open interest in USD across exchanges (NaN before any).
    public var openInterestUSD: [Double] = []
    /// The latest cascade risk (0 before the first window closes).
    public var risk: [Double] = []

    /// Cascade episodes (the pipeline's detections, grown to their whole size), in time order.
    public var cascades: [CascadeMark] = []

    /// Every trade (all exchanges), in receive order: fills take the first at or after
    /// decision time + latency. Prices as 32-bit ticks, read as the exact doubles (`TradePrices`).
    public var tradeTime: [Int64] = []
    public var tradePrice = TradePrices()

    /// Every recorded mark price (all exchanges), in receive order: what liquidates the
    /// strategy's own position between bar closes. The trades stand in when the captures
    /// hold no mark price.
    public var markTime: [Int64] = []
    public var markPrice: [Double] = []

    /// Funding settlements inside the tape's span.
    public var fundings: [FundingSettlement] = []
    /// Receive times of gap and disconnect records (any stream): data may be missing there.
    public var outages: [Int64] = []
    /// Per capped stream (`PipelineConfig.cappedLiquidationStreams`) that liquidated this
    /// symbol: its totals, which are lower bounds.
    public var lowerBounds: [CappedTotals] = []

    public var count: Int { closeTime.count }

    public init(symbol: Symbol, interval: Int64) {
        self.symbol = symbol
        self.interval = interval
    }
}

/// A cascade episode: detected by the pipeline (SPEC §5: ≥ 5 liquidations, ≥ $500k, ≥ 2
/// exchanges in 60 s) at `time`, with every liquidation of the symbol from the detection's
/// window until they stop for 60 s (`endTime`: the last one).
public struct CascadeMark: Sendable, Equatable {
    public var time: Int64
    public var endTime: Int64
    public var liquidations: Int
    public var longUSD: Double, shortUSD: Double
    /// Exchanges and their liquidation counts, e.g. "binance-usdm:12 bybit-linear:5".
    public var exchanges: String
    /// A capped stream (Binance) took part: its count and USD, so the totals, are lower bounds.
    public var lowerBound = false
}

/// A capped stream's liquidations of one symbol: count and USD published (lower bounds),
/// and the seconds (exchange time) in which it published its one-per-second maximum.
public struct CappedTotals: Sendable, Equatable {
    public var stream: StreamID
    public var liquidations = 0
    public var usd = 0.0
    public var cappedSeconds = 0
}

/// One funding settlement: at `time` a long position pays `rate` × notional at `price`
/// (a short receives it; negative rates reverse the flow).
public struct FundingSettlement: Sendable, Equatable {
    public var time: Int64
    public var rate: Double
    public var price: Double
}
