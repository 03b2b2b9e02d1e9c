/// A binary heap ordered by `priority` (smallest first); ties broken by insertion id so
/// the order is fully deterministic.
struct Heap {
    struct Entry { var priority: Double; var id: Int32 }
    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }
    var top: Entry? { entries.first }

    @inline(__always) private static func before(_ a: Entry, _ b: Entry) -> Bool {
        a.priority != b.priority ? a.priority < b.priority : a.id < b.id
    }

    mutating func push(_ e: Entry) {
        entries.append(e)
        var i = entries.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard Self.before(entries[i], entries[p]) else { break }
            entries.swapAt(i, p); i = p
        }
    }

    mutating func pop() -> Entry? {
        guard let first = entries.first else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < entries.count && Self.before(entries[l], entries[m]) { m = l }
                if r < entries.count && Self.before(entries[r], entries[m]) { m = r }
                if m == i { break }
                entries.swapAt(i, m); i = m
            }
        }
        return first
    }
}

/// One leveraged position (isolated margin).
struct Position {
    var long: Bool
    var exchange: Int
    /// Size in the exchange's lots (Binance/Bybit quantity step, OKX contracts).
    var lots: Int64
    var leverage: Double
    /// Mid price that liquidates it: long entry·(1 − 1/L + mmr), short entry·(1 + 1/L − mmr).
    var liquidationPrice: Double
    var closeAt: Int64
    var alive = true
}

/// The open positions of one symbol, indexed three ways: longs by liquidation price
/// (highest first), shorts by liquidation price (lowest first), and all by planned
/// close time. Removed positions are dropped from the heaps lazily.
struct PositionBook {
    private(set) var positions: [Position] = []
    private var longs = Heap()     // priority = −liquidation price
    private var shorts = Heap()    // priority = liquidation price
    private var closes = Heap()    // priority = close time
    /// Open lots and position counts per exchange and side.
    private(set) var longLots: [Int64], shortLots: [Int64]
    private(set) var longCount: [Int], shortCount: [Int]

    init(exchanges: Int) {
        longLots = Array(repeating: 0, count: exchanges); shortLots = longLots
        longCount = Array(repeating: 0, count: exchanges); shortCount = longCount
    }

    mutating func open(_ p: Position) {
        let id = Int32(positions.count)
        positions.append(p)
        if p.long {
            longs.push(.init(priority: -p.liquidationPrice, id: id))
            longLots[p.exchange] += p.lots; longCount[p.exchange] += 1
        } else {
            shorts.push(.init(priority: p.liquidationPrice, id: id))
            shortLots[p.exchange] += p.lots; shortCount[p.exchange] += 1
        }
        closes.push(.init(priority: Double(p.closeAt), id: id))
    }

    private mutating func remove(_ id: Int32) -> Position {
        positions[Int(id)].alive = false
        let p = positions[Int(id)]
        if p.long { longLots[p.exchange] -= p.lots; longCount[p.exchange] -= 1 }
        else { shortLots[p.exchange] -= p.lots; shortCount[p.exchange] -= 1 }
        return p
    }

    /// The next long whose liquidation price is at or above `price` (a falling market), removed.
    mutating func popLiquidatedLong(at price: Double) -> Position? {
        while let top = longs.top, -top.priority >= price {
            _ = longs.pop()
            if positions[Int(top.id)].alive { return remove(top.id) }
        }
        return nil
    }

    /// The next short whose liquidation price is at or below `price` (a rising market), removed.
    mutating func popLiquidatedShort(at price: Double) -> Position? {
        while let top = shorts.top, top.priority <= price {
            _ = shorts.pop()
            if positions[Int(top.id)].alive { return remove(top.id) }
        }
        return nil
    }

    /// The next position due to be closed voluntarily by `time`, removed.
    mutating func popDueClose(by time: Int64) -> Position? {
        while let top = closes.top, top.priority <= Double(time) {
            _ = closes.pop()
            if positions[Int(top.id)].alive { return remove(top.id) }
        }
        return nil
    }

    /// Open interest (lots) on one exchange: the modelled traders' positions, long and short.
    /// Their counterparties (market makers) are not modelled, so OI changes by exactly
    /// opens − closes − liquidations.
    func openInterestLots(_ exchange: Int) -> Int64 { longLots[exchange] + shortLots[exchange] }
}
