import LiqsimCore

/// Bars of one (symbol, exchange-or-all, interval) as columns (structure of arrays), for
/// the regime and strategy stages: one entry per closed bar that had any activity.
public struct BarSeries: Sendable {
    public var openTime: [Int64] = []
    public var open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = []
    public var volume: [Double] = [], volumeUSD: [Double] = []
    public var longLiquidationUSD: [Double] = [], shortLiquidationUSD: [Double] = []

    mutating func append(_ bar: Bar) {
        openTime.append(bar.openTime)
        open.append(bar.open?.doubleValue ?? .nan); high.append(bar.high?.doubleValue ?? .nan)
        low.append(bar.low?.doubleValue ?? .nan); close.append(bar.close?.doubleValue ?? .nan)
        volume.append(bar.volume.doubleValue); volumeUSD.append(Double(bar.volumeCents) / 100)
        longLiquidationUSD.append(Double(bar.longLiquidationCents) / 100)
        shortLiquidationUSD.append(Double(bar.shortLiquidationCents) / 100)
    }
}

/// The bar being built for one key.
struct BarAccumulator {
    var openTime: Int64 = 0
    var open: FixedDecimal?, high: FixedDecimal?, low: FixedDecimal?, close: FixedDecimal?
    var volume8: Int64 = 0
    var volumeCents: Int64 = 0, buyCents: Int64 = 0, sellCents: Int64 = 0
    var longCents: Int64 = 0, shortCents: Int64 = 0
    var trades = 0, liquidations = 0

    var isEmpty: Bool { trades == 0 && liquidations == 0 }

    @inline(__always)
    mutating func add(_ t: Trade, cents: Int64) {
        if open == nil { open = t.price; high = t.price; low = t.price }
        else {
            if FixedDecimal.less(high!, t.price) { high = t.price }
            if FixedDecimal.less(t.price, low!) { low = t.price }
        }
        close = t.price
        volume8 &+= t.qty.units8
        volumeCents &+= cents
        if t.side == .buy { buyCents &+= cents } else { sellCents &+= cents }
        trades += 1
    }

    @inline(__always)
    mutating func add(_ l: Liquidation) {
        if l.side == .long { longCents &+= l.usdCents } else { shortCents &+= l.usdCents }
        liquidations += 1
    }

    func bar(symbol: Symbol, exchange: StreamID?, interval: Int64) -> Bar {
        Bar(symbol: symbol, exchange: exchange, interval: interval, openTime: openTime, open: open, high: high, low: low, close: close,
            volume: FixedDecimal(mantissa: volume8, scale: 8), volumeCents: volumeCents, buyCents: buyCents, sellCents: sellCents,
            longLiquidationCents: longCents, shortLiquidationCents: shortCents, trades: trades, liquidations: liquidations)
    }
}

/// Builds bars for every configured interval, per symbol for all exchanges combined and
/// for each exchange. Bars close when the pipeline's clock passes their end.
struct BarBuilder {
    let intervals: [Int64]
    /// Per symbol index: [slot (0 = all, 1 + stream order)][interval] accumulators.
    private(set) var accumulators: [[[BarAccumulator]]] = []
    private(set) var series: [[[BarSeries]]] = []
    static let slots = 1 + StreamID.allCases.count

    init(intervals: [Int64]) { self.intervals = intervals }

    mutating func addSymbol() {
        accumulators.append(Array(repeating: Array(repeating: BarAccumulator(), count: intervals.count), count: Self.slots))
        series.append(Array(repeating: Array(repeating: BarSeries(), count: intervals.count), count: Self.slots))
    }

    @inline(__always)
    mutating func add(_ t: Trade, cents: Int64, symbol s: Int, slot: Int) {
        for i in intervals.indices {
            accumulators[s][0][i].add(t, cents: cents)
            accumulators[s][slot][i].add(t, cents: cents)
        }
    }

    @inline(__always)
    mutating func add(_ l: Liquidation, symbol s: Int, slot: Int) {
        for i in intervals.indices {
            accumulators[s][0][i].add(l)
            accumulators[s][slot][i].add(l)
        }
    }

    /// Closes interval `i` (window starting at `openTime`) for every symbol; bars with activity
    /// are appended to the columns and returned in (symbol, slot) order.
    mutating func close(interval i: Int, openTime: Int64, symbols: [Symbol], into signals: inout [PipelineSignal]) {
        for s in accumulators.indices {
            for slot in 0..<Self.slots {
                var acc = accumulators[s][slot][i]
                if !acc.isEmpty {
                    acc.openTime = openTime
                    let bar = acc.bar(symbol: symbols[s], exchange: slot == 0 ? nil : StreamID.allCases[slot - 1], interval: intervals[i])
                    series[s][slot][i].append(bar)
                    signals.append(.bar(bar))
                }
                accumulators[s][slot][i] = BarAccumulator()
            }
        }
    }
}
