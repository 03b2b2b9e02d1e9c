import LiqsimCore
import LiqsimHeatmap

/// A `MarketTape` as a file for the tape cache: every column exactly (doubles by bit
/// pattern), the cascades, fundings, outages and level maps, written and read through a
/// bounded buffer (TapeBytes.swift): the tape is never held a second time as bytes. A new
/// tape column is written here too (`TapeCacheTests` counts the stored properties).
///
/// `magic` names the format and the meaning of what is stored; it is part of the cache key.
/// Bump it whenever a change could make the tape of the same inputs and settings differ (a
/// column, an encoding, what the recorder keeps): old entries are then never read (docs/history.md).
/// 3: streamed; trade prices as 32-bit ticks of one scale (`TradePrices`); level-map sides as two bulk arrays.
enum TapeCodec {
    static let magic = "liqsim tape 3"

    /// Writes `tape` to `path` (created or truncated).
    static func write(_ tape: MarketTape, to path: String) throws {
        let w = try TapeFileWriter(path: path)
        encode(tape, w)
        try w.close()
    }

    /// The tape at `path`; nil when there is no file, `Damaged` when it is not a whole tape.
    static func read(_ path: String) throws -> MarketTape? {
        guard let r = TapeFileReader(path: path) else { return nil }
        return try decode(r)
    }

    static func encode(_ tape: MarketTape, _ w: TapeFileWriter) {
        w.string(magic)
        w.int(Int64(tape.records)); w.int(Int64(tape.events)); w.double(tape.seconds)
        w.int(Int64(tape.symbols.count))
        for t in tape.symbols { encode(t, w) }
        w.int(Int64(tape.levelMaps.count))
        for map in tape.levelMaps {
            switch map {
            case .failure(let why): w.int(0); w.string(why.symbol); w.string(why.reason)
            case .success(let grid): w.int(1); encode(grid, w)
            }
        }
    }

    static func decode(_ r: TapeFileReader) throws -> MarketTape {
        guard try r.string() == magic else {
            throw TapeFileReader.Damaged(reason: "not a \(magic) file")
        }
        let records = Int(try r.int()), events = Int(try r.int()), seconds = try r.double()
        var symbols: [SymbolTape] = []
        for _ in 0..<(try r.count(8)) { symbols.append(try decodeSymbol(r)) }
        var tape = MarketTape(symbols: symbols, records: records, events: events, seconds: seconds)
        for _ in 0..<(try r.count(8)) {
            if try r.int() == 0 {
                tape.levelMaps.append(.failure(HeatmapUnavailable(symbol: try r.string(), reason: try r.string())))
            } else {
                tape.levelMaps.append(.success(try decodeGrid(r)))
            }
        }
        guard r.atEnd else { throw TapeFileReader.Damaged(reason: "\(r.remaining) bytes after the tape's end") }
        return tape
    }

    static func encode(_ t: SymbolTape, _ w: TapeFileWriter) {
        w.string(t.symbol.description); w.int(t.interval)
        w.array(t.closeTime)
        for column in [t.open, t.high, t.low, t.close, t.volumeUSD, t.buyUSD, t.sellUSD, t.longLiquidationUSD, t.shortLiquidationUSD,
                       t.composite, t.funding, t.openInterestUSD, t.risk] { w.array(column) }
        w.int(Int64(t.cascades.count))
        for c in t.cascades {
            w.int(c.time); w.int(c.endTime); w.int(Int64(c.liquidations)); w.double(c.longUSD); w.double(c.shortUSD); w.string(c.exchanges)
            w.int(c.lowerBound ? 1 : 0)
        }
        w.array(t.tradeTime)
        w.int(Int64(t.tradePrice.scale))
        if let doubles = t.tradePrice.doubles { w.int(1); w.array(doubles) } else { w.int(0); w.array(t.tradePrice.ticks) }
        w.array(t.markTime); w.array(t.markPrice)
        w.int(Int64(t.fundings.count))
        for f in t.fundings { w.int(f.time); w.double(f.rate); w.double(f.price) }
        w.array(t.outages)
        w.int(Int64(t.lowerBounds.count))
        for b in t.lowerBounds { w.string(b.stream.rawValue); w.int(Int64(b.liquidations)); w.double(b.usd); w.int(Int64(b.cappedSeconds)) }
    }

