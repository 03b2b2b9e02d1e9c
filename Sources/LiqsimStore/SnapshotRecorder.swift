import LiqsimCore
import LiqsimPipeline

/// Fills the SQLite snapshot store (`replay --db`): at every sentiment snapshot it writes,
/// in one transaction, a market row per symbol, an exchange row per symbol and exchange,
/// the six sentiment factors, and the 60-minute liquidation view. Interval totals (volume,
/// liquidations) are counted here from the same events the pipeline sees.
public final class SnapshotRecorder {
    private let store: SnapshotStore
    private var index: [Symbol: Int] = [:]
    private var perSymbol: [[Interval]] = []   // [symbol][slot 0 = all, 1… = stream order]
    private var lastPrice: [[Double?]] = []
    private var pending = SnapshotBatch()
    public private(set) var batches = 0

    struct Interval { var volumeCents: Int64 = 0, longCents: Int64 = 0, shortCents: Int64 = 0, liquidations = 0 }

    public init(path: String) throws { store = try SnapshotStore(path: path) }

    @inline(__always)
    public func observe(_ event: MarketEvent) {
        switch event {
        case .trade(let t):
            let (s, e) = slots(t.symbol, t.stream)
            let cents = FixedDecimal.productCents(t.qty, t.price) ?? 0
            perSymbol[s][0].volumeCents &+= cents; perSymbol[s][e].volumeCents &+= cents
            lastPrice[s][0] = t.price.doubleValue; lastPrice[s][e] = t.price.doubleValue
        case .liquidation(let l):
            let (s, e) = slots(l.symbol, l.stream)
            for k in 0...1 {
                let slot = k == 0 ? 0 : e
                if l.side == .long { perSymbol[s][slot].longCents &+= l.usdCents } else { perSymbol[s][slot].shortCents &+= l.usdCents }
                perSymbol[s][slot].liquidations += 1
            }
        default: break
        }
    }

    private func slots(_ symbol: Symbol, _ stream: StreamID) -> (Int, Int) {
        let e = 1 + stream.index
        if let s = index[symbol] { return (s, e) }
        index[symbol] = perSymbol.count
        perSymbol.append(Array(repeating: Interval(), count: 1 + StreamID.allCases.count))
        lastPrice.append(Array(repeating: nil, count: 1 + StreamID.allCases.count))
        return (perSymbol.count - 1, e)
    }

    /// Rows for one sentiment snapshot of one symbol.
    public func record(_ snapshot: SentimentSnapshot, pipeline: Pipeline) {
        guard let state = pipeline.marketStates.first(where: { $0.symbol == snapshot.symbol }) else { return }
        let (s, _) = slots(snapshot.symbol, .binanceUSDM)
        let symbol = snapshot.symbol.description, t = snapshot.time
        let all = perSymbol[s][0]
        let oi = state.openInterestUSD.compactMap { $0 }

        pending.markets.append(MarketSnapshotRow(
            timeNs: t, symbol: symbol, price: state.lastPrice?.doubleValue, volumeUsd: Double(all.volumeCents) / 100,
            openInterestUsd: oi.isEmpty ? nil : oi.reduce(0, +), fundingRate: Pipeline.weightedFunding(state.funding, openInterestUSD: state.openInterestUSD),
            longLiqUsd: Double(all.longCents) / 100, shortLiqUsd: Double(all.shortCents) / 100, liquidations: all.liquidations,
            sentiment: snapshot.composite, sentimentLabel: snapshot.label, cascadeRisk: state.risk?.risk, cascadeLevel: state.risk?.level))
        for (i, id) in StreamID.allCases.enumerated() {
            let x = perSymbol[s][i + 1]
            guard x.volumeCents > 0 || x.liquidations > 0 || state.openInterestUSD[i] != nil || state.funding[i] != nil else { continue }
            pending.exchanges.append(ExchangeSnapshotRow(
                timeNs: t, symbol: symbol, exchange: id.rawValue, price: lastPrice[s][i + 1], volumeUsd: Double(x.volumeCents) / 100,
                openInterest: nil, openInterestUsd: state.openInterestUSD[i], fundingRate: state.funding[i], longPct: state.longPercent[i],
                longLiqUsd: Double(x.longCents) / 100, shortLiqUsd: Double(x.shortCents) / 100, liquidations: x.liquidations))
        }
        for (i, name) in SentimentSnapshot.factorNames.enumerated() {
            pending.factors.append(SentimentFactorRow(timeNs: t, symbol: symbol, factor: name, value: snapshot.factors[i],
                                                      weight: pipeline.config.sentimentWeights[i]))
        }
        pipeline.refreshSnapshot(at: t)
        if let view = pipeline.views.snapshotBySymbol.first(where: { $0.0 == snapshot.symbol })?.1 {
            pending.liquidations.append(LiquidationSnapshotRow(
                timeNs: t, symbol: symbol, window: PipelineConfig.label(pipeline.config.snapshotWindow), events: view.events,
                usd: Double(view.cents) / 100, longUsd: Double(view.longCents) / 100, shortUsd: Double(view.shortCents) / 100,
                largestUsd: view.largest.map { Double($0.usdCents) / 100 }, institutional: view.institutional))
        }
        perSymbol[s] = Array(repeating: Interval(), count: 1 + StreamID.allCases.count)
    }

    /// Writes the rows gathered since the last flush in one transaction.
    public func flush() throws {
        guard !pending.isEmpty else { return }
        try store.insert(pending)
        pending.removeAll()
        batches += 1
    }
}
