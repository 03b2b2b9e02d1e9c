import Foundation
import LiqsimCore

extension Pipeline {
    /// The six factors (SPEC §5) over the interval that just closed, for every symbol with a price.
    func closeSentiment(at time: Int64, into signals: inout [PipelineSignal]) {
        for s in states.indices {
            guard let price = states[s].lastPrice?.doubleValue else { continue }
            let st = states[s]
            let factors = [fundingFactor(st), openInterestFactor(st, price: price), longShortFactor(st),
                           momentumFactor(st, price: price, at: time), flowFactor(st), liquidationFactor(st)]
            let composite = zip(factors, config.sentimentWeights).reduce(0) { $0 + $1.0 * $1.1 }
            let snapshot = SentimentSnapshot(time: time, symbol: st.symbol, factors: factors, composite: composite, label: SentimentSnapshot.label(composite))
            states[s].lastSentiment = snapshot
            signals.append(.sentiment(snapshot))
            states[s].previousPrice = price
            states[s].previousOpenInterest = totalOpenInterest(st)
            states[s].buyCents = 0; states[s].sellCents = 0; states[s].longCents = 0; states[s].shortCents = 0
            states[s].firstPrice = nil
            states[s].minuteLastTrade.removeAll(keepingCapacity: true)
        }
    }

    /// Funding against each exchange's baseline (docs/pipeline.md): per exchange the rate
    /// per 8 h (rate × 8 h ÷ its funding interval) minus its baseline per 8 h, weighted
    /// across exchanges like the rate itself; tanh(excess ÷ fundingScale8h). 0 at the
    /// baseline, odd around it.
    func fundingFactor(_ st: SymbolState) -> Double {
        Pipeline.fundingFactor(st.funding, intervals: st.fundingInterval, openInterestUSD: st.openInterestUSD, config: config)
    }

    /// The funding factor of per-exchange rates (stream order), their funding intervals
    /// (nil: `config.fundingInterval`) and open interest; 0 without rates.
    public static func fundingFactor(_ funding: [Double?], intervals: [Int64?], openInterestUSD: [Double?], config: PipelineConfig) -> Double {
        let eight = Double(480 * PipelineConfig.minute)
        let excess = funding.indices.map { e in
            funding[e].map { rate in
                rate * (eight / Double(intervals[e] ?? config.fundingInterval)) - config.fundingBaseline8h[e]
            }
        }
        return weightedFunding(excess, openInterestUSD: openInterestUSD).map { Foundation.tanh($0 / config.fundingScale8h) } ?? 0
    }

    /// Notes an exchange's announced next funding time; when it moves forward, the step is
    /// that exchange's funding interval (between 1 minute and 1 day; other steps are ignored).
    func noteFundingTime(_ next: Int64, symbol s: Int, exchange k: Int) {
        if let previous = states[s].nextFunding[k], next > previous {
            let step = next - previous
            if step >= PipelineConfig.minute && step <= 1_440 * PipelineConfig.minute { states[s].fundingInterval[k] = step }
        }
        states[s].nextFunding[k] = next
    }

    /// The funding rate across exchanges, weighted by open interest (USD) when every
    /// exchange with a rate also has open interest, else an equal-weight mean; nil without rates.
    public static func weightedFunding(_ funding: [Double?], openInterestUSD: [Double?]) -> Double? {
        // Loops, not an array of (rate, weight) pairs: the tape recorder calls this at every
        // mark and open-interest event. The sums run over the exchanges in the same order,
        // from 0, as the pairs' reductions did, so the result is the same double.
        var rates = 0, weighted = true, total = 0.0
        for e in funding.indices where funding[e] != nil {
            rates += 1
            if let w = openInterestUSD[e] { total += w } else { weighted = false }
        }
        guard rates > 0 else { return nil }
        var sum = 0.0
        if weighted, total > 0 {
            for e in funding.indices { if let rate = funding[e] { sum += rate * openInterestUSD[e]! } }
            return sum / total
        }
        for e in funding.indices { if let rate = funding[e] { sum += rate } }
        return sum / Double(rates)
    }

    func totalOpenInterest(_ st: SymbolState) -> Double? {
        let known = st.openInterestUSD.compactMap { $0 }
        return known.isEmpty ? nil : known.reduce(0, +)
    }

    /// Open-interest change over the interval, signed by the price change: tanh(ΔOI% ÷ 5%) × sign(Δprice).
    func openInterestFactor(_ st: SymbolState, price: Double) -> Double {
        guard let now = totalOpenInterest(st), let before = st.previousOpenInterest, before > 0,
              let reference = st.previousPrice ?? st.firstPrice else { return 0 }
        let sign: Double = price > reference ? 1 : (price < reference ? -1 : 0)
        return Foundation.tanh((now - before) / before / 0.05) * sign
    }

    /// Account long/short: (mean long share − 50) ÷ 50 across exchanges, in [−1, 1].
    func longShortFactor(_ st: SymbolState) -> Double {
        let shares = st.longPercent.compactMap { $0 }
        guard !shares.isEmpty else { return 0 }
        return max(-1, min(1, (shares.reduce(0, +) / Double(shares.count) - 50) / 50))
    }

    /// Price momentum: the interval's log return over its realized volatility (σ of the
    /// one-minute log returns × √n): tanh(r ÷ σ). The path is the price at the start (the
    /// previous snapshot, or the interval's first trade) and the close of every minute of the
    /// interval — a minute without trades closes at the last price, a zero return.
    func momentumFactor(_ st: SymbolState, price: Double, at time: Int64) -> Double {
        guard let start = st.previousPrice ?? st.firstPrice, start > 0 else { return 0 }
        let minute = PipelineConfig.minute
        let first = (time - config.sentimentInterval) / minute + 1, last = time / minute
        var path = [start]
        var current: Double? = st.previousPrice
        var k = 0
        var boundary = first
        while boundary <= last {
            // The close at boundary B is the last trade received before B.
            while k < st.minuteLastTrade.count, st.minuteLastTrade[k].minute < boundary { current = st.minuteLastTrade[k].price; k += 1 }
            if let current { path.append(current) }
            boundary += 1
        }
        var returns: [Double] = []
        for i in 1..<path.count where path[i - 1] > 0 && path[i] > 0 { returns.append(Foundation.log(path[i] / path[i - 1])) }
        guard returns.count >= 2 else { return 0 }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count)
        let sigma = variance.squareRoot() * Double(returns.count).squareRoot()
        return sigma > 0 ? Foundation.tanh(Foundation.log(price / start) / sigma) : 0
    }

    /// Taker flow: (buy − sell) ÷ (buy + sell) quote volume.
    func flowFactor(_ st: SymbolState) -> Double {
        let buy = Double(st.buyCents), sell = Double(st.sellCents)   // Double: hostile sums must not trap
        return buy + sell > 0 ? (buy - sell) / (buy + sell) : 0
    }

    /// Liquidation imbalance: (short − long) ÷ (short + long) USD (shorts squeezed is bullish).
    func liquidationFactor(_ st: SymbolState) -> Double {
        let long = Double(st.longCents), short = Double(st.shortCents)
        return long + short > 0 ? (short - long) / (short + long) : 0
    }
}
