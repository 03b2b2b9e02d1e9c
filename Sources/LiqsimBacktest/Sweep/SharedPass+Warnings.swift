extension SharedPass {
    /// Settings the data cannot honour (a rule's lookback of at least the bars there are),
    /// each naming its field: the run goes on, but the user should know why a rule is silent.
    public var warnings: [String] {
        var out: [String] = []
        let grid = scenario.grid
        for t in tape.symbols {
            let liquidationUSD = t.longLiquidationUSD.reduce(0, +) + t.shortLiquidationUSD.reduce(0, +)
            for rule in scenario.rules where rule.readsLiquidations && liquidationUSD == 0 && t.cascades.isEmpty {
                out.append("strategies.\(rule.name): the captures hold no liquidation records for \(t.symbol), so the \(rule.name) rule cannot fire "
                           + "and every run of it trades nothing (Binance Vision archives have no liquidations: name captures that do, "
                           + "e.g. a Tardis import, under data.liquidations)")
            }
            for rule in scenario.rules {
                for spec in rule.parameters where spec.isLookback {
                    let name = rule.name + "." + spec.key
                    guard let a = grid.axisIndex(name) else { continue }
                    for v in grid.axes[a].values { if let w = v.number, Int(w) >= t.count {
                        out.append("strategies.\(name) \(v) ≥ the \(t.count) bars of \(t.symbol): the \(rule.name) rule cannot fire")
                    } }
                }
            }
            if let a = grid.axisIndex("account.max_leverage") {
                let tiers = scenario.marginTiers(for: t.symbol.description)
                for v in grid.axes[a].values { if let leverage = v.number, tiers.maxNotional(leverage: leverage) == 0 {
                    out.append("account.max_leverage \(v) is above what the margin tiers of \(t.symbol) allow (1 ÷ (2 × \(tiers.tiers[0].rate))): no position opens")
                } }
            }
            if scenario.regimes.minSamples + scenario.regimes.volatilityWindow > t.count {
                out.append("regimes: the volatility z-score needs \(scenario.regimes.volatilityWindow + scenario.regimes.minSamples) bars, "
                           + "\(t.symbol) has \(t.count): volatility reads NORMAL throughout")
            }
        }
        return out
    }
}
