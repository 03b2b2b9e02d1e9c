import LiqsimCore
import LiqsimHeatmap
import LiqsimPipeline
import LiqsimSession

/// The shared pass's sink: collects, per traded symbol, the bars of the scenario's
/// interval and the timelines (sentiment, risk, funding, open interest) that `finish`
/// samples at each bar close. It also feeds the report's liquidation-level heatmaps, when
/// given any, from the same events.
final class TapeRecorder: AnalysisSink {
    let heatmaps: [HeatmapModel]
    private let interval: Int64
    private let index: [Symbol: Int]
    /// The tape's symbols in index order: with a few, a scan of word compares finds an
    /// event's symbol for a fraction of hashing it (`index`; every event asks).
    private let symbols: [Symbol]
    private var tapes: [SymbolTape]
    /// Per symbol: trades and marks, collected in pieces (`ChunkedColumn`), joined by `finish`.
    private var tradeTimes: [ChunkedColumn<Int64>], tradePrices: [TradePrices.Builder]
    private var markTimes: [ChunkedColumn<Int64>], markPrices: [ChunkedColumn<Double>]
    private var timelines: [Timelines]
    private var outages: [Int64] = []
    private var episodes: [CascadeEpisodes]
    /// Per symbol, per capped stream (in `capped` order): totals and the distinct seconds seen.
    private let capped: [StreamID]
    private var cappedTotals: [[CappedTotals]]
    private var cappedSeconds: [[Set<Int64>]]
    /// Symbols of events outside the tape (for errors about symbols that are not there).
    private(set) var symbolsSeen: Set<Symbol> = []

    /// Values over time, each (time, value) in time order.
    private struct Timelines {
        var sentiment: [(Int64, Double)] = []
        var risk: [(Int64, Double)] = []
        var funding: [(Int64, Double)] = []
        var openInterest: [(Int64, Double)] = []
        var fundingTimes: Set<Int64> = []
        /// The last time inserted into `fundingTimes`: marks repeat it until it moves.
        var lastFundingTime: Int64?
        /// Latest per exchange, in stream order.
        var rates = [Double?](repeating: nil, count: StreamID.allCases.count)
        var interestUSD = [Double?](repeating: nil, count: StreamID.allCases.count)
        var lastPrice: Double?
    }

    init(symbols: [Symbol], interval: Int64, cascadeWindow: Int64 = PipelineConfig().cascadeWindow, heatmaps: [HeatmapModel] = [],
         capped: [StreamID] = PipelineConfig().cappedLiquidationStreams) {
        self.interval = interval
        self.capped = capped
        cappedTotals = symbols.map { _ in capped.map { CappedTotals(stream: $0) } }
        cappedSeconds = symbols.map { _ in capped.map { _ in [] } }
        self.heatmaps = heatmaps
        index = Dictionary(uniqueKeysWithValues: symbols.enumerated().map { ($1, $0) })
        self.symbols = symbols
        tapes = symbols.map { SymbolTape(symbol: $0, interval: interval) }
        (tradeTimes, tradePrices) = (symbols.map { _ in ChunkedColumn() }, symbols.map { _ in TradePrices.Builder() })
        (markTimes, markPrices) = (symbols.map { _ in ChunkedColumn() }, symbols.map { _ in ChunkedColumn() })
        timelines = Array(repeating: Timelines(), count: symbols.count)
        episodes = Array(repeating: CascadeEpisodes(window: cascadeWindow, capped: StreamID.allCases.map(capped.contains)), count: symbols.count)
    }

    func event(_ event: MarketEvent) {
        let symbol = event.symbol
        guard let s = symbols.count <= 8 ? symbols.firstIndex(of: symbol) : index[symbol] else { symbolsSeen.insert(symbol); return }
        // The models are the tape's symbols' (`heatmaps[s]` is symbol s's, or there are none).
        if s < heatmaps.count { heatmaps[s].apply(event) }
        let t = event.recv.rawValue
        switch event {
        case .liquidation(let e):
            episodes[s].liquidation(recv: t, slot: Self.slot(e.stream), long: e.side == .long, usd: Double(e.usdCents) / 100)
            if let k = capped.firstIndex(of: e.stream) {
                cappedTotals[s][k].liquidations += 1
                cappedTotals[s][k].usd += Double(e.usdCents) / 100
                let ns = e.ts.rawValue
                cappedSeconds[s][k].insert(ns >= 0 ? ns / 1_000_000_000 : (ns + 1) / 1_000_000_000 - 1)   // the second, floored
            }
        case .trade(let e):
            tradeTimes[s].append(t)
            tradePrices[s].append(e.price)
            timelines[s].lastPrice = e.price.doubleValue
        case .mark(let e):
            if let mark = e.mark?.doubleValue {
                markTimes[s].append(t)
                markPrices[s].append(mark)
            }
            if let next = e.nextFunding?.rawValue, next != timelines[s].lastFundingTime {
                timelines[s].fundingTimes.insert(next)
                timelines[s].lastFundingTime = next
            }
            guard let rate = e.fundingRate?.doubleValue else { return }
            timelines[s].rates[Self.slot(e.stream)] = rate
            recordFunding(s, at: t)
        case .openInterest(let e):
            let usd = e.oiUSDCents.map { Double($0) / 100 } ?? timelines[s].lastPrice.map { e.oi.doubleValue * $0 }
            guard let usd else { return }
            timelines[s].interestUSD[Self.slot(e.stream)] = usd
            timelines[s].openInterest.append((t, timelines[s].interestUSD.reduce(0) { $0 + ($1 ?? 0) }))
            recordFunding(s, at: t)   // the weights changed
        default:
            break
        }
    }

