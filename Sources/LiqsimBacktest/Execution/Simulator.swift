/// Simulates one run over a symbol's tape: combines the rules' strengths with the run's
/// weights, decides at each bar close, fills at the fill schedule, settles funding, marks
/// to market at closes (docs/strategies.md, "Execution"). Pure: the same inputs give the
/// same outcome on any thread.
struct Simulator {
    let tape: SymbolTape
    let fills: FillSchedule
    /// Per rule (in `ruleNames` order): signal × confidence per bar.
    let strengths: [[Double]]

    struct Outcome: Sendable {
        var metrics: RunMetrics
        var trades: [TradeRecord]
        /// Per bar when recorded: equity at the close and the position (base units) after it.
        var equity: [Double]
        var position: [Double]
    }

    func run(weights: [Double], model: ExecutionModel, record: Bool) -> Outcome {
        let n = tape.count
        let maxNotional = model.maxLeverage
        var cash = model.equityUSD, qty = 0.0
        var pendingBar = -1, pendingTarget = 0.0, pendingReason = 0
        var stats = ReturnStatistics(initialEquity: model.equityUSD)
        var ledger = TradeLedger()
        var fees = 0.0, funding = 0.0, exposed = 0
        var settlement = 0
        var equityCurve: [Double] = [], positions: [Double] = []
        if record { equityCurve.reserveCapacity(n); positions.reserveCapacity(n) }
        let rules = strengths.count
        let settlements = tape.fundings
        var lastEquity = model.equityUSD

        for i in 0..<n {
            let closeTime = tape.closeTime[i]
            // Fills and funding settlements inside this bar, in time order (a fill at the
            // same time as a settlement comes first).
            while true {
                let fillTime = pendingBar >= 0 ? fills.time[pendingBar] : .max
                let settleTime = settlement < settlements.count ? settlements[settlement].time : .max
                let next = min(fillTime, settleTime)
                if next > closeTime { break }
                if fillTime <= settleTime {
                    let delta = pendingTarget - qty
                    let price = fills.price[pendingBar] * (delta > 0 ? 1 + model.slippage : 1 - model.slippage)
                    let fee = abs(delta) * price * model.feeRate
                    cash -= delta * price + fee
                    fees += fee
                    ledger.fill(time: fillTime, delta: delta, price: price, fee: fee, reason: pendingReason, acrossGap: fills.acrossGap[pendingBar])
                    qty = pendingTarget
                    pendingBar = -1
                } else {
                    if model.funding && qty != 0 {
                        let s = settlements[settlement]
                        let received = -qty * s.price * s.rate   // longs pay a positive rate
                        cash += received
                        funding += received
                        ledger.funding(received)
                    }
                    settlement += 1
                }
            }
            let price = tape.close[i]
            let equity = cash + qty * price
            lastEquity = equity
            stats.add(equity: equity)
            if qty != 0 { exposed += 1 }

            // Decide at the close, unless an order is still in flight.
            if pendingBar < 0 {
                var combined = 0.0, best = 0.0, reason = 0
                for k in 0..<rules {
                    let contribution = weights[k] * strengths[k][i]
                    combined += contribution
                    if abs(contribution) > best { best = abs(contribution); reason = k }
                }
                combined = min(1, max(-1, combined))
                let target = equity > 0 ? combined * maxNotional * equity / price : 0
                let change = abs(target - qty) * price
                if (change > model.rebalance * maxNotional * max(equity, 0) || (target == 0 && qty != 0)) && fills.time[i] != .max {
                    pendingBar = i; pendingTarget = target; pendingReason = reason
                }
            }
            if record { equityCurve.append(equity); positions.append(qty) }
        }
        if let last = tape.closeTime.last { ledger.close(at: last, price: tape.close[n - 1]) }

        var m = RunMetrics()
        let barsPerYear = 365.0 * 86_400_000_000_000 / Double(tape.interval)
        (m.sharpe, m.sortino) = stats.ratios(barsPerYear: barsPerYear)
        m.totalReturnPct = (lastEquity / model.equityUSD - 1) * 100
        m.maxDrawdownPct = stats.maxDrawdown * 100
        let trades = ledger.trades
        m.trades = trades.count
        var wins = 0, gains = 0.0, losses = 0.0
        for t in trades {
            if t.pnl > 0 { wins += 1; gains += t.pnl } else { losses -= t.pnl }
        }
        m.winRatePct = trades.isEmpty ? 0 : Double(wins) / Double(trades.count) * 100
        m.profitFactor = losses > 0 ? gains / losses : (gains > 0 ? .infinity : 0)
        m.exposurePct = n > 0 ? Double(exposed) / Double(n) * 100 : 0
        m.feesUSD = fees
        m.fundingUSD = funding
        m.finalEquityUSD = lastEquity
        return Outcome(metrics: m, trades: trades, equity: equityCurve, position: positions)
    }
}
