extension Simulator {
    /// Rules a run combines at most (trend, range, cascade); fewer are padded with zero columns.
    static let ruleSlots = 3

    /// The bar walk: fills and funding inside each bar in time order, mark to market at the
    /// close, then the decision (docs/strategies.md, "Execution").
    ///
    /// Why it looks like this: it runs once per bar per grid point, so it reads the shared
    /// columns through buffer pointers (with several sweep threads, ordinary array access
    /// made two threads slower than one through reference counting), combines the rules
    /// inline, divides only when an order is placed or a drawdown deepens, and finds the
    /// reason (the largest contribution) only for bars that trade.
    /// `stride`: keep the equity and position of every stride-th bar counted back from the
    /// last (0 = keep none); see `Simulator.sampledBars`.
    func walk(weights: [Double], model: ExecutionModel, stride: Int) -> WalkState {
        precondition(strengths.count == Self.ruleSlots && weights.count == Self.ruleSlots)
        let n = tape.count
        var st = WalkState(stats: ReturnStatistics(), lastEquity: model.equityUSD)
        let record = stride > 0
        let firstKept = record && n > 0 ? (n - 1) % stride : 0
        var equityOut = [Double](repeating: 0, count: record ? (n + stride - 1 - firstKept) / stride : 0), positionOut = equityOut
        // Every bar's equity, for the statistics pass after the walk.
        var curve = [Double](repeating: 0, count: n)
        let leverage = model.maxLeverage, threshold = model.rebalance * model.maxLeverage
        let w0 = weights[0], w1 = weights[1], w2 = weights[2]
        let settlements = tape.fundings
        let nextSettlementTime = { (k: Int) -> Int64 in k < settlements.count ? settlements[k].time : .max }
        var cash = model.equityUSD, qty = 0.0
        var pendingBar = -1, pendingTarget = 0.0
        var settlement = 0, settleTime = nextSettlementTime(0)
        var exposed = 0, equity = model.equityUSD
        tape.closeTime.withUnsafeBufferPointer { closeTimes in
        tape.close.withUnsafeBufferPointer { closes in
        fills.time.withUnsafeBufferPointer { fillTimes in
        fills.price.withUnsafeBufferPointer { fillPrices in
        strengths[0].withUnsafeBufferPointer { s0 in
        strengths[1].withUnsafeBufferPointer { s1 in
        strengths[2].withUnsafeBufferPointer { s2 in
        equityOut.withUnsafeMutableBufferPointer { equityCurve in
        positionOut.withUnsafeMutableBufferPointer { positions in
        curve.withUnsafeMutableBufferPointer { allEquity in
            for i in 0..<n {
                let closeTime = closeTimes[i]
                // Fills and funding settlements inside this bar, in time order (a fill at the
                // same time as a settlement comes first). Both are rare: one compare per bar.
                var fillTime = pendingBar >= 0 ? fillTimes[pendingBar] : .max
                while fillTime <= closeTime || settleTime <= closeTime {
                    if fillTime <= settleTime {
                        let delta = pendingTarget - qty
                        let price = fillPrices[pendingBar] * (delta > 0 ? 1 + model.slippage : 1 - model.slippage)
                        let fee = abs(delta) * price * model.feeRate
                        cash -= delta * price + fee
                        st.fees += fee
                        st.ledger.fill(time: fillTime, from: qty, to: pendingTarget, price: price, fee: fee,
                                       reason: reason(at: pendingBar, s0, s1, s2, w0, w1, w2), acrossGap: fills.acrossGap[pendingBar])
                        qty = pendingTarget
                        pendingBar = -1
                        fillTime = .max
                    } else {
                        if model.funding && qty != 0 {
                            let s = settlements[settlement]
                            let received = -qty * s.price * s.rate   // longs pay a positive rate
                            cash += received
                            st.funding += received
                            st.ledger.funding(received)
                        }
                        settlement += 1
                        settleTime = nextSettlementTime(settlement)
                    }
                }
                let price = closes[i]
                let held = qty * price
                equity = cash + held
                allEquity[i] = equity
                if qty != 0 { exposed += 1 }

                // Decide at the close, unless an order is still in flight. In notional terms:
                // trade when |target − position| > rebalance × max leverage × equity.
                if pendingBar < 0 {
                    let combined = Swift.min(1, Swift.max(-1, w0 * s0[i] + w1 * s1[i] + w2 * s2[i]))
                    let target = equity > 0 ? combined * leverage * equity : 0
                    if (abs(target - held) > threshold * Swift.max(equity, 0) || (target == 0 && qty != 0)) && fillTimes[i] != .max {
                        pendingBar = i
                        pendingTarget = target / price
                    }
                }
                if record && i >= firstKept && (i - firstKept) % stride == 0 {
                    equityCurve[(i - firstKept) / stride] = equity
                    positions[(i - firstKept) / stride] = qty
                }
            }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        st.position = qty
        st.stats = curve.withUnsafeBufferPointer { ReturnStatistics(initialEquity: model.equityUSD, curve: $0) }
        st.equity = equityOut
        st.positions = positionOut
        st.exposed = exposed
        st.lastEquity = equity
        return st
    }

    /// The rule with the largest |weight × strength| at bar i (the first on ties).
    @inline(__always)
    private func reason(at i: Int, _ s0: UnsafeBufferPointer<Double>, _ s1: UnsafeBufferPointer<Double>, _ s2: UnsafeBufferPointer<Double>,
                        _ w0: Double, _ w1: Double, _ w2: Double) -> Int {
        let c = [abs(w0 * s0[i]), abs(w1 * s1[i]), abs(w2 * s2[i])]
        var best = 0
        for k in 1..<3 where c[k] > c[best] { best = k }
        return best
    }

    /// The clamped combined target (−1…1) per bar, for reports and benchmarks.
    func combined(weights: [Double]) -> [Double] {
        (0..<tape.count).map { i in Swift.min(1, Swift.max(-1, (0..<Self.ruleSlots).reduce(0.0) { $0 + weights[$1] * strengths[$1][i] })) }
    }
}
