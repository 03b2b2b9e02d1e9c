import Testing
import LiqsimCore
import LiqsimPipeline

@Suite("Pipeline bars")
struct PipelineBarTests {
    /// Minute [00:00, 00:01) on binance and bybit.
    ///   00:10 binance buy  100.5  × 2    = 201.00
    ///   00:20 bybit   sell 101.25 × 1.5  = 151.875  → 151.88 (each notional rounded to cents, half away)
    ///   00:30 binance sell 99.75  × 0.25 =  24.9375 →  24.94
    ///   00:40 bybit   buy  100.0  × 0.1  =  10.00
    ///   00:45 binance liq LONG  100 × 3   = 300.00
    ///   00:50 bybit   liq SHORT 100.5 × 1 = 100.50
    ///   00:55 binance liq SHORT 100 × 0.5 =  50.00
    static let minuteZero: [MarketEvent] = [
        PK.trade(PK.at(0, 10), .binanceUSDM, .buy, "100.5", "2"),
        PK.trade(PK.at(0, 20), .bybitLinear, .sell, "101.25", "1.5"),
        PK.trade(PK.at(0, 30), .binanceUSDM, .sell, "99.75", "0.25"),
        PK.trade(PK.at(0, 40), .bybitLinear, .buy, "100.0", "0.1"),
        PK.liq(PK.at(0, 45), .binanceUSDM, .long, "100", "3"),
        PK.liq(PK.at(0, 50), .bybitLinear, .short, "100.5", "1"),
        PK.liq(PK.at(0, 55), .binanceUSDM, .short, "100", "0.5"),
    ]

    @Test func combinedAndPerExchangeBarsAreExact() {
        let (_, signals) = PK.run(Self.minuteZero + [PK.tick(PK.at(1))])
        let bars = signals.compactMap(\.bar)
        // all, binance, bybit (stream order); no okx bar: okx had no activity.
        #expect(bars.map(\.exchange) == [nil, .binanceUSDM, .bybitLinear])
        #expect(bars.allSatisfy { $0.symbol == PK.btc && $0.interval == PK.minute && $0.openTime == PK.t0 && $0.closeTime == PK.at(1) })

        // all: O 100.5 H 101.25 L 99.75 C 100.0; volume 2+1.5+0.25+0.1 = 3.85;
        // USD 201.00+151.88+24.94+10.00 = 387.82, buy 211.00, sell 176.82; long 300.00, short 150.50.
        let all = bars[0]
        #expect(PK.ohlc(all) == ["100.5", "101.25", "99.75", "100.0"])
        #expect(all.volume.description == "3.85000000")
        #expect(all.volumeCents == 38_782 && all.buyCents == 21_100 && all.sellCents == 17_682)
        #expect(all.longLiquidationCents == 30_000 && all.shortLiquidationCents == 15_050)
        #expect(all.trades == 4 && all.liquidations == 3)

        // binance: O 100.5 H 100.5 L 99.75 C 99.75; volume 2.25; USD 225.94 (buy 201.00, sell 24.94); long 300.00, short 50.00.
        let binance = bars[1]
        #expect(PK.ohlc(binance) == ["100.5", "100.5", "99.75", "99.75"])
        #expect(binance.volume.description == "2.25000000")
        #expect(binance.volumeCents == 22_594 && binance.buyCents == 20_100 && binance.sellCents == 2_494)
        #expect(binance.longLiquidationCents == 30_000 && binance.shortLiquidationCents == 5_000)
        #expect(binance.trades == 2 && binance.liquidations == 2)

        // bybit: O 101.25 H 101.25 L 100.0 C 100.0; volume 1.6; USD 161.88 (buy 10.00, sell 151.88); short 100.50.
        let bybit = bars[2]
        #expect(PK.ohlc(bybit) == ["101.25", "101.25", "100.0", "100.0"])
        #expect(bybit.volume.description == "1.60000000")
        #expect(bybit.volumeCents == 16_188 && bybit.buyCents == 1_000 && bybit.sellCents == 15_188)
        #expect(bybit.longLiquidationCents == 0 && bybit.shortLiquidationCents == 10_050)
        #expect(bybit.trades == 2 && bybit.liquidations == 1)
    }

