import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimImport
import Testing

@Suite struct TardisImportTests {
    static let btc = sym("BTCUSDT")

    @Test func rawFeedKeepsFramesAndReceiveTimesAndAnEmptyLineIsAGap() throws {
        let dir = try TempDir()
        let raw = dir.path("binance-futures_2024-03-01.raw")
        try """
            2024-03-01T00:00:00.1234567Z {"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1709251200100,"a":1,"s":"BTCUSDT","p":"61000.5","q":"0.003","f":1,"l":1,"T":1709251200099,"m":true}}

            2024-03-01T00:00:05.0000000Z {"stream":"!forceOrder@arr","data":{"e":"forceOrder","E":1709251205000,"o":{"s":"BTCUSDT","S":"BUY","o":"LIMIT","f":"IOC","q":"0.5","p":"61100","ap":"61050.0","X":"FILLED","l":"0.5","z":"0.5","T":1709251204999}}}

            """.write(toFile: raw, atomically: true, encoding: .utf8)
        let report = try TardisImport.run([raw], out: dir.path("out"), exchange: .binanceUSDM)
        #expect(report.days.map(\.records) == [3])
        let (events, summary) = try ArchiveFiles.events([report.days[0].path])
        #expect(summary.gapMarkers == 1)
        let t0 = UnixNanos(1_709_251_200_123_456_700), t1 = UnixNanos(1_709_251_205_000_000_000)
        #expect(events == [
            .trade(Trade(recv: t0, ts: UnixNanos(millis: 1709251200099), stream: .binanceUSDM, symbol: Self.btc, rawSymbol: Self.btc,
                         side: .sell, price: d("61000.5"), qty: d("0.003"))),
            .liquidation(Liquidation(recv: t1, ts: UnixNanos(millis: 1709251204999), stream: .binanceUSDM, symbol: Self.btc, rawSymbol: Self.btc,
                                     side: .short, price: d("61050.0"), qty: d("0.5"), usdCents: 3_052_500)),
        ])
        let header = try CaptureReader(path: report.days[0].path).header
        #expect(header.notes.contains("receive times are Tardis's local timestamps (its collector's receive times)"))
        #expect(header.notes.contains { $0.hasPrefix("input binance-futures_2024-03-01.raw sha256 ") })
    }

    @Test func ndjsonMessagesAreKeptVerbatim() throws {
        let dir = try TempDir()
        let path = dir.path("bybit.ndjson")
        try """
            {"localTimestamp":"2025-03-01T10:00:00.5000000Z","message":{"topic":"allLiquidation.BTCUSDT","type":"snapshot","ts":1740823200400,"data":[{"T":1740823200300,"s":"BTCUSDT","S":"Buy","v":"0.120","p":"84000.10"}]}}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try TardisImport.run([path], out: dir.path("out"), exchange: .bybitLinear)
        let events = try ArchiveFiles.events([report.days[0].path]).events
        // Bybit's S is the position side: Buy = a long was liquidated.
        #expect(events == [.liquidation(Liquidation(recv: UnixNanos(1_740_823_200_500_000_000), ts: UnixNanos(millis: 1740823200300), stream: .bybitLinear,
                                                    symbol: Self.btc, rawSymbol: Self.btc, side: .long, price: d("84000.10"), qty: d("0.120"), usdCents: 1_008_001))])
    }

    @Test func csvDatasetsMapEveryColumn() throws {
        let dir = try TempDir()
        try """
            exchange,symbol,timestamp,local_timestamp,id,side,price,amount
            binance-futures,BTCUSDT,1709251210000000,1709251210005000,,buy,61200.1,0.010

            """.write(toFile: dir.path("binance-futures_liquidations_2024-03-01_BTCUSDT.csv"), atomically: true, encoding: .utf8)
        try """
            exchange,symbol,timestamp,local_timestamp,id,side,price,amount
            okex-swap,BTC-USDT-SWAP,1709251220000000,1709251220001000,123,sell,61300.5,5

            """.write(toFile: dir.path("okex-swap_trades_2024-03-01_BTC-USDT-SWAP.csv"), atomically: true, encoding: .utf8)
        try """
            exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price
            binance-futures,BTCUSDT,1709251230000000,1709251230002000,1709280000000000,0.00010000,,80000.5,61300,61290,61295.25

            """.write(toFile: dir.path("binance-futures_derivative_ticker_2024-03-01_BTCUSDT.csv"), atomically: true, encoding: .utf8)
        let report = try TardisImport.run([dir.path(".")], out: dir.path("out"), exchange: nil)
        #expect(report.findings.isEmpty, "\(report.findings)")
        let events = try ArchiveFiles.events([report.days[0].path]).events
        let okx = sym("BTC-USDT-SWAP"), t2 = UnixNanos(1_709_251_230_002_000_000)
        #expect(events == [
            // side=buy in liquidations: a short was liquidated.
            .liquidation(Liquidation(recv: UnixNanos(1_709_251_210_005_000_000), ts: UnixNanos(millis: 1709251210000), stream: .binanceUSDM,
                                     symbol: Self.btc, rawSymbol: Self.btc, side: .short, price: d("61200.1"), qty: d("0.010"), usdCents: 61200)),
            // OKX amounts are contracts: 5 × 0.01 BTC.
            .trade(Trade(recv: UnixNanos(1_709_251_220_001_000_000), ts: UnixNanos(millis: 1709251220000), stream: .okxSwap, symbol: Self.btc, rawSymbol: okx,
                         side: .sell, price: d("61300.5"), qty: d("0.05"))),
            .mark(MarkFunding(recv: t2, ts: UnixNanos(millis: 1709251230000), stream: .binanceUSDM, symbol: Self.btc, rawSymbol: Self.btc,
                              mark: d("61295.25"), fundingRate: d("0.00010000"), nextFunding: UnixNanos(millis: 1709280000000))),
            .openInterest(OpenInterest(recv: t2, ts: UnixNanos(millis: 1709251230000), stream: .binanceUSDM, symbol: Self.btc, rawSymbol: Self.btc,
                                       oi: d("80000.5"), oiUSDCents: 490_365_064_763)),
        ])
    }

    @Test func rawFeedWithoutExchangeIsAClearError() throws {
        let dir = try TempDir()
        let path = dir.path("feed.raw")
        try "2024-03-01T00:00:00.1234567Z {\"e\":\"aggTrade\"}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try TardisImport.run([path], out: dir.path("out"), exchange: nil) } throws: { e in (e as? ImportError)?.code == .badOption }
    }
}
