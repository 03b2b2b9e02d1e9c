import LiqsimCore

/// What the pipeline remembers about one symbol between window closes.
struct SymbolState {
    let symbol: Symbol
    var lastPrice: FixedDecimal?
    /// Latest funding rate, open interest (USD) and long share (%) per exchange, in stream order.
    var funding = [Double?](repeating: nil, count: StreamID.allCases.count)
    var openInterestUSD = [Double?](repeating: nil, count: StreamID.allCases.count)
    var longPercent = [Double?](repeating: nil, count: StreamID.allCases.count)

    // Since the last sentiment snapshot.
    var buyCents: Int64 = 0, sellCents: Int64 = 0
    var longCents: Int64 = 0, shortCents: Int64 = 0
    var firstPrice: Double?
    var minuteCloses: [Double] = []
    var previousPrice: Double?
    var previousOpenInterest: Double?

    // Current cascade-risk window.
    var riskLong: Int64 = 0, riskShort: Int64 = 0, riskTraded: Int64 = 0
    // Spike windows.
    var spikeCurrent: Int64 = 0, spikePrevious: Int64?

    var cascade = CascadeWindow()
    /// The latest emitted sentiment and cascade risk.
    var lastSentiment: SentimentSnapshot?
    var lastRisk: CascadeRisk?

    init(symbol: Symbol) { self.symbol = symbol }
}

/// The liquidations of the last `cascadeWindow` for one symbol, and the traded USD of
/// the same span in one-second buckets.
struct CascadeWindow {
    struct Entry { var recv: Int64; var slot: Int; var long: Bool; var cents: Int64 }
    var entries: [Entry] = []
    var start = 0
    var active = false
    var tradedSeconds = [(second: Int64, cents: Int64)](repeating: (.min, 0), count: 61)

    mutating func addTrade(at recv: Int64, cents: Int64) {
        let second = recv / 1_000_000_000
        let i = Int(second % 61)
        if tradedSeconds[i].second != second { tradedSeconds[i] = (second, 0) }
        tradedSeconds[i].cents &+= cents
    }

    func traded(window: Int64, at recv: Int64) -> Int64 {
        let now = recv / 1_000_000_000, span = window / 1_000_000_000
        return tradedSeconds.reduce(0) { $0 + ($1.second > now - span && $1.second <= now ? $1.cents : 0) }
    }

    mutating func expire(before cutoff: Int64) {
        while start < entries.count, entries[start].recv <= cutoff { start += 1 }
        if start > 1_024 { entries.removeFirst(start); start = 0 }
    }
}
