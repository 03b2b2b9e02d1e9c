import LiqsimCore
import LiqsimExchanges

/// Periodic feeds: mark price and funding, open interest, REST polls.
extension SynthGenerator {
    static let eightHours: Int64 = 8 * 3_600_000_000_000

    /// At the start: the instruments responses a recorder fetches at every start — Binance
    /// exchangeInfo, Bybit instruments-info per symbol, OKX SWAP instruments (contract
    /// values) — so a capture is a complete `serve` target for clients that load markets
    /// first. Received after the exchange's base latency (no random draw: the market's
    /// frames stay the same bytes).
    func emitStartup() {
        let start = UnixNanos(now)
        for (e, exchange) in spec.exchanges.enumerated() where exchange.stream != .okxSwap {
            let recv = now + exchange.latency
            if exchange.stream == .binanceUSDM {
                let rows = markets.map { m in (symbol: m.rawSymbols[e], base: m.spec.base, tick: m.tick, step: m.lots[e]) }
                emitter.rest(on: .binanceUSDM, url: BinanceEncoder.exchangeInfoURL, recv: recv, events: []) { encoders, out in
                    encoders.binance.exchangeInfoBody(rows, serverTime: start, into: out)
                }
            } else if exchange.stream == .bybitLinear {
                for m in markets {
                    emitter.rest(on: .bybitLinear, url: BybitEncoder.instrumentsInfoURL(m.rawSymbols[e]), recv: recv, events: []) { encoders, out in
                        encoders.bybit.instrumentsInfoBody(symbol: m.rawSymbols[e], base: m.spec.base, tick: m.tick, step: m.lots[e], serverTime: start, into: out)
                    }
                }
            }
        }
        guard let okx = spec.exchanges.firstIndex(where: { $0.stream == .okxSwap }) else { return }
        let instruments = markets.map { m in
            Instrument(recv: .zero, stream: .okxSwap, symbol: m.symbol, rawSymbol: m.rawSymbols[okx], contractKind: .linear, contractValue: m.lots[okx])
        }
        emitter.rest(on: .okxSwap, url: OKXEncoder.instrumentsURL, recv: receiveTime(now, exchange: okx),
                     events: instruments.map { .instrument($0) }) { encoders, out in
            encoders.okx.instrumentsBody(instruments, into: out)
        }
    }

    /// True once per `cadence`, on the step where the offset from the start crosses a multiple.
    func isDue(_ cadence: Int64) -> Bool { (now - spec.start.rawValue) % cadence < spec.step }

    func emitFeeds() {
        let marks = isDue(spec.cadence.mark), oi = isDue(spec.cadence.openInterest)
        let funding = isDue(spec.cadence.funding), rest = isDue(spec.cadence.rest)
        guard marks || oi || funding || rest else { return }
        for i in markets.indices {
            for (e, exchange) in spec.exchanges.enumerated() {
                let m = markets[i]
                let ts = now - now % 1_000_000
                let mark = m.price(on: exchange)
                let rate = fundingRate(m, exchange: e)
                let next = UnixNanos((now / Self.eightHours + 1) * Self.eightHours)
                let recv = receiveTime(ts, exchange: e)
                let oiQty = m.quantity(m.book.openInterestLots(e), exchange: e)
                let openInterest = OpenInterest(recv: .zero, ts: UnixNanos(ts), stream: exchange.stream, symbol: m.symbol, rawSymbol: m.rawSymbols[e],
                                                oi: oiQty, oiUSDCents: FixedDecimal.productCents(oiQty, mark))
                // Each simulated venue's own cadence (the spec reader admits no other venue).
                if exchange.stream == .binanceUSDM {
                    if marks { emitMark(m, e, ts, recv, mark: mark, rate: rate, next: next) }
                    if rest { pollBinance(m, e, ts, recv, openInterest) }
                } else if exchange.stream == .bybitLinear {
                    if marks { emitMark(m, e, ts, recv, mark: mark, rate: rate, next: next) }
                    if oi { emitter.frame(.openInterest(openInterest), on: .bybitLinear, recv: recv + 1) }
                    if rest { pollBybit(m, e, ts, recv) }
                } else if exchange.stream == .okxSwap {
                    if marks { emitMark(m, e, ts, recv, mark: mark, rate: nil, next: nil) }
                    if funding { emitMark(m, e, ts, recv + 1, mark: nil, rate: rate, next: next) }
                    if oi { emitter.frame(.openInterest(openInterest), on: .okxSwap, recv: recv + 2) }
                    if rest { pollOKX(m, e, ts, recv) }
                }
            }
        }
    }

