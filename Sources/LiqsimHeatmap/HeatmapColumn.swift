import LiqsimCore

/// One time bucket of the heatmap: the estimated levels standing at its end, per side, and
/// the traded price range during it (the price line).
public struct HeatmapColumn: Sendable, Equatable {
    /// USD of estimated liquidations in one price bucket (lower bound = `bucket` × width).
    public struct Level: Sendable, Equatable {
        public var bucket: Int
        public var usd: Double
        public init(bucket: Int, usd: Double) { self.bucket = bucket; self.usd = usd }
    }

    public var start: UnixNanos
    public var end: UnixNanos
    /// Trade prices in the column; nil until the symbol's first trade. A column without
    /// trades repeats the last close (open = high = low = close).
    public var price: PriceBar?
    /// Non-zero buckets, ascending.
    public var long: [Level]
    public var short: [Level]

    public init(start: UnixNanos, end: UnixNanos, price: PriceBar?, long: [Level], short: [Level]) {
        self.start = start; self.end = end; self.price = price; self.long = long; self.short = short
    }
}

/// Open, high, low and close of trade prices.
public struct PriceBar: Sendable, Equatable {
    public var open: Double, high: Double, low: Double, close: Double
    public init(open: Double, high: Double, low: Double, close: Double) { self.open = open; self.high = high; self.low = low; self.close = close }
}

/// The running price bar of the current column.
struct PriceRange {
    private var bar: PriceBar?

    mutating func add(_ p: Double) {
        if var b = bar {
            b.high = max(b.high, p); b.low = min(b.low, p); b.close = p
            bar = b
        } else {
            bar = PriceBar(open: p, high: p, low: p, close: p)
        }
    }

    func closed() -> PriceBar? { bar }

    /// The next column starts flat at the last close.
    mutating func startNext() {
        if let c = bar?.close { bar = PriceBar(open: c, high: c, low: c, close: c) }
    }
}
