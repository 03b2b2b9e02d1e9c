import LiqsimCore

/// Liquidation totals of one scope (a symbol, or everything): the aggregator's view.
public struct LiquidationTotals: Sendable, Equatable {
    public var events = 0
    /// Base quantity in 10⁻⁸ units (exact; meaningful per symbol).
    public var quantity8: Int64 = 0
    public var cents: Int64 = 0
    public var longEvents = 0, shortEvents = 0
    public var longCents: Int64 = 0, shortCents: Int64 = 0
    /// Per exchange, in stream order: events and cents.
    public var exchangeEvents = [Int](repeating: 0, count: StreamID.allCases.count)
    public var exchangeCents = [Int64](repeating: 0, count: StreamID.allCases.count)
    public var institutional = 0
    public var largest: Liquidation?
    public var first: UnixNanos?, last: UnixNanos?

    public init() {}

    mutating func add(_ l: Liquidation, institutionalCents: Int64) {
        events += 1
        quantity8 &+= l.qty.units8
        cents &+= l.usdCents
        if l.side == .long { longEvents += 1; longCents &+= l.usdCents } else { shortEvents += 1; shortCents &+= l.usdCents }
        let e = l.stream.index
        exchangeEvents[e] += 1
        exchangeCents[e] &+= l.usdCents
        if l.usdCents >= institutionalCents { institutional += 1 }
        if largest.map({ l.usdCents > $0.usdCents }) ?? true { largest = l }
        first = min(first ?? l.ts, l.ts)
        last = max(last ?? l.ts, l.ts)
    }

    mutating func remove(_ l: Liquidation, institutionalCents: Int64) {
        events -= 1
        quantity8 &-= l.qty.units8
        cents &-= l.usdCents
        if l.side == .long { longEvents -= 1; longCents &-= l.usdCents } else { shortEvents -= 1; shortCents &-= l.usdCents }
        let e = l.stream.index
        exchangeEvents[e] -= 1
        exchangeCents[e] &-= l.usdCents
        if l.usdCents >= institutionalCents { institutional -= 1 }
    }

    /// Share of USD that liquidated longs, 0…100.
    public var longShare: Double { cents > 0 ? Double(longCents) / Double(cents) * 100 : 0 }
    public var duration: Int64 { (first.map { last!.rawValue - $0.rawValue }) ?? 0 }
    /// Events and USD per hour over the covered span (nil under one second).
    public var hourlyEvents: Double? { duration >= 1_000_000_000 ? Double(events) / (Double(duration) / 3_600e9) : nil }
    public var hourlyUSD: Double? { duration >= 1_000_000_000 ? Double(cents) / 100 / (Double(duration) / 3_600e9) : nil }
}

/// The aggregator's two views: *accumulated* (since the capture began) and *snapshot*
/// (rolling last 60 minutes of receive time), overall and per symbol, with the latest-N table.
public struct LiquidationViews: Sendable {
    public private(set) var accumulated = LiquidationTotals()
    public private(set) var accumulatedBySymbol: [(Symbol, LiquidationTotals)] = []
    public private(set) var snapshot = LiquidationTotals()
    public private(set) var snapshotBySymbol: [(Symbol, LiquidationTotals)] = []
    /// The latest liquidations, newest last.
    public var latest: [Liquidation] { Array(latestBuffer.suffix(config.latestCount)) }
    private var latestBuffer: [Liquidation] = []
    let config: PipelineConfig
    private var window: [(Int, Liquidation)] = []   // (symbol index, liquidation), receive order
    private var windowStart = 0
    /// Largest/first/last of the snapshot are recomputed on read after expiry (not per event).
    private var snapshotExtremesStale = false

    init(config: PipelineConfig) { self.config = config }

    mutating func addSymbol(_ symbol: Symbol) {
        accumulatedBySymbol.append((symbol, LiquidationTotals()))
        snapshotBySymbol.append((symbol, LiquidationTotals()))
    }

    mutating func add(_ l: Liquidation, symbol s: Int) {
        let cut = config.institutionalCents
        accumulated.add(l, institutionalCents: cut)
        accumulatedBySymbol[s].1.add(l, institutionalCents: cut)
        snapshot.add(l, institutionalCents: cut)
        snapshotBySymbol[s].1.add(l, institutionalCents: cut)
        window.append((s, l))
        latestBuffer.append(l)
        if latestBuffer.count >= 4 * max(config.latestCount, 16) { latestBuffer.removeFirst(latestBuffer.count - config.latestCount) }
    }

    /// Drops liquidations received before `time − snapshotWindow` from the snapshot totals
    /// (cheap: subtractions only). `refresh(at:)` also restores largest/first/last.
    mutating func expire(at time: Int64) {
        let cutoff = time - config.snapshotWindow
        var removed = false
        while windowStart < window.count, window[windowStart].1.recv.rawValue < cutoff {
            let (s, l) = window[windowStart]
            snapshot.remove(l, institutionalCents: config.institutionalCents)
            snapshotBySymbol[s].1.remove(l, institutionalCents: config.institutionalCents)
            windowStart += 1
            removed = true
        }
        guard removed else { return }
        if windowStart > 4_096 && windowStart * 2 > window.count { window.removeFirst(windowStart); windowStart = 0 }
        snapshotExtremesStale = true
    }

    /// Brings the snapshot view up to `time`, including its largest and first/last
    /// liquidation, which are not subtractable and are recomputed from what is left.
    mutating func refresh(at time: Int64) {
        expire(at: time)
        guard snapshotExtremesStale else { return }
        snapshotExtremesStale = false
        snapshot.largest = nil; snapshot.first = nil; snapshot.last = nil
        for i in snapshotBySymbol.indices { snapshotBySymbol[i].1.largest = nil; snapshotBySymbol[i].1.first = nil; snapshotBySymbol[i].1.last = nil }
        for (s, l) in window[windowStart...] {
            if snapshot.largest.map({ l.usdCents > $0.usdCents }) ?? true { snapshot.largest = l }
            if snapshotBySymbol[s].1.largest.map({ l.usdCents > $0.usdCents }) ?? true { snapshotBySymbol[s].1.largest = l }
            snapshot.first = min(snapshot.first ?? l.ts, l.ts); snapshot.last = max(snapshot.last ?? l.ts, l.ts)
            snapshotBySymbol[s].1.first = min(snapshotBySymbol[s].1.first ?? l.ts, l.ts)
            snapshotBySymbol[s].1.last = max(snapshotBySymbol[s].1.last ?? l.ts, l.ts)
        }
    }
}