    private func emitMark(_ m: SymbolMarket, _ e: Int, _ ts: Int64, _ recv: Int64, mark: FixedDecimal?, rate: FixedDecimal?, next: UnixNanos?) {
        let exchange = spec.exchanges[e]
        let event = MarkFunding(recv: .zero, ts: UnixNanos(ts), stream: exchange.stream, symbol: m.symbol, rawSymbol: m.rawSymbols[e],
                                mark: mark, fundingRate: rate, nextFunding: next)
        emitter.frame(.mark(event), on: exchange.stream, recv: recv)
    }

    /// Funding follows positioning: 0.01% per 8 h plus up to ±0.08% with the long/short
    /// imbalance of the exchange's open lots, 8 decimals, capped at ±0.75%.
    func fundingRate(_ m: SymbolMarket, exchange e: Int) -> FixedDecimal {
        let long = Double(m.book.longLots[e]), short = Double(m.book.shortLots[e])
        let imbalance = long + short > 0 ? (long - short) / (long + short) : 0
        let rate = max(-0.0075, min(0.0075, 0.0001 + 0.0008 * imbalance))
        return FixedDecimal(mantissa: Int64((rate * 1e8).rounded()), scale: 8)
    }

    /// Share of long accounts on an exchange, 4 decimals (accounts = positions here).
    func longShare(_ m: SymbolMarket, exchange e: Int) -> Int64 {
        let long = m.book.longCount[e], short = m.book.shortCount[e]
        guard long + short > 0 else { return 5_000 }
        return min(9_999, max(1, Int64((Double(long) / Double(long + short) * 10_000).rounded())))
    }

    private func pollBinance(_ m: SymbolMarket, _ e: Int, _ ts: Int64, _ recv: Int64, _ oi: OpenInterest) {
        // The decoder values polled OI with the last mark it saw; the emitter fills that in write order.
        var polled = oi
        polled.oiUSDCents = nil
        emitter.rest(on: .binanceUSDM, url: BinanceEncoder.openInterestURL(m.symbol), recv: recv + 3, events: [.openInterest(polled)],
                     binanceOpenInterest: true) { encoders, out in encoders.binance.openInterestBody(polled, into: out) }
        let share = longShare(m, exchange: e)
        let long = FixedDecimal(mantissa: share, scale: 4), short = FixedDecimal(mantissa: 10_000 - share, scale: 4)
        guard let ratio = long.divided(by: short, resultScale: 4) else { return }
        let event = LongShortRatio(recv: .zero, ts: UnixNanos(ts), stream: .binanceUSDM, symbol: m.symbol,
                                   longPct: FixedDecimal(mantissa: share, scale: 2), ratio: ratio)
        emitter.rest(on: .binanceUSDM, url: BinanceEncoder.longShortURL(m.symbol), recv: recv + 4, events: [.longShortRatio(event)]) { encoders, out in
            encoders.binance.longShortBody(event, longAccount: long, shortAccount: short, into: out)
        }
    }

    private func pollBybit(_ m: SymbolMarket, _ e: Int, _ ts: Int64, _ recv: Int64) {
        let share = longShare(m, exchange: e)
        let buy = FixedDecimal(mantissa: share, scale: 4), sell = FixedDecimal(mantissa: 10_000 - share, scale: 4)
        guard let ratio = buy.divided(by: sell, resultScale: 4) else { return }
        let event = LongShortRatio(recv: .zero, ts: UnixNanos(ts), stream: .bybitLinear, symbol: m.symbol,
                                   longPct: FixedDecimal(mantissa: share, scale: 2), ratio: ratio)
        emitter.rest(on: .bybitLinear, url: BybitEncoder.accountRatioURL(m.symbol), recv: recv + 3, events: [.longShortRatio(event)]) { encoders, out in
            encoders.bybit.accountRatioBody(event, buyRatio: buy, sellRatio: sell, into: out)
        }
    }

    private func pollOKX(_ m: SymbolMarket, _ e: Int, _ ts: Int64, _ recv: Int64) {
        let long = m.book.longCount[e], short = max(1, m.book.shortCount[e])
        let ratio = FixedDecimal(mantissa: max(1, Int64((Double(long) / Double(short) * 10_000).rounded())), scale: 4)
        // The decoder derives long_pct = ratio ÷ (1 + ratio), 4 decimals, as a percentage.
        guard let share = ratio.divided(by: FixedDecimal(mantissa: ratio.mantissa + 10_000, scale: 4), resultScale: 4) else { return }
        let event = LongShortRatio(recv: .zero, ts: UnixNanos(ts), stream: .okxSwap, symbol: m.symbol,
                                   longPct: FixedDecimal(mantissa: share.mantissa, scale: 2), ratio: ratio)
        emitter.rest(on: .okxSwap, url: OKXEncoder.longShortURL(m.rawSymbols[e]), recv: recv + 3, events: [.longShortRatio(event)]) { encoders, out in
            encoders.okx.longShortBody(event, into: out)
        }
    }
}
