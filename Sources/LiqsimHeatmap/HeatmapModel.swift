import LiqsimCore

/// Estimates where one symbol's open positions would be liquidated, from trades and
/// open-interest readings alone (docs/heatmap.md). Feed it every `MarketEvent` in receive
/// order (`apply`), then call `finish()` for the time × price grid.
///
/// 1. Each stream's open interest is tracked against the base quantity the model holds for
///    it. The first reading was opened before the capture at unknown prices: it is held
///    but drawn nowhere. When a later reading is above the quantity held, the difference
///    was opened since the previous reading, at that stream's trade prices in between:
///    split into longs and shorts by the net taker flow (`open`), each side placed at the
///    prices of its own side's trades, by traded quantity.
/// 2. Each new position is spread over the leverage tiers by weight; a tier's share sits at
///    the liquidation price: long `entry·(1 − 1/L + mmr)`, short `entry·(1 + 1/L − mmr)`.
/// 3. A trade in a level's price cell or beyond liquidates it (removed). When a reading is
///    below the quantity held, the rest was closed voluntarily: every level of the stream
///    shrinks pro rata (`closeOnOpenInterestFall`).
/// 4. At the end of every `interval` the levels are summed per price bucket into a column.
public final class HeatmapModel {
    public let parameters: HeatmapParameters
    /// The price bucket (resolved at the first trade when `parameters.bucket` is nil).
    public private(set) var bucket: FixedDecimal?
    /// Every unified symbol seen, so a caller can say which exist when `symbol` does not.
    public private(set) var symbolsSeen: Set<Symbol> = []
    public private(set) var trades = 0, openInterestReadings = 0

    /// Cells per USD (cellsPerBucket ÷ bucket): multiplying keeps decimal prices such as
    /// 9,644.9 in their own cell where dividing by a 0.1 width would round them down a cell.
    private var cellsPerUSD = 0.0
    /// Streams in order of first appearance: sums over streams run in a fixed order.
    private var books: [StreamBook] = []
    /// `books[i].stream`, searched without touching the books (comparing a copy of each
    /// book retained and released its arrays: a quarter of the model's time).
    private var bookStreams: [StreamID] = []
    private let tiers: [(long: Double, short: Double, weight: Double)]
    private var columns: [HeatmapColumn] = []
    private var columnStart: Int64?
    private var price = PriceRange()
    private var lastSymbol: Symbol?

    public init(parameters: HeatmapParameters) {
        self.parameters = parameters
        bucket = parameters.bucket
        let sum = parameters.tiers.reduce(0) { $0 + $1.weight }
        tiers = parameters.tiers.map { (parameters.longFactor($0.leverage), parameters.shortFactor($0.leverage), $0.weight / sum) }
        if let bucket { cellsPerUSD = Double(parameters.cellsPerBucket) / bucket.doubleValue }
    }

    public func apply(_ event: MarketEvent) {
        switch event {
        case .trade(let t):
            guard matches(t.symbol) else { return }
            apply(t)
        case .openInterest(let oi):
            guard matches(oi.symbol) else { return }
            apply(oi)
        case .liquidation, .mark, .longShortRatio, .instrument:
            return
        }
    }

    /// Closes the last (partial) column and returns the grid.
    public func finish() -> HeatmapGrid {
        if columnStart != nil { closeColumn() }
        columnStart = nil
        return HeatmapGrid(symbol: parameters.symbol, bucket: bucket ?? FixedDecimal(mantissa: 1, scale: 0),
                           interval: parameters.interval, columns: columns)
    }

    private func matches(_ symbol: Symbol) -> Bool {
        if symbol != lastSymbol { symbolsSeen.insert(symbol); lastSymbol = symbol }
        return symbol == parameters.symbol
    }

    private func apply(_ t: Trade) {
        trades += 1
        advance(to: t.recv.rawValue)
        let p = t.price.doubleValue
        if bucket == nil {
            let chosen = HeatmapParameters.autoBucket(price: p)
            bucket = chosen
            cellsPerUSD = Double(parameters.cellsPerBucket) / chosen.doubleValue
        }
        price.add(p)
        let i = bookIndex(t.stream)
        books[i].trades.append((p, t.qty.doubleValue, t.side == .buy))
        // A print at a level's cell or beyond liquidates it, on every exchange: the
        // exchanges' prices differ by a few basis points at most.
        let c = cell(p)
        for b in books.indices {
            _ = books[b].long.removeAtOrAbove(c)
            _ = books[b].short.removeAtOrBelow(c)
        }
    }

