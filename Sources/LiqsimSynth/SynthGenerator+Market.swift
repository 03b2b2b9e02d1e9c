import Foundation
import LiqsimCore

extension SynthGenerator {
    /// Positions already open at the start, entered around the start price over the
    /// previous hours, so liquidation clusters sit above and below the market from minute one.
    /// Positions whose liquidation price the start price has already crossed are left out:
    /// they would have been liquidated before the start.
    func seedPositions(_ m: inout SymbolMarket) {
        let count = Int(Double(spec.traders.initialPositions) * m.spec.activity)
        let start = m.logPrice, startPrice = m.mid
        for _ in 0..<count {
            m.logPrice = start + 0.02 * m.rng.normal()
            openPosition(&m, at: spec.start.rawValue, emit: false, unless: { p in p.long ? p.liquidationPrice >= startPrice : p.liquidationPrice <= startPrice })
        }
        m.logPrice = start
    }

    /// One simulation step of one symbol: regime diffusion, shocks, new and closed
    /// positions, background trades, then liquidations until none is left to trigger.
    func advance(_ m: inout SymbolMarket) {
        let dt = Double(spec.step)
        var drift = 0.0, volatility = m.spec.volatility
        for (r, regime) in spec.regimes.enumerated() where regime.applies(to: m.spec.symbol, at: now - spec.start.rawValue) {
            switch regime.kind {
            case .trendUp: drift += regime.strength * dt / 3_600e9
            case .trendDown: drift -= regime.strength * dt / 3_600e9
            case .range:
                let anchor = m.anchors[r] ?? m.logPrice
                m.anchors[r] = anchor
                drift += regime.strength * (anchor - m.logPrice) * dt / 3_600e9
            case .volatilityBurst: break
            }
            volatility *= regime.volatility
        }
        m.logPrice += drift + volatility * (dt / SynthGenerator.year).squareRoot() * m.rng.normal()

        for shock in spec.shocks where shock.symbol == m.spec.symbol {
            let offset = now - spec.start.rawValue
            guard offset >= shock.at && offset < shock.at + shock.duration else { continue }
            let notional = shock.sizeUSD * dt / Double(shock.duration)
            marketOrder(&m, notional: notional, buy: shock.direction == .up)
        }

        let opens = m.rng.poisson(spec.traders.openRate * m.spec.activity * dt / 1e9)
        for _ in 0..<opens { openPosition(&m, at: now, emit: true) }
        while let p = m.book.popDueClose(by: now) {
            m.closed[p.exchange] += p.lots
            trade(&m, exchange: p.exchange, buy: !p.long, lots: p.lots)
        }
        let trades = m.rng.poisson(spec.traders.tradeRate * m.spec.activity * dt / 1e9)
        for _ in 0..<trades {
            let notional = m.rng.logNormal(median: spec.traders.medianTrade, sigma: 1.0)
            marketOrder(&m, notional: notional, buy: m.rng.uniform() < 0.5 + 0.3 * trendBias(m))
        }
        liquidate(&m)
    }

    /// −1…1: how strongly the active regimes push takers to one side.
    func trendBias(_ m: SymbolMarket) -> Double {
        var bias = 0.0
        for regime in spec.regimes where regime.applies(to: m.spec.symbol, at: now - spec.start.rawValue) {
            if regime.kind == .trendUp { bias += 0.5 } else if regime.kind == .trendDown { bias -= 0.5 }
        }
        return max(-1, min(1, bias))
    }

    /// A market order split across exchanges by share; moves the price by its impact.
    func marketOrder(_ m: inout SymbolMarket, notional: Double, buy: Bool) {
        let e = m.rng.weighted(spec.exchanges.map(\.share))
        trade(&m, exchange: e, buy: buy, lots: m.lots(forNotional: notional, exchange: e))
    }