    @Test func barJSONLineIsExact() {
        let (_, signals) = PK.run(Self.minuteZero + [PK.tick(PK.at(1))])
        let bars = signals.filter { $0.bar != nil }
        #expect(bars.count == 3)
        #expect(PK.json(bars[0]) == #"{"type":"bar","recv_ns":1767225660000000000,"symbol":"BTCUSDT","exchange":"all","interval":"1m","open_ns":1767225600000000000,"close_ns":1767225660000000000,"open":"100.5","high":"101.25","low":"99.75","close":"100.0","volume":"3.85000000","volume_usd":387.82,"buy_usd":211.00,"sell_usd":176.82,"long_liq_usd":300.00,"short_liq_usd":150.50,"trades":4,"liquidations":3}"# + "\n")
        #expect(PK.json(bars[2]) == #"{"type":"bar","recv_ns":1767225660000000000,"symbol":"BTCUSDT","exchange":"bybit-linear","interval":"1m","open_ns":1767225600000000000,"close_ns":1767225660000000000,"open":"101.25","high":"101.25","low":"100.0","close":"100.0","volume":"1.60000000","volume_usd":161.88,"buy_usd":10.00,"sell_usd":151.88,"long_liq_usd":0.00,"short_liq_usd":100.50,"trades":2,"liquidations":1}"# + "\n")
        // Bars are not log-worthy.
        #expect(PK.log(bars[0]).isEmpty)
    }

