import Testing
import LiqsimCore
import LiqsimHeatmap

/// Hand-computable cases: entry 10,005, mmr 0.004, the default tiers
/// 5×/10×/25×/50×/100× weighted 0.30/0.30/0.20/0.12/0.08, $1 buckets (0.1 cells).
/// Long levels: 10,005 × 0.804 = 8,044.02, × 0.904 = 9,044.52, × 0.964 = 9,644.82,
/// × 0.984 = 9,844.92, × 0.994 = 9,944.97. A level's USD = quantity × its cell's middle price.
@Suite("Heatmap model")
struct HeatmapModelTests {
    static let btc = Symbol("BTCUSDT")!
    static let second: Int64 = 1_000_000_000

    static func parameters() -> HeatmapParameters {
        var p = HeatmapParameters(symbol: btc)
        p.bucket = FixedDecimal("1")!
        p.interval = 60 * second
        return p
    }

    static func trade(_ t: Int64, _ side: TakerSide, _ qty: String, at price: String, on stream: StreamID = .bybitLinear) -> MarketEvent {
        .trade(Trade(recv: UnixNanos(t * second), ts: UnixNanos(t * second), stream: stream, symbol: btc, rawSymbol: btc,
                     side: side, price: FixedDecimal(price)!, qty: FixedDecimal(qty)!))
    }

    static func openInterest(_ t: Int64, _ oi: String, on stream: StreamID = .bybitLinear) -> MarketEvent {
        .openInterest(OpenInterest(recv: UnixNanos(t * second), ts: UnixNanos(t * second), stream: stream, symbol: btc, rawSymbol: btc,
                                   oi: FixedDecimal(oi)!, oiUSDCents: nil))
    }

    static func run(_ events: [MarketEvent], _ parameters: HeatmapParameters = parameters()) -> HeatmapGrid {
        let model = HeatmapModel(parameters: parameters)
        for e in events { model.apply(e) }
        return model.finish()
    }

    /// Buckets and USD of one side of the last column.
    static func levels(_ grid: HeatmapGrid, _ side: LiquidatedSide) -> [HeatmapColumn.Level] {
        let column = grid.columns.last!
        return side == .long ? column.long : column.short
    }

    /// `quantity` × weight × middle price per tier: the expected levels, to 1e-6 USD.
    static func expected(_ tiers: [(bucket: Int, middle: Double, weight: Double)], quantity: Double) -> [HeatmapColumn.Level] {
        tiers.map { HeatmapColumn.Level(bucket: $0.bucket, usd: quantity * $0.weight * $0.middle) }
    }