    private func recordFunding(_ s: Int, at t: Int64) {
        if let rate = Pipeline.weightedFunding(timelines[s].rates, openInterestUSD: timelines[s].interestUSD) {
            timelines[s].funding.append((t, rate))
        }
    }

    func signals(_ signals: [PipelineSignal]) {
        for signal in signals { observe(signal) }
    }

    private func observe(_ signal: PipelineSignal) {
        switch signal {
        case .bar(let b):
            guard b.exchange == nil, b.interval == interval, let s = index[b.symbol], let close = b.close?.doubleValue else { return }
            tapes[s].closeTime.append(b.closeTime)
            tapes[s].open.append(b.open!.doubleValue); tapes[s].high.append(b.high!.doubleValue)
            tapes[s].low.append(b.low!.doubleValue); tapes[s].close.append(close)
            tapes[s].volumeUSD.append(Double(b.volumeCents) / 100)
            tapes[s].buyUSD.append(Double(b.buyCents) / 100); tapes[s].sellUSD.append(Double(b.sellCents) / 100)
            tapes[s].longLiquidationUSD.append(Double(b.longLiquidationCents) / 100)
            tapes[s].shortLiquidationUSD.append(Double(b.shortLiquidationCents) / 100)
        case .sentiment(let e):
            if let s = index[e.symbol] { timelines[s].sentiment.append((e.time, e.composite)) }
        case .cascadeRisk(let r):
            if let s = index[r.symbol] { timelines[s].risk.append((r.time, r.risk)) }
        case .cascade(let c):
            if let s = index[c.symbol] { episodes[s].detected(at: c.time) }
        case .spike:
            break
        }
    }

    func outage(at recv: UnixNanos, stream: StreamID?) {
        outages.append(recv.rawValue)
    }

    /// Samples the timelines at every bar close and lists the funding settlements.
    func finish() -> [SymbolTape] {
        for s in tapes.indices {
            let line = timelines[s]
            var tape = tapes[s]
            tapes[s] = SymbolTape(symbol: tape.symbol, interval: interval)
            (tape.tradeTime, tape.tradePrice) = (tradeTimes[s].joined(), tradePrices[s].finish())
            (tape.markTime, tape.markPrice) = (markTimes[s].joined(), markPrices[s].joined())
            // Signals are stamped with their window's close: one stamped T is known at T.
            // Unknown before the first snapshot (NaN): rules read that as no signal, not as neutral.
            tape.composite = Self.sample(line.sentiment, at: tape.closeTime, inclusive: true, missing: .nan)
            tape.risk = Self.sample(line.risk, at: tape.closeTime, inclusive: true, missing: 0)
            // Events received at T belong to the next bar, like the bars themselves.
            tape.funding = Self.sample(line.funding, at: tape.closeTime, inclusive: false, missing: 0)
            tape.openInterestUSD = Self.sample(line.openInterest, at: tape.closeTime, inclusive: false, missing: .nan)
            tape.outages = outages
            episodes[s].close()
            tape.cascades = episodes[s].marks
            tape.fundings = settlements(line, tape: tape)
            tape.lowerBounds = capped.indices.compactMap { k in
                var totals = cappedTotals[s][k]
                totals.cappedSeconds = cappedSeconds[s][k].count
                return totals.liquidations > 0 ? totals : nil
            }
            if tape.markTime.isEmpty { (tape.markTime, tape.markPrice) = (tape.tradeTime, Array(tape.tradePrice)) }
            tapes[s] = tape
        }
        return tapes
    }

    /// Funding settlements between the first bar's open and the last bar's close: the
    /// announced funding times (or 00/08/16 UTC when none were recorded), each with the
    /// weighted rate and the last trade price before it.
    private func settlements(_ line: Timelines, tape: SymbolTape) -> [FundingSettlement] {
        guard let first = tape.closeTime.first, let last = tape.closeTime.last else { return [] }
        let start = first - interval
        var times = line.fundingTimes.filter { $0 > start && $0 <= last }.sorted()
        if line.fundingTimes.isEmpty {
            let eight: Int64 = 8 * 3_600_000_000_000
            var t = (start / eight + 1) * eight
            while t <= last { times.append(t); t += eight }
        }
        var out: [FundingSettlement] = []
        for t in times {
            guard let rate = Self.latest(line.funding, before: t, inclusive: false),
                  let k = Self.lastIndex(tape.tradeTime, atOrBefore: t) else { continue }
            out.append(FundingSettlement(time: t, rate: rate, price: tape.tradePrice[k]))
        }
        return out
    }

    static func slot(_ stream: StreamID) -> Int { stream.index }

    /// For each time, the latest value stamped before it (or at it when `inclusive`).
    static func sample(_ series: [(Int64, Double)], at times: [Int64], inclusive: Bool, missing: Double) -> [Double] {
        var out = [Double](repeating: missing, count: times.count)
        var k = 0
        var current = missing
        for (i, t) in times.enumerated() {
            while k < series.count, inclusive ? series[k].0 <= t : series[k].0 < t { current = series[k].1; k += 1 }
            out[i] = current
        }
        return out
    }

    static func latest(_ series: [(Int64, Double)], before t: Int64, inclusive: Bool) -> Double? {
        var lo = 0, hi = series.count   // first index with time > t (or ≥ t)
        while lo < hi {
            let mid = (lo + hi) / 2
            if inclusive ? series[mid].0 <= t : series[mid].0 < t { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? series[lo - 1].1 : nil
    }

    /// The last index whose time is ≤ t.
    static func lastIndex(_ times: [Int64], atOrBefore t: Int64) -> Int? {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? lo - 1 : nil
    }
}