    /// No look-ahead: the bar of [00:00, 00:01) appears only with the first event received at
    /// or after 00:01, and that event belongs to the next bar.
    @Test func barIsEmittedOnlyWhenAnEventAtOrAfterItsCloseArrives() {
        let p = Pipeline()
        for e in Self.minuteZero { #expect(PK.feed(p, e).isEmpty) }
        // 1 ns before the close: still nothing.
        #expect(PK.feed(p, PK.trade(PK.at(1) - 1, .okxSwap, .buy, "200", "1")).isEmpty)
        // Exactly at the close: the minute's bars (now with okx too), then the cascade risk of
        // the trailing 5 minutes at that bar close, and only them.
        let atClose = PK.feed(p, PK.trade(PK.at(1), .okxSwap, .sell, "300", "1"))
        let bars = atClose.compactMap(\.bar)
        #expect(atClose.count == 5 && bars.count == 4 && atClose.last?.risk?.time == PK.at(1))
        #expect(bars.map(\.exchange) == [nil, .binanceUSDM, .bybitLinear, .okxSwap])
        #expect(PK.ohlc(bars[0]) == ["100.5", "200", "99.75", "200"])   // the 1-ns-early trade is the close
        #expect(bars[0].trades == 5)
        // The trade at 00:01:00 opens the next bar, emitted at 00:02:00.
        let next = PK.feed(p, PK.tick(PK.at(2))).compactMap(\.bar)
        #expect(next.count == 2 && next[0].openTime == PK.at(1) && next[1].exchange == .okxSwap)
        #expect(PK.ohlc(next[0]) == ["300", "300", "300", "300"] && next[0].sellCents == 30_000 && next[0].trades == 1)
    }

    /// Minutes without trades or liquidations give no bar, even when other events arrive in
    /// them; a minute with only liquidations gives a bar without OHLC.
    @Test func inactiveIntervalsAreNotEmittedAndLiquidationOnlyBarsHaveNoPrices() {
        let (_, signals) = PK.run([
            PK.trade(PK.at(0, 5), .binanceUSDM, .buy, "100", "1"),
            PK.funding(PK.at(1, 5), .binanceUSDM, "0.0001"),                     // minute 1: no trade, no liquidation
            PK.openInterest(PK.at(1, 6), .binanceUSDM, oi: "10", usdCents: 100_000),
            PK.longShort(PK.at(1, 7), .binanceUSDM, "55"),
            PK.liq(PK.at(2, 5), .okxSwap, .long, "99", "2"),                    // minute 2: liquidation only ($198.00)
            PK.tick(PK.at(7, 30)),                                               // minutes 3–6 silent
        ])
        let bars = signals.compactMap(\.bar)
        #expect(bars.map(\.openTime) == [PK.at(0), PK.at(0), PK.at(2), PK.at(2)])
        #expect(bars.map(\.exchange) == [nil, .binanceUSDM, nil, .okxSwap])
        guard bars.count == 4 else { return }
        let liqOnly = bars[2]
        #expect(PK.ohlc(liqOnly) == [nil, nil, nil, nil])
        #expect(liqOnly.volume.description == "0.00000000" && liqOnly.volumeCents == 0)
        #expect(liqOnly.longLiquidationCents == 19_800 && liqOnly.trades == 0 && liqOnly.liquidations == 1)
        #expect(PK.json(.bar(liqOnly)).contains(#""open":null,"high":null,"low":null,"close":null,"volume":"0.00000000","volume_usd":0.00"#))
    }

    /// Base volume is exact to 8 decimals (half away from zero past them).
    @Test func baseVolumeKeepsEightDecimals() {
        let (_, signals) = PK.run([
            PK.trade(PK.at(0, 1), .binanceUSDM, .buy, "3", "0.123456785"),   // → 0.12345679
            PK.trade(PK.at(0, 2), .binanceUSDM, .buy, "3", "0.00000001"),
            PK.trade(PK.at(0, 3), .bybitLinear, .buy, "3", "1234.5"),
            PK.tick(PK.at(1)),
        ])
        let bars = signals.compactMap(\.bar)
        #expect(bars[0].volume.description == "1234.62345680")
        #expect(bars[1].volume.description == "0.12345680")
        #expect(bars[2].volume.description == "1234.50000000")
    }

    /// 1m and 5m bars together:
    ///   00:10 100 · 01:10 110 · 04:50 90 · 05:00 95 (opens the next 5m bar)
    /// 1m bars [0,1) O=H=L=C 100 at 01:10; [1,2) 110 at 04:50 (minutes 2–3 silent); [4,5) 90 at 05:00.
    /// 5m bar [0,5): O 100 H 110 L 90 C 90, 3 trades, emitted at 05:00 after the 1m bar.
    @Test func severalIntervalsCloseIndependently() {
        let config = PK.config { $0.barIntervals = [PK.minute, 5 * PK.minute] }
        let p = Pipeline(config: config)
        #expect(PK.feed(p, PK.trade(PK.at(0, 10), .binanceUSDM, .buy, "100", "1")).isEmpty)
        let a = PK.feed(p, PK.trade(PK.at(1, 10), .binanceUSDM, .buy, "110", "1")).compactMap(\.bar)
        #expect(a.map(\.interval) == [PK.minute, PK.minute] && a[0].openTime == PK.at(0))
        let b = PK.feed(p, PK.trade(PK.at(4, 50), .binanceUSDM, .sell, "90", "1")).compactMap(\.bar)
        #expect(b.count == 2 && b[0].openTime == PK.at(1) && PK.ohlc(b[0]) == ["110", "110", "110", "110"])
        let c = PK.feed(p, PK.trade(PK.at(5), .binanceUSDM, .sell, "95", "1")).compactMap(\.bar)
        #expect(c.map(\.interval) == [PK.minute, PK.minute, 5 * PK.minute, 5 * PK.minute])
        #expect(c[0].openTime == PK.at(4) && PK.ohlc(c[0]) == ["90", "90", "90", "90"])
        let five = c[2]
        #expect(five.openTime == PK.at(0) && five.closeTime == PK.at(5) && five.exchange == nil)
        #expect(PK.ohlc(five) == ["100", "110", "90", "90"])
        #expect(five.trades == 3 && five.volume.description == "3.00000000")
        #expect(five.volumeCents == 30_000 && five.buyCents == 21_000 && five.sellCents == 9_000)
        #expect(PK.json(.bar(five)).contains(#""interval":"5m","open_ns":1767225600000000000,"close_ns":1767225900000000000"#))

        #expect(p.barSeries(PK.btc, interval: PK.minute)?.close == [100, 110, 90])
        #expect(p.barSeries(PK.btc, interval: PK.minute)?.openTime == [PK.at(0), PK.at(1), PK.at(4)])
        #expect(p.barSeries(PK.btc, interval: 5 * PK.minute)?.high == [110])
        #expect(p.barSeries(PK.btc, interval: 15 * PK.minute) == nil)      // not configured
        #expect(p.barSeries(PK.eth, interval: PK.minute) == nil)           // unknown symbol
    }

    /// The columns of every (exchange-or-all, interval) equal the bars emitted for it, in order.
    @Test func barSeriesColumnsEqualEmittedBars() {
        let config = PK.config { $0.barIntervals = [PK.minute, 5 * PK.minute] }
        var events: [MarketEvent] = []
        let streams: [StreamID] = [.binanceUSDM, .bybitLinear, .okxSwap]
        for i in 0..<120 {
            let t = PK.at(Int64(i / 8), Int64(i % 8) * 7)
            let price = "\(100 + (i * 37) % 11).\((i * 13) % 100)"
            if i % 5 == 3 {
                events.append(PK.liq(t, streams[i % 3], i % 2 == 0 ? .long : .short, price, "0.\(i % 9 + 1)"))
            } else if i % 13 != 7 {   // a few gaps
                events.append(PK.trade(t, streams[(i * 7) % 3], i % 3 == 0 ? .sell : .buy, price, "\(i % 4).25"))
            }
        }
        events.append(PK.tick(PK.at(30)))
        let (p, signals) = PK.run(events, config: config)
        let bars = signals.compactMap(\.bar)
        #expect(bars.count > 20)
        for interval in config.barIntervals {
            for exchange in [nil] + streams.map(Optional.some) {
                let emitted = bars.filter { $0.interval == interval && $0.exchange == exchange }
                guard let s = p.barSeries(PK.btc, exchange: exchange, interval: interval) else { Issue.record("no series"); continue }
                #expect(!emitted.isEmpty)
                #expect(s.openTime == emitted.map(\.openTime))
                #expect(s.open.map(\.bitPattern) == emitted.map { ($0.open?.doubleValue ?? .nan).bitPattern })
                #expect(s.high.map(\.bitPattern) == emitted.map { ($0.high?.doubleValue ?? .nan).bitPattern })
                #expect(s.low.map(\.bitPattern) == emitted.map { ($0.low?.doubleValue ?? .nan).bitPattern })
                #expect(s.close.map(\.bitPattern) == emitted.map { ($0.close?.doubleValue ?? .nan).bitPattern })
                #expect(s.volume == emitted.map { $0.volume.doubleValue })
                #expect(s.volumeUSD == emitted.map { Double($0.volumeCents) / 100 })
                #expect(s.longLiquidationUSD == emitted.map { Double($0.longLiquidationCents) / 100 })
                #expect(s.shortLiquidationUSD == emitted.map { Double($0.shortLiquidationCents) / 100 })
            }
        }
        // Bars of all exchanges add up to the combined bar.
        for b in bars where b.exchange == nil {
            let parts = bars.filter { $0.exchange != nil && $0.interval == b.interval && $0.openTime == b.openTime }
            #expect(parts.reduce(0) { $0 + $1.volumeCents } == b.volumeCents)
            #expect(parts.reduce(0) { $0 + $1.longLiquidationCents + $1.shortLiquidationCents } == b.longLiquidationCents + b.shortLiquidationCents)
            #expect(parts.reduce(0) { $0 + $1.trades } == b.trades)
        }
    }
}
