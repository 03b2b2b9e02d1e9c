import Foundation
@testable import LiqsimBacktest
import LiqsimCore
import LiqsimHeatmap
import Testing

/// The tape cache's file format: streamed through bounded buffers, every column exact, and
/// trade prices narrowed to 32-bit ticks that read back as the very doubles they were.
@Suite struct TapeCodecTests {
    /// A tape several times the codec's buffer: 400,000 trades over ticks and scales, marks,
    /// bars, a cascade, fundings, outages, a capped stream's totals and a level map.
    static func bigTape() -> MarketTape {
        var t = SymbolTape(symbol: Symbol("BTCUSDT")!, interval: 60_000_000_000)
        var rng = SystemRandomNumberGenerator()
        var prices = TradePrices.Builder()
        for k in 0..<400_000 {
            t.tradeTime.append(1_767_225_600_000_000_000 + Int64(k) * 68_000_001)
            prices.append(FixedDecimal(mantissa: 870_000 + Int64.random(in: -5_000...5_000, using: &rng), scale: 1))
        }
        prices.append(FixedDecimal(mantissa: 8_700_012, scale: 2))   // a finer scale: the ticks rescale
        t.tradeTime.append(t.tradeTime.last! + 1)
        t.tradePrice = prices.finish()
        for k in 0..<5_000 {
            t.closeTime.append(1_767_225_660_000_000_000 + Int64(k) * 60_000_000_000)
            for column in [\SymbolTape.open, \.high, \.low, \.close, \.volumeUSD, \.buyUSD, \.sellUSD, \.longLiquidationUSD,
                           \.shortLiquidationUSD, \.funding, \.openInterestUSD, \.risk] { t[keyPath: column].append(Double.random(in: 0...1e6)) }
            t.composite.append(k < 3 ? .nan : Double(k) / 5_000)
            t.markTime.append(t.closeTime[k] - 500); t.markPrice.append(87_000.123456 + Double(k))
        }
        t.cascades = [CascadeMark(time: 5, endTime: 9, liquidations: 12, longUSD: 1.5, shortUSD: 2.25, exchanges: "binance-usdm:12", lowerBound: true)]
        t.fundings = [FundingSettlement(time: 28_800, rate: 0.0001, price: 87_000.5)]
        t.outages = [7, 11]
        t.lowerBounds = [CappedTotals(stream: .binanceUSDM, liquidations: 3, usd: 4.5, cappedSeconds: 2)]
        var tape = MarketTape(symbols: [t], records: 405_000, events: 404_000, seconds: 1.25)
        var columns: [HeatmapColumn] = []
        for c in 0..<300 {
            let start = UnixNanos(Int64(c) * 300_000_000_000), end = UnixNanos(Int64(c + 1) * 300_000_000_000)
            let price: PriceBar? = c % 7 == 0 ? nil : PriceBar(open: 1, high: 2, low: 0.5, close: 1.5)
            let long: [HeatmapColumn.Level] = (0..<40).map { HeatmapColumn.Level(bucket: 8_600 + $0, usd: Double($0) * 1_000.25) }
            let short: [HeatmapColumn.Level] = (0..<30).map { HeatmapColumn.Level(bucket: 8_800 + $0, usd: Double($0) * 999.5) }
            columns.append(HeatmapColumn(start: start, end: end, price: price, long: long, short: short))
        }
        tape.levelMaps = [.success(HeatmapGrid(symbol: Symbol("BTCUSDT")!, bucket: FixedDecimal(mantissa: 100, scale: 1), interval: 300_000_000_000,
                                               columns: columns)),
                          .failure(HeatmapUnavailable(symbol: "ETHUSDT", reason: "no open interest"))]
        return tape
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func aTapeRoundTripsExactlyThroughBoundedBuffers() throws {
        let dir = try TempDir()
        let tape = Self.bigTape()
        let writer = try TapeFileWriter(path: dir.path("a.tape"))
        TapeCodec.encode(tape, writer)
        try writer.close()
        let size = try Self.bytes(dir.path("a.tape")).count
        #expect(size > 4 * TapeFileWriter.bufferSize && writer.written == size)
        // Neither side ever buffers more than one piece (plus one value) of it.
        #expect(writer.largestBuffer <= TapeFileWriter.bufferSize + 64)
        let reader = try #require(TapeFileReader(path: dir.path("a.tape")))
        let back = try TapeCodec.decode(reader)
        #expect(reader.largestBuffer <= TapeFileReader.bufferSize)

        let (a, b) = (tape.symbols[0], back.symbols[0])
        #expect(b.tradeTime == a.tradeTime && b.tradePrice == a.tradePrice && b.tradePrice.scale == 2 && b.tradePrice.doubles == nil)
        #expect(b.closeTime == a.closeTime && b.open == a.open && b.risk == a.risk && b.markTime == a.markTime && b.markPrice == a.markPrice)
        #expect(b.composite.map(\.bitPattern) == a.composite.map(\.bitPattern))   // NaN by bit pattern
        #expect(b.cascades == a.cascades && b.fundings == a.fundings && b.outages == a.outages && b.lowerBounds == a.lowerBounds)
        #expect((back.records, back.events, back.seconds) == (405_000, 404_000, 1.25))
        // Written again, the decoded tape is the same bytes: nothing lost, nothing added.
        try TapeCodec.write(back, to: dir.path("b.tape"))
        #expect(try Self.bytes(dir.path("b.tape")) == Self.bytes(dir.path("a.tape")))
    }

    @Test func aShortLongOrForeignFileIsDamagedNotMisread() throws {
        let dir = try TempDir()
        try TapeCodec.write(Self.bigTape(), to: dir.path("a.tape"))
        let whole = try Self.bytes(dir.path("a.tape"))
        #expect(try TapeCodec.read(dir.path("missing.tape")) == nil)
        let cases: [(String, [UInt8])] = [
            ("cut in a bulk array", Array(whole.prefix(whole.count / 2))),
            ("cut by one byte", Array(whole.dropLast())),
            ("a byte too many", whole + [0]),
            ("the previous format", Array(whole.prefix(8)) + Array("liqsim tape 2".utf8) + Array(whole.dropFirst(8 + 13))),
            ("empty", []),
            ("a count past the end", Array(whole.prefix(8 + 13 + 24)) + [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f] + Array(whole.dropFirst(8 + 13 + 32))),
        ]
        for (name, bytes) in cases {
            try Data(bytes).write(to: URL(fileURLWithPath: dir.path("bad.tape")))
            #expect(throws: TapeFileReader.Damaged.self, "\(name)") { _ = try TapeCodec.read(dir.path("bad.tape")) }
        }
    }

    @Test func tradePricesReadBackAsTheExactDoublesAtFourBytesATrade() {
        var builder = TradePrices.Builder()
        // 651.3, 65130, 6513.07, −0.007, 0: the scale grows to 3 and the ticks so far are rescaled.
        let inputs: [FixedDecimal] = [.init(mantissa: 651_3, scale: 1), .init(mantissa: 65_130, scale: 0), .init(mantissa: 6_513_07, scale: 2),
                                      .init(mantissa: -7, scale: 3), .init(mantissa: 0, scale: 0)]
        for p in inputs { builder.append(p) }
        var prices = builder.finish()
        #expect(prices.doubles == nil && prices.scale == 3 && prices.ticks == [651_300, 65_130_000, 6_513_070, -7, 0])
        #expect(prices.map(\.bitPattern) == inputs.map(\.doubleValue.bitPattern))
        // Random prices at random scales: still bit for bit.
        var moreBuilder = TradePrices.Builder(), expected: [Double] = []
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let p = FixedDecimal(mantissa: Int64.random(in: 1...999_999, using: &rng), scale: UInt8.random(in: 0...3, using: &rng))
            moreBuilder.append(p); expected.append(p.doubleValue)
        }
        let more = moreBuilder.finish()
        #expect(more.doubles == nil && more.map(\.bitPattern) == expected.map(\.bitPattern))
        // A price whose ticks would overflow 32 bits: the column turns into doubles, same values.
        for p in inputs { builder.append(p) }
        builder.append(FixedDecimal(mantissa: 123_456_789_012, scale: 3))
        builder.append(.init(mantissa: 5, scale: 0))
        prices = builder.finish()
        #expect(prices.doubles != nil && prices.ticks.isEmpty)
        let all = inputs + [FixedDecimal(mantissa: 123_456_789_012, scale: 3), .init(mantissa: 5, scale: 0)]
        #expect(prices.map(\.bitPattern) == all.map(\.doubleValue.bitPattern))
        // Pieces: a column longer than one piece joins in order.
        var long = TradePrices.Builder()
        let n = ChunkedColumn<Int32>.pieceSize + 3
        for k in 0..<n { long.append(FixedDecimal(mantissa: Int64(k % 1000), scale: 1)) }
        let joined = long.finish()
        #expect(joined.count == n && joined[n - 1] == Double((n - 1) % 1000) / 10 && joined[1000] == 0)
    }

    @Test func theExecutableIsHashedOnceAndRememberedBesideTheTapes() throws {
        let dir = try TempDir()
        let digest = ExecutableDigest.current(memo: dir.path("tapes"))
        #expect(digest == (try TapeCache.fileDigest("/proc/self/exe")))
        let memo = try String(contentsOfFile: dir.path("tapes/\(ExecutableDigest.memoName)"), encoding: .utf8)
        let identity = try #require(ExecutableDigest.identity("/proc/self/exe"))
        #expect(memo == digest + " " + identity + "\n")
        // Another file's identity differs (inode, size or time): a memo line is only ever its own file's.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: dir.path("other")))
        #expect(ExecutableDigest.identity(dir.path("other")) != identity)
    }
}
