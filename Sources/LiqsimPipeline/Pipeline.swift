import LiqsimCore

/// The analysis pipeline: fed normalized events in receive order (replay and live alike),
/// it builds bars, liquidation views, sentiment and cascade signals. Every window is
/// aligned to multiples of its length in receive time and emits only when the clock passes
/// its end (no look-ahead). Deterministic: no clock, no randomness, fixed orders.
public final class Pipeline {
    public let config: PipelineConfig
    public private(set) var views: LiquidationViews
    var bars: BarBuilder
    var states: [SymbolState] = []
    private var symbolIndex = SymbolIndex()
    /// Next close time per clock: bar intervals…, then minute, risk (every close of the
    /// shortest bar), spike, sentiment.
    private var boundaries: [Int64] = []
    private var periods: [Int64] = []
    private var nextBoundary: Int64 = .max
    private var started = false
    public private(set) var now: Int64 = 0

    public init(config: PipelineConfig = PipelineConfig()) {
        self.config = config
        views = LiquidationViews(config: config)
        bars = BarBuilder(intervals: config.barIntervals)
        periods = config.barIntervals + [PipelineConfig.minute, config.riskEvery, config.spikeWindow, config.sentimentInterval]
    }

    public var symbols: [Symbol] { states.map(\.symbol) }

    /// Bar columns of a symbol: exchange nil = all exchanges combined.
    public func barSeries(_ symbol: Symbol, exchange: StreamID? = nil, interval: Int64) -> BarSeries? {
        guard let s = symbolIndex.index(of: symbol), let i = config.barIntervals.firstIndex(of: interval) else { return nil }
        return bars.series[s][exchange.map { 1 + $0.index } ?? 0][i]
    }

    /// Feeds one event; signals of windows that closed before it (and cascade detections)
    /// are appended to `signals`.
    @inline(__always)
    public func process(_ event: MarketEvent, into signals: inout [PipelineSignal]) {
        advance(to: event.recv.rawValue, into: &signals)
        apply(event, into: &signals)
    }

    /// Closes every window that ends at or before `t` (the first half of `process`). Callers
    /// that read the pipeline's state at window closes (the snapshot store) read it between
    /// `advance` and `apply`, before the event that closed the window is counted.
    @inline(__always)
    public func advance(to t: Int64, into signals: inout [PipelineSignal]) {
        if !started { start(at: t) }
        if t >= nextBoundary { closeWindows(through: t, into: &signals) }
    }

    /// Applies one event (the second half of `process`); cascade detections are appended.
    @inline(__always)
    public func apply(_ event: MarketEvent, into signals: inout [PipelineSignal]) {
        let t = event.recv.rawValue
        now = max(now, t)
        switch event {
        case .trade(let e):
            let s = index(e.symbol), slot = Self.slot(e.stream)
            let cents = FixedDecimal.productCents(e.qty, e.price) ?? 0
            bars.add(e, cents: cents, symbol: s, slot: slot)
            states[s].add(e, at: t, cents: cents, window: config.cascadeWindow)
        case .liquidation(let e):
            let s = index(e.symbol), slot = Self.slot(e.stream)
            bars.add(e, symbol: s, slot: slot)
            views.add(e, symbol: s)
            if e.side == .long { states[s].longCents &+= e.usdCents; states[s].risk.add(at: t, long: e.usdCents) }
            else { states[s].shortCents &+= e.usdCents; states[s].risk.add(at: t, short: e.usdCents) }
            states[s].spikeCurrent &+= e.usdCents
            detectCascade(e, symbol: s, slot: slot, into: &signals)
        case .mark(let e):
            // Only a mark with a rate makes a symbol known (marks without one do not register it).
            if let rate = e.fundingRate {
                let s = index(e.symbol), k = Self.slot(e.stream) - 1
                states[s].funding[k] = rate.doubleValue
                if let next = e.nextFunding?.rawValue { noteFundingTime(next, symbol: s, exchange: k) }
            }
        case .openInterest(let e):
            let s = index(e.symbol)
            let usd = e.oiUSDCents.map { Double($0) / 100 } ?? states[s].lastPrice.map { e.oi.doubleValue * $0.doubleValue }
            if let usd { states[s].openInterestUSD[Self.slot(e.stream) - 1] = usd }
        case .longShortRatio(let e):
            states[index(e.symbol)].longPercent[Self.slot(e.stream) - 1] = e.longPct.doubleValue
        case .instrument:
            break
        }
    }

