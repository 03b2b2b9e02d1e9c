import Foundation
import LiqsimCore
import LiqsimExchanges
import LiqsimImport
import Testing

/// Tardis.dev's REST-polled series (`"generated":true` frames) and OKX's open interest.
@Suite struct TardisGeneratedTests {
    static let btc = sym("BTCUSDT")

    @Test func polledBinanceBodiesBecomeTheRESTRecordsTheAdapterDecodesAndOthersAreCounted() throws {
        let dir = try TempDir()
        let raw = dir.path("binance-futures_2020-05-14.raw")
        try """
            2020-05-14T06:25:30.5000000Z {"stream":"btcusdt@openInterest","generated":true,"data":{"symbol":"BTCUSDT","openInterest":"10659.509","time":1589437530011}}
            2020-05-14T06:25:31.0000000Z {"stream":"btcusdt@topLongShortPositionRatio","generated":true,"data":{"symbol":"BTCUSDT","longShortRatio":"1.4342","longAccount":"0.5892","shortAccount":"0.4108","timestamp":1589437500000}}
            2020-05-14T06:25:32.0000000Z {"stream":"btcusdt@globalLongShortAccountRatio","generated":true,"data":{"symbol":"BTCUSDT","longShortRatio":"1.9559","longAccount":"0.6617","shortAccount":"0.3383","timestamp":1589437500000}}
            2020-05-14T06:30:31.0000000Z {"stream":"btcusdt@topLongShortPositionRatio","generated":true,"data":{"symbol":"BTCUSDT","longShortRatio":"1.4350","longAccount":"0.5893","shortAccount":"0.4107","timestamp":1589437800000}}

            """.write(toFile: raw, atomically: true, encoding: .utf8)
        let report = try TardisImport.run([raw], out: dir.path("out"), exchange: .binanceUSDM)
        #expect(report.days.map(\.records) == [2])
        let (events, summary) = try ArchiveFiles.events([report.days[0].path])
        #expect(events == [
            .openInterest(OpenInterest(recv: UnixNanos(1_589_437_530_500_000_000), ts: UnixNanos(millis: 1589437530011), stream: .binanceUSDM,
                                       symbol: Self.btc, rawSymbol: Self.btc, oi: d("10659.509"), oiUSDCents: nil)),
            .longShortRatio(LongShortRatio(recv: UnixNanos(1_589_437_532_000_000_000), ts: UnixNanos(millis: 1589437500000), stream: .binanceUSDM,
                                           symbol: Self.btc, longPct: d("66.17"), ratio: d("1.9559"))),
        ])
        #expect(summary.records == 2)
        // The series liqsim has no event for: one finding per channel, at its first line, with the count and why.
        #expect(report.findings.map(report.describe) == [
            "\(raw):2: generated: 2 REST-polled frames of topLongShortPositionRatio not imported: a REST-polled series with no live counterpart in liqsim "
                + "(binance-usdm decodes openInterest and globalLongShortAccountRatio)",
        ])
    }

    @Test func anUnknownVenuesPolledFramesAreReportedNotCountedAsUnknown() {
        let frame = #"{"topic":"liquidation.BTCUSDT","generated":true,"data":[]}"#
        #expect(Bybit.tardisGenerated(frame) == .unsupported(channel: "liquidation.BTCUSDT", reason: "a REST-polled series liqsim has no decoder for on bybit-linear"))
        #expect(Binance.tardisGenerated(#"{"stream":"btcusdt@aggTrade","data":{}}"#) == .notGenerated)
    }

    @Test func polledOKXLiquidationsBecomeLiveLiquidationOrdersFramesWithExactEvents() throws {
        let dir = try TempDir()
        let raw = dir.path("okex-swap_2024-03-01.raw")
        let first = #"{"arg":{"channel":"liquidations","instId":"BTC-USDT-SWAP","generated":true},"data":[{"bkLoss":"0","bkPx":"61250.5","ccy":"","posSide":"short","side":"buy","sz":"40","ts":"1709251200500"},"#
            + #"{"bkLoss":"0","bkPx":"61200","ccy":"","posSide":"long","side":"sell","sz":"3","ts":"1709251200700"}]}"#
        // The next poll repeats the second liquidation (the REST answer's window overlaps the last one).
        let again = #"{"arg":{"channel":"liquidations","instId":"BTC-USDT-SWAP","generated":true},"data":[{"bkLoss":"0","bkPx":"61200","ccy":"","posSide":"long","side":"sell","sz":"3","ts":"1709251200700"}]}"#
        try """
            2024-03-01T00:00:01.0000000Z \(first)
            2024-03-01T00:00:03.0000000Z \(again)
            2024-03-01T00:00:04.0000000Z {"arg":{"channel":"taker-volume","instId":"BTC-USDT-SWAP","generated":true},"data":[]}

            """.write(toFile: raw, atomically: true, encoding: .utf8)
        #expect(OKX.tardisGenerated(again) == .frame(#"{"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[{"bkLoss":"0","bkPx":"61200","ccy":"","#
                                                      + #""posSide":"long","side":"sell","sz":"3","ts":"1709251200700"}],"instId":"BTC-USDT-SWAP","instType":"SWAP"}]}"#))
        let report = try TardisImport.run([raw], out: dir.path("out"), exchange: .okxSwap)
        #expect(report.days.map(\.records) == [2])
        #expect(report.findings.map(report.describe) == [
            "\(raw):3: generated: 1 REST-polled frames of taker-volume not imported: a REST-polled series with no live counterpart in liqsim (okx-swap decodes liquidations)",
        ])
        let events = try ArchiveFiles.events([report.days[0].path]).events
        let inst = sym("BTC-USDT-SWAP")
        // 40 contracts × 0.01 BTC = 0.40 BTC at 61,250.5 = $24,500.20 (a short liquidated); 3 × 0.01 = 0.03 BTC at 61,200 = $1,836.00 (a long). The repeat is a resend.
        #expect(events == [
            .liquidation(Liquidation(recv: UnixNanos(1_709_251_201_000_000_000), ts: UnixNanos(millis: 1709251200500), stream: .okxSwap, symbol: Self.btc,
                                     rawSymbol: inst, side: .short, price: d("61250.5"), qty: d("0.40"), usdCents: 2_450_020)),
            .liquidation(Liquidation(recv: UnixNanos(1_709_251_201_000_000_000), ts: UnixNanos(millis: 1709251200700), stream: .okxSwap, symbol: Self.btc,
                                     rawSymbol: inst, side: .long, price: d("61200"), qty: d("0.03"), usdCents: 183_600)),
        ])
    }

    @Test func okxOpenInterestIsContractsValuedAtTheMark() throws {
        let dir = try TempDir()
        try """
            exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price
            okex-swap,BTC-USDT-SWAP,1709251230000000,1709251230002000,1709280000000000,0.00010000,,2500000,61300,61290,61295.25

            """.write(toFile: dir.path("okex-swap_derivative_ticker_2024-03-01_BTC-USDT-SWAP.csv"), atomically: true, encoding: .utf8)
        let report = try TardisImport.run([dir.path(".")], out: dir.path("out"), exchange: nil)
        #expect(report.findings.isEmpty, "\(report.findings)")
        let events = try ArchiveFiles.events([report.days[0].path]).events
        let oi = events.compactMap { e -> OpenInterest? in if case .openInterest(let o) = e { o } else { nil } }
        // 2,500,000 contracts × 0.01 BTC = 25,000 BTC; × 61,295.25 = $1,532,381,250.00.
        #expect(oi == [OpenInterest(recv: UnixNanos(1_709_251_230_002_000_000), ts: UnixNanos(millis: 1709251230000), stream: .okxSwap,
                                    symbol: Self.btc, rawSymbol: sym("BTC-USDT-SWAP"), oi: d("25000.00"), oiUSDCents: 153_238_125_000)])
        #expect(TardisCSV.stream("okex-swap") == .okxSwap && TardisCSV.stream("binance-futures") == .binanceUSDM && TardisCSV.stream("bybit") == .bybitLinear)
    }
}
