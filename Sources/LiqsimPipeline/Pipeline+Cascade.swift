import LiqsimCore

extension Pipeline {
    /// Cross-exchange cascade: emitted when, within the last `cascadeWindow`, a symbol has
    /// ≥ `cascadeMinLiquidations` liquidations totalling ≥ `cascadeMinUSD` on ≥
    /// `cascadeMinExchanges` exchanges. It re-arms once a liquidation arrives while the
    /// condition no longer holds.
    func detectCascade(_ l: Liquidation, symbol s: Int, slot: Int, into signals: inout [PipelineSignal]) {
        let t = l.recv.rawValue
        states[s].cascade.add(.init(recv: t, slot: slot, long: l.side == .long, cents: l.usdCents))
        states[s].cascade.expire(before: t - config.cascadeWindow)
        let long = states[s].cascade.longCents, short = states[s].cascade.shortCents
        let perSlot = states[s].cascade.perSlot
        let count = states[s].cascade.count
        var exchanges = 0
        for n in perSlot where n > 0 { exchanges += 1 }   // no allocation per liquidation
        let met = count >= config.cascadeMinLiquidations && Double(long) + Double(short) >= config.cascadeMinUSD * 100
            && exchanges >= config.cascadeMinExchanges
        guard met else { states[s].cascade.active = false; return }
        guard !states[s].cascade.active else { return }
        states[s].cascade.active = true
        let traded = states[s].cascade.traded(window: config.cascadeWindow, at: t)
        let sizeReference = config.sizeReference(l.symbol) * Double(config.cascadeWindow) / Double(config.riskWindow)
        let risk = CascadeRisk.compute(time: t, symbol: l.symbol, window: config.cascadeWindow, long: long, short: short,
                                       traded: traded, sizeReference: sizeReference)
        let perExchange = StreamID.allCases.enumerated().compactMap { i, id in perSlot[i + 1] > 0 ? (id, perSlot[i + 1]) : nil }
        signals.append(.cascade(CascadeEvent(time: t, symbol: l.symbol, liquidations: count, longCents: long, shortCents: short,
                                             perExchange: perExchange, risk: risk)))
    }

    /// Cascade risk of each symbol's trailing `riskWindow` ([time − riskWindow, time)), at
    /// every close of the shortest bar interval, for symbols that traded or liquidated in it.
    func closeRisk(at time: Int64, into signals: inout [PipelineSignal]) {
        for s in states.indices {
            guard let risk = trailingRisk(s, at: time) else { continue }
            states[s].lastRisk = risk
            signals.append(.cascadeRisk(risk))
        }
    }

    /// The risk of symbol `s` over [time − riskWindow, time); nil when nothing happened in it.
    func trailingRisk(_ s: Int, at time: Int64) -> CascadeRisk? {
        states[s].risk.expire(before: time - config.riskWindow)
        let w = states[s].risk
        guard !w.isEmpty else { return nil }
        return CascadeRisk.compute(time: time, symbol: states[s].symbol, window: config.riskWindow, long: w.longCents,
                                   short: w.shortCents, traded: w.tradedCents, sizeReference: config.sizeReference(states[s].symbol))
    }

    /// A spike when the window's liquidation USD exceeds `spikeRatio` × the previous window's
    /// (which must have had liquidations).
    func closeSpike(at time: Int64, into signals: inout [PipelineSignal]) {
        for s in states.indices {
            let current = states[s].spikeCurrent
            if let previous = states[s].spikePrevious, previous > 0, Double(current) > config.spikeRatio * Double(previous) {
                signals.append(.spike(LiquidationSpike(time: time, symbol: states[s].symbol, window: config.spikeWindow,
                                                       cents: current, previousCents: previous)))
            }
            states[s].spikePrevious = current
            states[s].spikeCurrent = 0
        }
    }
}
