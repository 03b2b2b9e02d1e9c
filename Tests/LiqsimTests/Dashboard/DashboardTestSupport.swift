import LiqsimCore
import LiqsimPipeline
import LiqsimReplay
import LiqsimSession

/// A small hand-built market: two exchanges, two symbols, one closed 5-minute window.
///
/// By hand (all USD): BTCUSDT trades 1 × 80,000 (buy) before the window closes; binance
/// funding 0.0001 with OI $80M; liquidations binance BTC LONG 2 × 80,000 = 160,000,
/// bybit BTC SHORT 0.5 × 80,000 = 40,000, bybit ETH LONG 10 × 2,000 = 20,000.
/// The trade at 00:05:01 closes the 5-minute sentiment window; the dashboard's cascade risk
/// is the trailing 5 minutes before the redraw (00:05:01), which hold every event:
/// - BTC risk: volume min(200k ÷ 80k ÷ 0.02, 1) × 0.4 = 0.4, size 200k ÷ 5M = 0.04 → 0.012,
///   imbalance 120k ÷ 200k × 0.04 × 0.3 = 0.0072 → 0.4192 MODERATE.
/// - ETH risk: no trades → 0.4, size 20k ÷ 2.5M = 0.008 → 0.0024, imbalance 1 × 0.008 × 0.3
///   = 0.0024 → 0.4048 MODERATE.
/// - BTC sentiment: funding 0 (binance's 0.0001 is its baseline), OI 0 (no previous),
///   long/short 0, momentum 0 (flat closes), taker flow +1, liquidations (40k − 160k) ÷ 200k
///   = −0.6 → (0 + 1 − 0.6) ÷ 6 = +0.067 NEUTRAL. ETH has no price: no sentiment.
/// Snapshot: 3 events, $220,000; LONG 180k = 81.8 %, SHORT 40k = 18.2 %; binance 160k = 72.7 %,
/// bybit 60k = 27.3 %; largest the binance 160k (the only one ≥ $100k).
enum DashboardMarket {
    static let t0 = UTCDateTime.daysFromCivil(year: 2026, month: 3, day: 1) * 86_400 * 1_000_000_000
    static let second: Int64 = 1_000_000_000
    static let btc = Symbol("BTCUSDT")!, eth = Symbol("ETHUSDT")!

    static func config() -> PipelineConfig {
        var c = PipelineConfig()
        c.sentimentInterval = 5 * PipelineConfig.minute
        return c
    }

    static func d(_ s: String) -> FixedDecimal { FixedDecimal(s)! }

    static func trade(_ at: Int64, _ stream: StreamID, _ symbol: Symbol, _ side: TakerSide, _ price: String, _ qty: String) -> MarketEvent {
        .trade(Trade(recv: UnixNanos(t0 + at), ts: UnixNanos(t0 + at), stream: stream, symbol: symbol, rawSymbol: symbol,
                     side: side, price: d(price), qty: d(qty)))
    }

    static func liquidation(_ at: Int64, _ stream: StreamID, _ symbol: Symbol, _ side: LiquidatedSide, _ price: String, _ qty: String) -> MarketEvent {
        let cents = FixedDecimal.productCents(d(qty), d(price))!
        return .liquidation(Liquidation(recv: UnixNanos(t0 + at), ts: UnixNanos(t0 + at), stream: stream, symbol: symbol, rawSymbol: symbol,
                                        side: side, price: d(price), qty: d(qty), usdCents: cents))
    }

    static var events: [MarketEvent] {
        [
            trade(10 * second, .binanceUSDM, btc, .buy, "80000", "1"),
            .mark(MarkFunding(recv: UnixNanos(t0 + 20 * second), ts: UnixNanos(t0 + 20 * second), stream: .binanceUSDM, symbol: btc,
                              rawSymbol: btc, mark: d("80000"), fundingRate: d("0.0001"), nextFunding: nil)),
            .openInterest(OpenInterest(recv: UnixNanos(t0 + 20 * second), ts: UnixNanos(t0 + 20 * second), stream: .binanceUSDM,
                                       symbol: btc, rawSymbol: btc, oi: d("1000"), oiUSDCents: 8_000_000_000)),
            liquidation(30 * second, .binanceUSDM, btc, .long, "80000", "2"),
            liquidation(40 * second, .bybitLinear, btc, .short, "80000", "0.5"),
            liquidation(50 * second, .bybitLinear, eth, .long, "2000", "10"),
            trade(301 * second, .bybitLinear, btc, .sell, "80500", "0.1"),
        ]
    }

    static func pipeline(_ events: [MarketEvent] = events) -> Pipeline {
        let p = Pipeline(config: config())
        var signals: [PipelineSignal] = []
        for e in events { p.process(e, into: &signals) }
        return p
    }

    static func frame(at: Int64 = 301 * second) -> DashboardFrame {
        DashboardFrame(clock: UnixNanos(t0 + at), speed: "50x", records: 1_234, events: 7, title: "captures/demo.lqc.zst")
    }
}