    static func decodeSymbol(_ r: TapeFileReader) throws -> SymbolTape {
        guard let symbol = Symbol(try r.string()) else { throw TapeFileReader.Damaged(reason: "a symbol that is not one") }
        var t = SymbolTape(symbol: symbol, interval: try r.int())
        t.closeTime = try r.array(Int64.self)
        var columns: [[Double]] = []
        for _ in 0..<13 { columns.append(try r.array(Double.self)) }
        (t.open, t.high, t.low, t.close, t.volumeUSD, t.buyUSD, t.sellUSD) = (columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6])
        (t.longLiquidationUSD, t.shortLiquidationUSD, t.composite, t.funding, t.openInterestUSD, t.risk) = (columns[7], columns[8], columns[9], columns[10], columns[11], columns[12])
        for _ in 0..<(try r.count(56)) {
            t.cascades.append(CascadeMark(time: try r.int(), endTime: try r.int(), liquidations: Int(try r.int()), longUSD: try r.double(),
                                          shortUSD: try r.double(), exchanges: try r.string(), lowerBound: try r.int() == 1))
        }
        t.tradeTime = try r.array(Int64.self)
        let scale = try r.int()
        guard (0...18).contains(scale) else { throw TapeFileReader.Damaged(reason: "trade price scale \(scale)") }
        t.tradePrice = try r.int() == 1 ? TradePrices(ticks: [], scale: UInt8(scale), doubles: try r.array(Double.self))
            : TradePrices(ticks: try r.array(Int32.self), scale: UInt8(scale), doubles: nil)
        guard t.tradePrice.count == t.tradeTime.count else { throw TapeFileReader.Damaged(reason: "\(t.tradePrice.count) trade prices for \(t.tradeTime.count) times") }
        t.markTime = try r.array(Int64.self)
        t.markPrice = try r.array(Double.self)
        for _ in 0..<(try r.count(24)) { t.fundings.append(FundingSettlement(time: try r.int(), rate: try r.double(), price: try r.double())) }
        t.outages = try r.array(Int64.self)
        for _ in 0..<(try r.count(32)) {
            guard let stream = StreamID(rawValue: try r.string()) else { throw TapeFileReader.Damaged(reason: "an unknown stream") }
            t.lowerBounds.append(CappedTotals(stream: stream, liquidations: Int(try r.int()), usd: try r.double(), cappedSeconds: Int(try r.int())))
        }
        return t
    }

    static func encode(_ g: HeatmapGrid, _ w: TapeFileWriter) {
        w.string(g.symbol.description); w.int(g.bucket.mantissa); w.int(Int64(g.bucket.scale)); w.int(g.interval)
        w.int(Int64(g.columns.count))
        for c in g.columns {
            w.int(c.start.rawValue); w.int(c.end.rawValue)
            if let p = c.price { w.int(1); w.double(p.open); w.double(p.high); w.double(p.low); w.double(p.close) } else { w.int(0) }
            for side in [c.long, c.short] { w.array(side.map { Int64($0.bucket) }); w.array(side.map(\.usd)) }
        }
    }

    static func decodeGrid(_ r: TapeFileReader) throws -> HeatmapGrid {
        guard let symbol = Symbol(try r.string()) else { throw TapeFileReader.Damaged(reason: "a symbol that is not one") }
        let bucket = FixedDecimal(mantissa: try r.int(), scale: UInt8(clamping: try r.int()))
        let interval = try r.int()
        var columns: [HeatmapColumn] = []
        for _ in 0..<(try r.count(32)) {
            let start = UnixNanos(try r.int()), end = UnixNanos(try r.int())
            let price = try r.int() == 1 ? PriceBar(open: try r.double(), high: try r.double(), low: try r.double(), close: try r.double()) : nil
            var sides: [[HeatmapColumn.Level]] = []
            for _ in 0..<2 {
                let buckets = try r.array(Int64.self), usd = try r.array(Double.self)
                guard buckets.count == usd.count else { throw TapeFileReader.Damaged(reason: "\(buckets.count) level buckets for \(usd.count) amounts") }
                sides.append(zip(buckets, usd).map { HeatmapColumn.Level(bucket: Int($0), usd: $1) })
            }
            columns.append(HeatmapColumn(start: start, end: end, price: price, long: sides[0], short: sides[1]))
        }
        return HeatmapGrid(symbol: symbol, bucket: bucket, interval: interval, columns: columns)
    }
}
