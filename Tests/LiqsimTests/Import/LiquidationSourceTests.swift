import Foundation
import LiqsimBacktest
import LiqsimImport
import Testing

/// `data.liquidations`: a Tardis liquidation day joins Binance Vision trades (which hold no
/// liquidations) in the shared pass, and only its liquidations do.
@Suite struct LiquidationSourceTests {
    static func scenario(_ dir: TempDir, liquidations: Bool) throws -> Scenario {
        try FetchTests.archive(dir.path("mirror"))
        _ = try BinanceVisionImport.run([dir.path("mirror")], out: dir.path("bv"), replace: true)
        try """
            exchange,symbol,timestamp,local_timestamp,id,side,price,amount
            binance-futures,BTCUSDT,1704070800000000,1704070800001000,,sell,42180.0,2.000
            binance-futures,BTCUSDT,1704070801000000,1704070801001000,,buy,42190.0,1.000
            binance-futures,BTCUSDT,1704070801500000,1704070801501000,,sell,42170.0,0.500

            """.write(toFile: dir.path("binance-futures_liquidations_2024-01-01_BTCUSDT.csv"), atomically: true, encoding: .utf8)
        _ = try TardisImport.run([dir.path("binance-futures_liquidations_2024-01-01_BTCUSDT.csv")], out: dir.path("tardis"), exchange: nil, replace: true)
        return try Scenario.parse("""
            name: liq
            data:
              captures: [\(dir.path("bv"))]
              symbols: [BTCUSDT]\(liquidations ? "\n  liquidations: [\(dir.path("tardis"))]" : "")
            bar: 1m
            strategies:
              cascade: {weight: 1}
            """, file: dir.path("liq.yaml"))
    }

    @Test func liquidationsComeFromTheNamedCapturesOnly() throws {
        let dir = try TempDir()
        let without = try Self.scenario(dir, liquidations: false)
        let tapeWithout = try MarketTape.build(without)
        #expect(tapeWithout.symbols[0].longLiquidationUSD.reduce(0, +) == 0)
        #expect(SharedPass(scenario: without, tape: tapeWithout).warnings.contains { $0.hasPrefix("strategies.cascade: the captures hold no liquidation records for BTCUSDT") })

        let with = try Self.scenario(dir, liquidations: true)
        #expect(with.liquidationFiles.count == 1)
        let tape = try MarketTape.build(with)
        let t = tape.symbols[0]
        // 2 × 42180 + 0.5 × 42170 long; 1 × 42190 short. Trades and bars are the Binance Vision ones alone.
        #expect(t.longLiquidationUSD.reduce(0, +) == 105_445)
        #expect(t.shortLiquidationUSD.reduce(0, +) == 42_190)
        #expect(t.tradeTime == tapeWithout.symbols[0].tradeTime && t.close == tapeWithout.symbols[0].close)
        #expect(!SharedPass(scenario: with, tape: tape).warnings.contains { $0.hasPrefix("strategies.cascade") })
        #expect(try TapeCache.key(with, levelMaps: true) != TapeCache.key(without, levelMaps: true))
    }
}
