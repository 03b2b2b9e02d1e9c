extension Simulator {
    /// Per bar: clamp(Σ weightᵣ · strengthᵣ, −1, 1) and the rule with the largest |contribution|.
    func combine(_ weights: [Double]) -> (combined: [Double], reasons: [Int]) {
        let n = tape.count
        var combined = [Double](repeating: 0, count: n), reasons = [Int](repeating: 0, count: n), best = combined
        for (k, column) in strengths.enumerated() {
            let w = weights[k]
            column.withUnsafeBufferPointer { strength in
                for i in 0..<n {
                    let c = w * strength[i]
                    combined[i] += c
                    if abs(c) > best[i] { best[i] = abs(c); reasons[i] = k }
                }
            }
        }
        for i in 0..<n { combined[i] = min(1, max(-1, combined[i])) }
        return (combined, reasons)
    }

    /// The bar walk: fills and funding inside each bar in time order, mark to market at the
    /// close, then the decision (docs/strategies.md, "Execution"). The shared columns are
    /// read through buffer pointers: with several sweep threads on the same arrays, the
    /// reference counting of ordinary array access made two threads slower than one.
    func walk(combined: [Double], reasons: [Int], model: ExecutionModel, record: Bool) -> WalkState {
        let n = tape.count
        var st = WalkState(stats: ReturnStatistics(initialEquity: model.equityUSD), lastEquity: model.equityUSD)
        if record { st.equity.reserveCapacity(n); st.positions.reserveCapacity(n) }
        let maxNotional = model.maxLeverage
        let settlements = tape.fundings
        var cash = model.equityUSD, qty = 0.0
        var pendingBar = -1, pendingTarget = 0.0, pendingReason = 0
        var settlement = 0
        tape.closeTime.withUnsafeBufferPointer { closeTimes in
        tape.close.withUnsafeBufferPointer { closes in
        fills.time.withUnsafeBufferPointer { fillTimes in
        fills.price.withUnsafeBufferPointer { fillPrices in
        combined.withUnsafeBufferPointer { targets in
            for i in 0..<n {
                let closeTime = closeTimes[i]
                // Fills and funding settlements inside this bar, in time order (a fill at the
                // same time as a settlement comes first).
                while true {
                    let fillTime = pendingBar >= 0 ? fillTimes[pendingBar] : .max
                    let settleTime = settlement < settlements.count ? settlements[settlement].time : .max
                    if min(fillTime, settleTime) > closeTime { break }
                    if fillTime <= settleTime {
                        let delta = pendingTarget - qty
                        let price = fillPrices[pendingBar] * (delta > 0 ? 1 + model.slippage : 1 - model.slippage)
                        let fee = abs(delta) * price * model.feeRate
                        cash -= delta * price + fee
                        st.fees += fee
                        st.ledger.fill(time: fillTime, delta: delta, price: price, fee: fee, reason: pendingReason, acrossGap: fills.acrossGap[pendingBar])
                        qty = pendingTarget
                        pendingBar = -1
                    } else {
                        if model.funding && qty != 0 {
                            let s = settlements[settlement]
                            let received = -qty * s.price * s.rate   // longs pay a positive rate
                            cash += received
                            st.funding += received
                            st.ledger.funding(received)
                        }
                        settlement += 1
                    }
                }
                let price = closes[i]
                let equity = cash + qty * price
                st.lastEquity = equity
                st.stats.add(equity: equity)
                if qty != 0 { st.exposed += 1 }

                // Decide at the close, unless an order is still in flight.
                if pendingBar < 0 {
                    let target = equity > 0 ? targets[i] * maxNotional * equity / price : 0
                    let change = abs(target - qty) * price
                    if (change > model.rebalance * maxNotional * max(equity, 0) || (target == 0 && qty != 0)) && fillTimes[i] != .max {
                        pendingBar = i; pendingTarget = target; pendingReason = reasons[i]
                    }
                }
                if record { st.equity.append(equity); st.positions.append(qty) }
            }
        }
        }
        }
        }
        }
        return st
    }
}
