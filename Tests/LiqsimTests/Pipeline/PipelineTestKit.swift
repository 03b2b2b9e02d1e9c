import Foundation
import Testing
import LiqsimCore
import LiqsimSession
import LiqsimPipeline

/// Hand-made events for the pipeline tests. Times are receive times in ns from `t0`
/// (2026-01-01T00:00:00Z, a multiple of every window length from 1 s to 1 d).
enum PK {
    static let second: Int64 = 1_000_000_000
    static let minute: Int64 = 60 * second
    static let t0: Int64 = 1_767_225_600_000_000_000
    static let btc = Symbol("BTCUSDT")!
    static let eth = Symbol("ETHUSDT")!

    /// t0 + m minutes + s seconds + ms milliseconds.
    static func at(_ m: Int64, _ s: Int64 = 0, ms: Int64 = 0) -> Int64 { t0 + m * minute + s * second + ms * 1_000_000 }
    static func d(_ text: String) -> FixedDecimal { FixedDecimal(text)! }
    static func cents(_ price: String, _ qty: String) -> Int64 { FixedDecimal.productCents(d(price), d(qty))! }

    static func trade(_ t: Int64, _ stream: StreamID, _ side: TakerSide, _ price: String, _ qty: String, symbol: Symbol = btc) -> MarketEvent {
        .trade(Trade(recv: UnixNanos(t), ts: UnixNanos(t - 1_000_000), stream: stream, symbol: symbol, rawSymbol: symbol,
                     side: side, price: d(price), qty: d(qty)))
    }

    /// A liquidation whose `usdCents` is price × qty rounded to cents; exchange time 1 ms before receive.
    static func liquidation(_ t: Int64, _ stream: StreamID, _ side: LiquidatedSide, _ price: String, _ qty: String, symbol: Symbol = btc) -> Liquidation {
        Liquidation(recv: UnixNanos(t), ts: UnixNanos(t - 1_000_000), stream: stream, symbol: symbol, rawSymbol: symbol,
                    side: side, price: d(price), qty: d(qty), usdCents: cents(price, qty))
    }

    static func liq(_ t: Int64, _ stream: StreamID, _ side: LiquidatedSide, _ price: String, _ qty: String, symbol: Symbol = btc) -> MarketEvent {
        .liquidation(liquidation(t, stream, side, price, qty, symbol: symbol))
    }

    static func funding(_ t: Int64, _ stream: StreamID, _ rate: String, symbol: Symbol = btc) -> MarketEvent {
        .mark(MarkFunding(recv: UnixNanos(t), ts: UnixNanos(t), stream: stream, symbol: symbol, rawSymbol: symbol,
                          mark: nil, fundingRate: d(rate), nextFunding: nil))
    }

    static func openInterest(_ t: Int64, _ stream: StreamID, oi: String, usdCents: Int64?, symbol: Symbol = btc) -> MarketEvent {
        .openInterest(OpenInterest(recv: UnixNanos(t), ts: UnixNanos(t), stream: stream, symbol: symbol, rawSymbol: symbol,
                                   oi: d(oi), oiUSDCents: usdCents))
    }

    static func longShort(_ t: Int64, _ stream: StreamID, _ longPct: String, symbol: Symbol = btc) -> MarketEvent {
        .longShortRatio(LongShortRatio(recv: UnixNanos(t), ts: UnixNanos(t), stream: stream, symbol: symbol,
                                       longPct: d(longPct), ratio: d("1")))
    }

    /// A mark event with neither mark nor funding: it only moves the pipeline's clock.
    static func tick(_ t: Int64) -> MarketEvent {
        .mark(MarkFunding(recv: UnixNanos(t), ts: UnixNanos(t), stream: .okxSwap, symbol: btc, rawSymbol: btc,
                          mark: nil, fundingRate: nil, nextFunding: nil))
    }

    static func config(_ edit: (inout PipelineConfig) -> Void = { _ in }) -> PipelineConfig {
        var c = PipelineConfig()
        edit(&c)
        return c
    }

    /// Feeds the events in order; returns the pipeline and every signal.
    static func run(_ events: [MarketEvent], config: PipelineConfig = PipelineConfig()) -> (Pipeline, [PipelineSignal]) {
        let p = Pipeline(config: config)
        var signals: [PipelineSignal] = []
        for e in events { p.process(e, into: &signals) }
        return (p, signals)
    }

    static func feed(_ p: Pipeline, _ e: MarketEvent) -> [PipelineSignal] {
        var signals: [PipelineSignal] = []
        p.process(e, into: &signals)
        return signals
    }

    static func json(_ s: PipelineSignal) -> String {
        let out = OutputBuffer()
        out.appendJSONLine(s)
        return out.string
    }

    static func log(_ s: PipelineSignal) -> String {
        let out = OutputBuffer()
        out.appendLogLine(s)
        return out.string
    }

    static func ohlc(_ b: Bar) -> [String?] { [b.open, b.high, b.low, b.close].map { $0?.description } }

    static func close(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool { abs(a - b) <= tol }
}

extension PipelineSignal {
    var bar: Bar? { if case .bar(let v) = self { return v }; return nil }
    var sentiment: SentimentSnapshot? { if case .sentiment(let v) = self { return v }; return nil }
    var risk: CascadeRisk? { if case .cascadeRisk(let v) = self { return v }; return nil }
    var cascade: CascadeEvent? { if case .cascade(let v) = self { return v }; return nil }
    var spike: LiquidationSpike? { if case .spike(let v) = self { return v }; return nil }
}
