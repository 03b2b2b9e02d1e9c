extension Simulator {
    /// The bar walk: fills, funding and liquidation inside each bar in time order, mark to
    /// market at the close, then the decision (docs/strategies.md, "Execution").
    ///
    /// Why it looks like this: it runs once per bar per grid point, so it reads the shared
    /// columns through buffer pointers (with several sweep threads, ordinary array access
    /// made two threads slower than one through reference counting), combines the rules
    /// inline, divides only when an order is placed or a drawdown deepens, and finds the
    /// reason (the largest contribution) only for bars that trade. It is generic over the
    /// fee model, so the default's two lines inline here. A bar's marks are read only when
    /// its lowest (long) or highest (short) mark reaches the liquidation price.
    /// `stride`: keep the equity and position of every stride-th bar counted back from the
    /// last (0 = keep none); see `Simulator.sampledBars`. `bars`: the bars walked, from flat.
    func walk<Fill, Fee>(weights: ArraySlice<Double>, model: ExecutionModel<Fill, Fee>, stride: Int, bars: Range<Int>, splits: Int) -> WalkState {
        precondition(weights.count == ruleCount, "one weight per rule")
        let lo = bars.lowerBound, n = bars.count
        var st = WalkState(stats: ReturnStatistics(), lastEquity: model.equityUSD)
        let record = stride > 0
        let firstKept = record && n > 0 ? (n - 1) % stride : 0
        var equityOut = [Double](repeating: 0, count: record ? (n + stride - 1 - firstKept) / stride : 0), positionOut = equityOut
        // Every bar's equity, for the statistics pass after the walk.
        var curve = [Double](repeating: 0, count: n)
        let leverage = model.maxLeverage, threshold = model.rebalance * model.maxLeverage
        let rules = ruleCount, fee = model.fee, liquidationFee = model.margin.liquidationFee
        let settlements = tape.fundings
        let nextSettlementTime = { (k: Int) -> Int64 in k < settlements.count ? settlements[k].time : .max }
        var cash = model.equityUSD, qty = 0.0
        var account = MarginAccount(margin: model.margin, leverage: leverage)
        let cap = model.margin.tiers.maxNotional(leverage: leverage)
        var pendingBar = -1, pendingTarget = 0.0
        // Settlements before the first bar's close find the position flat.
        var settlement = lo > 0 ? settlements.firstIndex { $0.time > tape.closeTime[lo - 1] } ?? settlements.count : 0
        var settleTime = nextSettlementTime(settlement)
        var exposed = 0, equity = model.equityUSD
        tape.closeTime.withUnsafeBufferPointer { closeTimes in
        tape.close.withUnsafeBufferPointer { closes in
        fills.time.withUnsafeBufferPointer { fillTimes in
        fills.price.withUnsafeBufferPointer { fillPrices in
        strengths.withUnsafeBufferPointer { s in
        weights.withUnsafeBufferPointer { w in
        equityOut.withUnsafeMutableBufferPointer { equityCurve in
        positionOut.withUnsafeMutableBufferPointer { positions in
        curve.withUnsafeMutableBufferPointer { allEquity in
        marks.low.withUnsafeBufferPointer { markLow in
        marks.high.withUnsafeBufferPointer { markHigh in
            for i in bars {
                let closeTime = closeTimes[i], j = i - lo
                // Fills, funding settlements and liquidations inside this bar, in time order
                // (a fill at the same time as a settlement comes first; a mark at the time of
                // either is read after it). All are rare: one compare per bar when flat.
                var fillTime = pendingBar >= 0 ? fillTimes[pendingBar] : .max
                var checked = i > 0 ? closeTimes[i - 1] : .min   // marks up to here are read
                while true {
                    let next = Swift.min(fillTime, settleTime)
                    let end = next <= closeTime ? next : closeTime &+ 1   // marks before `end`
                    if qty != 0, qty > 0 ? markLow[i] <= account.trigger : markHigh[i] >= account.trigger,
                       let t = liquidation(bar: i, after: checked, before: end, quantity: qty, account: account) {
                        let price = account.trigger
                        let paid = abs(qty) * price * liquidationFee
                        cash += qty * price - paid
                        st.fees += paid
                        st.liquidations += 1
                        st.ledger.fill(time: t, from: qty, to: 0, price: price, fee: paid, reason: 0, acrossGap: false, liquidation: true)
                        account.fill(from: qty, to: 0, price: price)
                        qty = 0
                        account.update(cash: cash, quantity: 0)
                        pendingBar = -1   // the order in flight is cancelled
                        fillTime = .max
                        checked = t
                        continue
                    }
                    guard next <= closeTime else { break }
                    checked = next - 1
                    if fillTime <= settleTime {
                        let delta = pendingTarget - qty
                        let price = fee.fillPrice(traded: fillPrices[pendingBar], delta: delta)
                        let paid = fee.fee(delta: delta, price: price)
                        cash -= delta * price + paid
                        st.fees += paid
                        st.ledger.fill(time: fillTime, from: qty, to: pendingTarget, price: price, fee: paid,
                                       reason: reason(at: pendingBar, s, w), acrossGap: fills.acrossGap[pendingBar])
                        account.fill(from: qty, to: pendingTarget, price: price)
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
                    account.update(cash: cash, quantity: qty)
                }
                let price = closes[i]
                let held = qty * price
                equity = cash + held
                allEquity[j] = equity
                if qty != 0 { exposed += 1 }

                // Decide at the close, unless an order is still in flight. In notional terms:
                // trade when |target − position| > rebalance × max leverage × equity.
                if pendingBar < 0 {
                    let row = i * rules
                    var sum = w[0] * s[row]
                    for k in 1..<rules { sum += w[k] * s[row + k] }
                    let combined = Swift.min(1, Swift.max(-1, sum))
                    // The tiers cap the notional a leverage may reach (MarginTiers.maxNotional).
                    let target = equity > 0 ? Swift.min(cap, Swift.max(-cap, combined * leverage * equity)) : 0
                    if (abs(target - held) > threshold * Swift.max(equity, 0) || (target == 0 && qty != 0)) && fillTimes[i] != .max {
                        pendingBar = i
                        // + 0 turns a −0 target (all contributions −0) into 0: a flat
                        // position reads 0 in the results whatever the rules' signs.
                        pendingTarget = target / price + 0
                    }
                }
                if record && j >= firstKept && (j - firstKept) % stride == 0 {
                    equityCurve[(j - firstKept) / stride] = equity
                    positions[(j - firstKept) / stride] = qty
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
        }
        st.position = qty
        st.stats = curve.withUnsafeBufferPointer { ReturnStatistics(initialEquity: model.equityUSD, curve: $0) }
        if splits > 0 { st.blocks = curve.withUnsafeBufferPointer { ReturnStatistics.blockSums(initialEquity: model.equityUSD, curve: $0, splits: splits) } }
        st.equity = equityOut
        st.positions = positionOut
        st.exposed = exposed
        st.lastEquity = equity
        return st
    }

    /// The time of the first mark of bar i after `after` and before `before` that liquidates
    /// a position of `quantity`; nil when none does. Called only for bars whose range of
    /// marks reaches the liquidation price (the walk checks that first).
    private func liquidation(bar i: Int, after: Int64, before: Int64, quantity: Double, account: MarginAccount) -> Int64? {
        return tape.markTime.withUnsafeBufferPointer { times in
            tape.markPrice.withUnsafeBufferPointer { prices in
                for k in marks.start[i]..<marks.start[i + 1] {
                    let t = times[k]
                    if t <= after { continue }
                    if t >= before { break }
                    if account.liquidates(quantity, at: prices[k]) { return t }
                }
                return nil
            }
        }
    }

    /// The rule with the largest |weight × strength| at bar i (the first on ties).
    @inline(__always)
    private func reason(at i: Int, _ s: UnsafeBufferPointer<Double>, _ w: UnsafeBufferPointer<Double>) -> Int {
        let row = i * ruleCount
        var best = 0, largest = abs(w[0] * s[row])
        for k in 1..<ruleCount {
            let c = abs(w[k] * s[row + k])
            if c > largest { best = k; largest = c }
        }
        return best
    }

    /// The clamped combined target (−1…1) per bar, for reports and benchmarks.
    func combined(weights: [Double]) -> [Double] {
        precondition(weights.count == ruleCount, "one weight per rule")
        return (0..<tape.count).map { i in
            Swift.min(1, Swift.max(-1, (0..<ruleCount).reduce(0.0) { $0 + weights[$1] * strengths[i * ruleCount + $1] }))
        }
    }
}