    private func apply(_ oi: OpenInterest) {
        openInterestReadings += 1
        advance(to: oi.recv.rawValue)
        let i = bookIndex(oi.stream)
        let reading = oi.oi.doubleValue
        if books[i].lastReading == nil {
            // Opened before the capture: no trade tells at what price, so it is held (it
            // can close) but drawn nowhere.
            books[i].lastReading = reading
            books[i].trades.removeAll(keepingCapacity: true)
            books[i].unplaced = reading / books[i].scale
            return
        }
        let held = books[i].quantity
        let opened: Double
        if parameters.closeOnOpenInterestFall {
            opened = reading - held
            if opened < 0 { books[i].scaleDown(by: held > 0 ? reading / held : 0) }
        } else {
            opened = reading - (books[i].lastReading ?? 0)
        }
        // Without trades there is no price to open at: the difference stays unexplained and
        // is found again at the next reading (`held` did not grow).
        if opened > 0 && !books[i].trades.isEmpty { open(opened, in: i) }
        if opened <= 0 || !books[i].trades.isEmpty { books[i].lastReading = reading }
        books[i].trades.removeAll(keepingCapacity: true)
    }

    /// Splits `quantity` into longs and shorts by the interval's net taker flow and places
    /// each at the prices of the trades on its side, by traded quantity.
    ///
    /// With buy-taker volume B and sell-taker volume S, longs = clamp((n + B − S) / 2, 0, n):
    /// the solution of n = longs + shorts, B − S = longs − shorts when every opening is a
    /// taker and nothing else traded; background trades and closes blur it, the clamp keeps
    /// both sides non-negative.
    private func open(_ quantity: Double, in i: Int) {
        let trades = books[i].trades
        var buys = 0.0, sells = 0.0
        for t in trades { if t.buy { buys += t.qty } else { sells += t.qty } }
        let longs = min(quantity, max(0, (quantity + buys - sells) / 2))
        let shorts = quantity - longs
        let scale = books[i].scale
        for (long, amount) in [(true, longs), (false, shorts)] where amount > 0 {
            // The side's own trades carry it; without any, all trades of the interval do.
            let sideVolume = long ? buys : sells
            let useAll = sideVolume == 0
            let volume = useAll ? buys + sells : sideVolume
            for trade in trades where useAll || trade.buy == long {
                let share = amount * trade.qty / volume / scale
                for tier in tiers {
                    if long {
                        books[i].long.add(share * tier.weight, at: cell(trade.price * tier.long))
                    } else {
                        books[i].short.add(share * tier.weight, at: cell(trade.price * tier.short))
                    }
                }
            }
        }
    }

    private func bookIndex(_ stream: StreamID) -> Int {
        if let i = bookStreams.firstIndex(of: stream) { return i }
        books.append(StreamBook(stream: stream))
        bookStreams.append(stream)
        return books.count - 1
    }

    @inline(__always) private func cell(_ p: Double) -> Int { Int((p * cellsPerUSD).rounded(.down)) }

    // MARK: columns

    private func advance(to t: Int64) {
        let interval = parameters.interval
        guard let start = columnStart else {
            columnStart = t - ((t % interval) + interval) % interval
            return
        }
        var s = start
        while t >= s + interval {
            closeColumn()
            s += interval
            columnStart = s
        }
    }

    /// Sums every stream's levels per price bucket: USD = base quantity × the cell's middle price.
    private func closeColumn() {
        guard let start = columnStart else { return }
        columns.append(HeatmapColumn(start: UnixNanos(start), end: UnixNanos(start + parameters.interval), price: price.closed(),
                                     long: buckets(\.long), short: buckets(\.short)))
        price.startNext()
    }

    /// One side's non-zero buckets, ascending, summed over the streams in a fixed order.
    private func buckets(_ side: KeyPath<StreamBook, LevelLadder>) -> [HeatmapColumn.Level] {
        let per = parameters.cellsPerBucket
        let ladders = books.map { ($0[keyPath: side], $0.scale) }.filter { !$0.0.isEmpty }
        guard let low = ladders.map({ floorDiv($0.0.low, per) }).min(), let high = ladders.map({ floorDiv($0.0.high, per) }).max() else { return [] }
        var sums = [Double](repeating: 0, count: high - low + 1)
        for (ladder, scale) in ladders {
            ladder.forEach { c, q in sums[floorDiv(c, per) - low] += q * scale * (Double(c) + 0.5) / cellsPerUSD }
        }
        return sums.indices.filter { sums[$0] > 0 }.map { HeatmapColumn.Level(bucket: low + $0, usd: sums[$0]) }
    }
}

@inline(__always) func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
