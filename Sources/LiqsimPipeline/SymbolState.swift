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
    /// Last trade price of each minute that had trades (minute index = time ÷ 60 s), in order.
    var minuteLastTrade: [(minute: Int64, price: Double)] = []
    var previousPrice: Double?
    var previousOpenInterest: Double?

    /// Announced next funding time per exchange, and the funding interval seen between two
    /// announcements (nil until the next funding time has moved once).
    var nextFunding = [Int64?](repeating: nil, count: StreamID.allCases.count)
    var fundingInterval = [Int64?](repeating: nil, count: StreamID.allCases.count)

    /// The trailing cascade-risk window.
    var risk = RiskWindow()
    // Spike windows.
    var spikeCurrent: Int64 = 0, spikePrevious: Int64?

    var cascade = CascadeWindow()
    /// The latest emitted sentiment and cascade risk.
    var lastSentiment: SentimentSnapshot?
    var lastRisk: CascadeRisk?
    /// The trailing risk at the last snapshot refresh (dashboard redraws).
    var riskNow: CascadeRisk?

    init(symbol: Symbol) { self.symbol = symbol }

    /// A trade of this symbol (`cents`: its USD value): one access to the state on the
    /// pipeline's per-event path instead of one per field.
    @inline(__always)
    mutating func add(_ e: Trade, at t: Int64, cents: Int64, window: Int64) {
        lastPrice = e.price
        let price = e.price.doubleValue
        if firstPrice == nil { firstPrice = price }
        if e.side == .buy { buyCents &+= cents } else { sellCents &+= cents }
        risk.add(at: t, traded: cents)
        cascade.addTrade(at: t, cents: cents, window: window)
        let minute = t / PipelineConfig.minute, last = minuteLastTrade.count - 1
        if last >= 0 && minuteLastTrade[last].minute == minute {
            minuteLastTrade[last].price = price
        } else {
            minuteLastTrade.append((minute, price))
        }
    }
}

/// The liquidations of the last `cascadeWindow` for one symbol, and the traded USD of
/// the same span (an exact rolling sum over the trades' receive times).
struct CascadeWindow {
    struct Entry { var recv: Int64; var slot: Int; var long: Bool; var cents: Int64 }
    var entries: [Entry] = []
    var start = 0
    var active = false
    /// Running totals of the entries in the window (O(1) per liquidation).
    private(set) var longCents: Int64 = 0, shortCents: Int64 = 0
    private(set) var perSlot = [Int](repeating: 0, count: 1 + StreamID.allCases.count)
    var count: Int { entries.count - start }

    mutating func add(_ e: Entry) {
        entries.append(e)
        if e.long { longCents &+= e.cents } else { shortCents &+= e.cents }
        perSlot[e.slot] += 1
    }
    private var trades: [(recv: Int64, cents: Int64)] = []
    private var tradeStart = 0
    private(set) var tradedCents: Int64 = 0

    /// Adds a trade and drops those older than `window` before it.
    mutating func addTrade(at recv: Int64, cents: Int64, window: Int64) {
        trades.append((recv, cents))
        tradedCents &+= cents
        expireTrades(before: recv - window)
    }

    /// Traded USD received in (recv − window, recv].
    mutating func traded(window: Int64, at recv: Int64) -> Int64 {
        expireTrades(before: recv - window)
        return tradedCents
    }

    private mutating func expireTrades(before cutoff: Int64) {
        while tradeStart < trades.count, trades[tradeStart].recv <= cutoff {
            tradedCents &-= trades[tradeStart].cents
            tradeStart += 1
        }
        if tradeStart > 4_096 && tradeStart * 2 > trades.count { trades.removeFirst(tradeStart); tradeStart = 0 }
    }

    mutating func expire(before cutoff: Int64) {
        while start < entries.count, entries[start].recv <= cutoff {
            let e = entries[start]
            if e.long { longCents &-= e.cents } else { shortCents &-= e.cents }
            perSlot[e.slot] -= 1
            start += 1
        }
        if start > 1_024 { entries.removeFirst(start); start = 0 }
    }
}