    /// The latest per-symbol state, for dashboards and the snapshot store.
    public struct MarketState: Sendable {
        public var symbol: Symbol
        public var lastPrice: FixedDecimal?
        /// Per exchange in stream order.
        public var funding: [Double?], openInterestUSD: [Double?], longPercent: [Double?]
        public var sentiment: SentimentSnapshot?
        /// The cascade risk emitted at the latest bar close.
        public var risk: CascadeRisk?
        /// The cascade risk of the trailing window ending at the last `refreshSnapshot` (what
        /// the dashboard shows at each redraw); nil before one, or with nothing in the window.
        public var riskNow: CascadeRisk?
    }

    public var marketStates: [MarketState] {
        states.map { st in
            MarketState(symbol: st.symbol, lastPrice: st.lastPrice, funding: st.funding, openInterestUSD: st.openInterestUSD,
                        longPercent: st.longPercent, sentiment: st.lastSentiment, risk: st.lastRisk, riskNow: st.riskNow)
        }
    }

    /// Brings the snapshot view (rolling window) and each symbol's trailing cascade risk
    /// (`MarketState.riskNow`) up to `time` (default: the pipeline's clock); call before
    /// reading them.
    public func refreshSnapshot(at time: Int64? = nil) {
        let t = time ?? now
        views.refresh(at: t)
        for s in states.indices { states[s].riskNow = trailingRisk(s, at: t) }
    }

    @inline(__always)
    static func slot(_ stream: StreamID) -> Int { 1 + stream.index }

    @inline(__always)
    private func index(_ symbol: Symbol) -> Int {
        let (i, inserted) = symbolIndex.insert(symbol)
        guard inserted else { return i }
        states.append(SymbolState(symbol: symbol))
        bars.addSymbol()
        views.addSymbol(symbol)
        return i
    }

    private func start(at t: Int64) {
        started = true
        now = t
        boundaries = periods.map { p in Pipeline.floor(t, p) + p }
        nextBoundary = boundaries.min()!
    }

    static func floor(_ t: Int64, _ p: Int64) -> Int64 { t >= 0 ? t - t % p : t - ((t % p) + p) % p }

    /// Closes, in time order, every window whose end is at or before `t`. Ties close bars
    /// (by interval), then minute marks, cascade risk, spikes, sentiment. Windows after the
    /// first one that closes are empty (no event arrived before `t`): they are skipped, so a
    /// capture with a long gap does not emit a signal for every empty minute of it.
    private func closeWindows(through t: Int64, into signals: inout [PipelineSignal]) {
        while nextBoundary <= t {
            let time = nextBoundary
            for (k, boundary) in boundaries.enumerated() where boundary == time {
                let n = config.barIntervals.count
                if k < n { bars.close(interval: k, openTime: time - periods[k], symbols: symbols, into: &signals) }
                else if k == n { closeMinute() }
                else if k == n + 1 { closeRisk(at: time, into: &signals) }
                else if k == n + 2 { closeSpike(at: time, into: &signals) }
                else { closeSentiment(at: time, into: &signals) }
                let next = time + periods[k]
                if next <= t {
                    // Empty windows follow: jump to the one holding `t`.
                    boundaries[k] = Pipeline.floor(t, periods[k]) + periods[k]
                    if k == n + 2 { for s in states.indices { states[s].spikePrevious = 0 } }
                } else {
                    boundaries[k] = next
                }
            }
            nextBoundary = boundaries.min()!
        }
    }

    private func closeMinute() {
        views.expire(at: now)
    }
}