    static func same(_ a: [HeatmapColumn.Level], _ b: [HeatmapColumn.Level]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bucket == $1.bucket && abs($0.usd - $1.usd) < 1e-6 }
    }

    static let longLevels: [(bucket: Int, middle: Double, weight: Double)] =
        [(8044, 8044.05, 0.30), (9044, 9044.55, 0.30), (9644, 9644.85, 0.20), (9844, 9844.95, 0.12), (9944, 9944.95, 0.08)]

    /// OI 100 → 102 with only buying in between: 2 BTC of new longs, at exactly the tier prices.
    @Test func oneIncreaseLandsOnTheTierLiquidationPrices() {
        let grid = Self.run([Self.openInterest(0, "100"), Self.trade(1, .buy, "3", at: "10005"), Self.openInterest(3, "102")])
        #expect(grid.columns.count == 1)
        #expect(grid.columns[0].end == UnixNanos(60 * Self.second))
        #expect(grid.columns[0].price == PriceBar(open: 10005, high: 10005, low: 10005, close: 10005))
        #expect(Self.same(Self.levels(grid, .long), Self.expected(Self.longLevels, quantity: 2)))
        #expect(Self.levels(grid, .short).isEmpty, "net buying of 3 ≥ the increase of 2: all long")
        let top = grid.topLevels(2, column: 0)
        #expect(top.map(\.low) == [FixedDecimal("9044")!, FixedDecimal("8044")!], "equal quantity: the higher USD (price) first")
    }

    /// Buys 2, sells 1, OI +2: longs = (2 + 2 − 1) / 2 = 1.5 at the buy price, shorts 0.5 at the
    /// sell price; short levels 9,995 × (1 + 1/L − 0.004).
    @Test func netTakerFlowSplitsLongsAndShorts() {
        let grid = Self.run([Self.openInterest(0, "100"), Self.trade(1, .buy, "2", at: "10005"), Self.trade(2, .sell, "1", at: "9995"),
                             Self.openInterest(3, "102")])
        #expect(Self.same(Self.levels(grid, .long), Self.expected(Self.longLevels, quantity: 1.5)))
        // 9,995 × 1.196 = 11,954.02; × 1.096 = 10,954.52; × 1.036 = 10,354.82; × 1.016 = 10,154.92; × 1.006 = 10,054.97.
        let shorts: [(bucket: Int, middle: Double, weight: Double)] = [(10054, 10054.95, 0.08), (10154, 10154.95, 0.12), (10354, 10354.85, 0.20),
                                               (10954, 10954.55, 0.30), (11954, 11954.05, 0.30)]
        #expect(Self.same(Self.levels(grid, .short), Self.expected(shorts, quantity: 0.5)))
    }

    /// A trade in a level's cell or beyond liquidates it; levels it did not reach stay.
    @Test func tradingThroughALevelRemovesIt() {
        let setup = [Self.openInterest(0, "100"), Self.trade(1, .buy, "3", at: "10005"), Self.openInterest(3, "102")]
        // 9,944.0 is below the 100× level (9,944.97); 9,844.9 is in the 50× level's cell (9,844.9–9,845.0).
        let grid = Self.run(setup + [Self.trade(4, .sell, "0.001", at: "9944.0"), Self.trade(5, .sell, "0.001", at: "9844.9")])
        #expect(Self.same(Self.levels(grid, .long), Self.expected(Array(Self.longLevels.prefix(3)), quantity: 2)))
        // A print one cell above the 25× level's cell (9,644.8–9,644.9) liquidates the 50× and 100× levels only.
        let near = Self.run(setup + [Self.trade(4, .sell, "0.001", at: "9644.9")])
        #expect(Self.same(Self.levels(near, .long), Self.expected(Array(Self.longLevels.prefix(3)), quantity: 2)))
    }

    /// Open interest falling by more than crossing explains shrinks every level pro rata;
    /// with `closeOnOpenInterestFall` off the levels stay.
    @Test func fallingOpenInterestClosesProRata() {
        let events = [Self.openInterest(0, "100"), Self.trade(1, .buy, "3", at: "10005"), Self.openInterest(3, "102"), Self.openInterest(6, "51")]
        #expect(Self.same(Self.levels(Self.run(events), .long), Self.expected(Self.longLevels, quantity: 1)))
        var keep = Self.parameters()
        keep.closeOnOpenInterestFall = false
        #expect(Self.same(Self.levels(Self.run(events, keep), .long), Self.expected(Self.longLevels, quantity: 2)))
    }

    /// The first reading was opened before the capture: drawn nowhere. An increase seen
    /// without trades waits for the next reading that has some.
    @Test func firstReadingIsUnplacedAndIncreasesWaitForTrades() {
        #expect(Self.run([Self.openInterest(0, "100"), Self.trade(1, .buy, "3", at: "10005"), Self.openInterest(3, "100")]).columns[0].long.isEmpty)
        let grid = Self.run([Self.openInterest(0, "100"), Self.openInterest(3, "102"), Self.trade(4, .buy, "3", at: "10005"), Self.openInterest(6, "102")])
        #expect(Self.same(Self.levels(grid, .long), Self.expected(Self.longLevels, quantity: 2)))
    }

    /// Open interest is per exchange: an increase on Bybit is placed at Bybit's trades only,
    /// and other symbols are ignored but remembered.
    @Test func increasesUseTheirOwnStreamsTrades() {
        let eth = Symbol("ETHUSDT")!
        let model = HeatmapModel(parameters: Self.parameters())
        model.apply(.trade(Trade(recv: UnixNanos(0), ts: UnixNanos(0), stream: .bybitLinear, symbol: eth, rawSymbol: eth, side: .sell,
                                 price: FixedDecimal("3000")!, qty: FixedDecimal("50")!)))
        for e in [Self.openInterest(0, "100"), Self.openInterest(0, "7", on: .okxSwap), Self.trade(1, .buy, "3", at: "10005"),
                  Self.trade(2, .sell, "9", at: "20000", on: .okxSwap), Self.openInterest(3, "102")] { model.apply(e) }
        let grid = model.finish()
        #expect(Self.same(Self.levels(grid, .long), Self.expected(Self.longLevels, quantity: 2)))
        #expect(Self.levels(grid, .short).isEmpty)
        #expect(model.symbolsSeen == [Self.btc, eth])
    }

    /// Columns close at every interval boundary, carrying the levels and the last close forward.
    @Test func columnsRepeatStateAcrossQuietIntervals() {
        let grid = Self.run([Self.openInterest(0, "100"), Self.trade(1, .buy, "3", at: "10005"), Self.openInterest(3, "102"),
                             Self.trade(185, .sell, "0.001", at: "10010")])
        #expect(grid.columns.map(\.end.rawValue) == [60, 120, 180, 240].map { $0 * Self.second })
        #expect(grid.columns[1].price == PriceBar(open: 10005, high: 10005, low: 10005, close: 10005))
        #expect(grid.columns[3].price == PriceBar(open: 10005, high: 10010, low: 10005, close: 10010))
        #expect(grid.columns[1].long == grid.columns[0].long)
    }

    /// Coarser buckets sum the finer ones: 8,044 and 8,045 → 8,040–8,050 with $10 buckets.
    @Test func coarsenedGridSumsBuckets() {
        let column = HeatmapColumn(start: UnixNanos(0), end: UnixNanos(60 * Self.second), price: nil,
                                   long: [.init(bucket: 8044, usd: 1), .init(bucket: 8045, usd: 2), .init(bucket: 8050, usd: 4)],
                                   short: [.init(bucket: -1, usd: 8)])
        let coarse = HeatmapGrid(symbol: Self.btc, bucket: FixedDecimal("1")!, interval: 60 * Self.second, columns: [column]).coarsened(by: 10)
        #expect(coarse.bucket == FixedDecimal("10")!)
        #expect(coarse.columns[0].long == [.init(bucket: 804, usd: 3), .init(bucket: 805, usd: 4)])
        #expect(coarse.columns[0].short == [.init(bucket: -1, usd: 8)])
    }

    /// Auto bucket: the 1-2-5 value nearest 0.2% of the first price.
    @Test func autoBucketFollowsThePrice() {
        #expect(HeatmapParameters.autoBucket(price: 87_000) == FixedDecimal("200")!)
        #expect(HeatmapParameters.autoBucket(price: 2_950) == FixedDecimal("5")!)
        #expect(HeatmapParameters.autoBucket(price: 0.62) == FixedDecimal("0.001")!)
        #expect(HeatmapParameters.parseTiers("10:0.5,25:0.5") == [.init(leverage: 10, weight: 0.5), .init(leverage: 25, weight: 0.5)])
        #expect(HeatmapParameters.parseTiers("1:1") == nil)
    }
}