    /// Opens a leveraged position: a taker trade now, a liquidation price, a close time.
    func openPosition(_ m: inout SymbolMarket, at time: Int64, emit: Bool, unless skip: ((Position) -> Bool)? = nil) {
        let trend = trendBias(m)
        let long = m.rng.uniform() < 0.5 + 0.25 * trend
        let leverage = spec.leverage.tiers[m.rng.weighted(spec.leverage.weights)]
        let e = m.rng.weighted(spec.exchanges.map(\.share))
        let notional = min(m.rng.logNormal(median: spec.traders.medianNotional, sigma: spec.traders.sizeSigma), 50_000_000)
        let lots = m.lots(forNotional: notional, exchange: e)
        let entry = m.mid
        let mmr = spec.leverage.maintenanceMargin
        let liquidation = long ? entry * (1 - 1 / leverage + mmr) : entry * (1 + 1 / leverage - mmr)
        let hold = Int64(m.rng.exponential(mean: Double(spec.traders.holdingMean)))
        let position = Position(long: long, exchange: e, lots: lots, leverage: leverage, liquidationPrice: liquidation, closeAt: time + max(hold, spec.step))
        if let skip, skip(position) { return }
        m.book.open(position)
        guard emit else { return }
        m.opened[e] += lots
        trade(&m, exchange: e, buy: long, lots: lots)
    }

    /// Force-closes every position the price has crossed. Each forced order moves the price
    /// further (impact), which can reach the next cluster: a cascade.
    func liquidate(_ m: inout SymbolMarket) {
        var guardCount = 0
        while guardCount < 100_000 {
            guardCount += 1
            let price = m.mid
            if let p = m.book.popLiquidatedLong(at: price) {
                forceClose(&m, p)
            } else if let p = m.book.popLiquidatedShort(at: price) {
                forceClose(&m, p)
            } else {
                return
            }
        }
    }

    private func forceClose(_ m: inout SymbolMarket, _ p: Position) {
        m.liquidated[p.exchange] += p.lots
        let exchange = spec.exchanges[p.exchange]
        let ts = eventTime(&m.rng)
        let price = m.price(on: exchange)
        let qty = m.quantity(p.lots, exchange: p.exchange)
        let usd = FixedDecimal.productCents(qty, price) ?? 0
        let event = Liquidation(recv: .zero, ts: UnixNanos(ts), stream: exchange.stream, symbol: m.symbol, rawSymbol: m.rawSymbols[p.exchange],
                                side: p.long ? .long : .short, price: price, qty: qty, usdCents: usd)
        truth.record(event, leverage: p.leverage, spec: spec)
        emitter.frame(.liquidation(event), on: exchange.stream, recv: receiveTime(ts, exchange: p.exchange))
        // The forced market order prints as a trade and moves the price.
        trade(&m, exchange: p.exchange, buy: !p.long, lots: p.lots, at: ts)
    }

    /// A taker trade on one exchange, with its price impact.
    func trade(_ m: inout SymbolMarket, exchange e: Int, buy: Bool, lots: Int64, at time: Int64? = nil) {
        let exchange = spec.exchanges[e]
        let ts = time ?? eventTime(&m.rng)
        let price = m.price(on: exchange)
        let qty = m.quantity(lots, exchange: e)
        let event = Trade(recv: .zero, ts: UnixNanos(ts), stream: exchange.stream, symbol: m.symbol, rawSymbol: m.rawSymbols[e],
                          side: buy ? .buy : .sell, price: price, qty: qty)
        emitter.frame(.trade(event), on: exchange.stream, recv: receiveTime(ts, exchange: e))
        m.impact(notionalUSD: qty.doubleValue * price.doubleValue, buy: buy, bpsPerMillion: spec.impactBpsPerMillion)
    }
}

extension RegimeSpec {
    func applies(to symbol: String, at offset: Int64) -> Bool {
        offset >= at && offset < at + duration && (symbols.isEmpty || symbols.contains(symbol))
    }
}
