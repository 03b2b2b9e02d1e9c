import Foundation
import LiqsimCore

/// What really happened in the model: every liquidation (before Binance's one-per-second
/// throttling), the cascades they formed, each symbol's open-interest mass balance, and
/// hourly snapshots of where the open positions' liquidation prices are.
struct SynthTruth {
    struct TrueLiquidation {
        var event: Liquidation
        var leverage: Double
        var cascade: Int?
    }

    struct Cascade {
        var id: Int
        var symbol: Symbol
        var start: Int64, end: Int64
        var count: Int
        var longCents: Int64, shortCents: Int64
        var exchanges: Set<StreamID>
        var shock: Int?
    }

    private(set) var liquidations: [TrueLiquidation] = []
    private(set) var cascades: [Cascade] = []
    var levelSnapshots: [LiquidationLevelSnapshot] = []
    /// Per symbol: indices of the liquidations of the cascade being built.
    private var open: [Symbol: [Int]] = [:]

    mutating func record(_ l: Liquidation, leverage: Double, spec: SynthSpec) {
        if let run = open[l.symbol], let last = run.last, l.ts.rawValue - liquidations[last].event.ts.rawValue > spec.cascadeGap {
            close(l.symbol, spec: spec)
        }
        liquidations.append(TrueLiquidation(event: l, leverage: leverage))
        open[l.symbol, default: []].append(liquidations.count - 1)
    }

    mutating func closeAll(spec: SynthSpec) {
        for symbol in open.keys.sorted() { close(symbol, spec: spec) }
    }

    /// Turns the symbol's run of liquidations into a cascade if it is large enough.
    private mutating func close(_ symbol: Symbol, spec: SynthSpec) {
        guard let run = open.removeValue(forKey: symbol), let first = run.first, let last = run.last else { return }
        var c = Cascade(id: cascades.count, symbol: symbol, start: liquidations[first].event.ts.rawValue, end: liquidations[last].event.ts.rawValue,
                        count: run.count, longCents: 0, shortCents: 0, exchanges: [], shock: nil)
        for i in run {
            let e = liquidations[i].event
            // Times within one simulation step are not ordered: the run spans min…max.
            c.start = min(c.start, e.ts.rawValue)
            c.end = max(c.end, e.ts.rawValue)
            if e.side == .long { c.longCents += e.usdCents } else { c.shortCents += e.usdCents }
            c.exchanges.insert(e.stream)
        }
        guard Double(c.longCents + c.shortCents) / 100 >= spec.cascadeMinUSD else { return }
        c.shock = spec.shocks.indices.first { k in
            let s = spec.shocks[k]
            let from = spec.start.rawValue + s.at, to = from + s.duration + spec.cascadeGap
            return s.symbol == symbol.description && c.start <= to && c.end >= from
        }
        for i in run { liquidations[i].cascade = c.id }
        cascades.append(c)
    }

    /// JSON lines: liquidations in time order, then cascades, then mass-balance lines, then
    /// liquidation-level snapshots in time order.
    func write(to path: String, spec: SynthSpec, markets: [SymbolMarket]) throws {
        let out = OutputBuffer(capacity: 1 << 20)
        for t in liquidations.sorted(by: { ($0.event.ts, $0.event.stream.rawValue) < ($1.event.ts, $1.event.stream.rawValue) }) {
            let e = t.event
            out.append("{\"type\":\"liquidation\",\"ts_ns\":"); out.append(int: e.ts.rawValue)
            out.append(",\"exchange\":\""); out.append(e.stream.jsonValue)
            out.append("\",\"symbol\":\""); out.append(e.symbol)
            out.append("\",\"side\":\""); out.append(e.side.jsonValue)
            out.append("\",\"price\":\""); out.append(e.price)
            out.append("\",\"qty\":\""); out.append(e.qty)
            out.append("\",\"usd\":"); out.append(cents: e.usdCents)
            out.append(",\"leverage\":"); out.append(int: Int64(t.leverage))
            out.append(",\"cascade\":")
            if let c = t.cascade { out.append(int: Int64(c)) } else { out.append("null") }
            out.append("}\n")
        }
        for c in cascades {
            out.append("{\"type\":\"cascade\",\"id\":"); out.append(int: Int64(c.id))
            out.append(",\"symbol\":\""); out.append(c.symbol)
            out.append("\",\"side\":\""); out.append(c.longCents >= c.shortCents ? "long" : "short")
            out.append("\",\"start_ns\":"); out.append(int: c.start)
            out.append(",\"end_ns\":"); out.append(int: c.end)
            out.append(",\"liquidations\":"); out.append(int: Int64(c.count))
            out.append(",\"usd\":"); out.append(cents: c.longCents + c.shortCents)
            out.append(",\"long_usd\":"); out.append(cents: c.longCents)
            out.append(",\"short_usd\":"); out.append(cents: c.shortCents)
            out.append(",\"exchanges\":"); out.append(int: Int64(c.exchanges.count))
            out.append(",\"trigger\":\""); out.append(c.shock == nil ? "organic" : "shock")
            out.append("\",\"shock\":")
            if let s = c.shock { out.append(int: Int64(s)) } else { out.append("null") }
            out.append("}\n")
        }
        for m in markets {
            for (e, exchange) in spec.exchanges.enumerated() {
                out.append("{\"type\":\"open_interest_balance\",\"symbol\":\""); out.append(m.symbol)
                out.append("\",\"exchange\":\""); out.append(exchange.stream.jsonValue)
                out.append("\",\"oi_start\":\""); out.append(m.quantity(m.initialOI[e], exchange: e))
                out.append("\",\"opened\":\""); out.append(m.quantity(m.opened[e], exchange: e))
                out.append("\",\"closed\":\""); out.append(m.quantity(m.closed[e], exchange: e))
                out.append("\",\"liquidated\":\""); out.append(m.quantity(m.liquidated[e], exchange: e))
                out.append("\",\"oi_end\":\""); out.append(m.quantity(m.book.openInterestLots(e), exchange: e))
                out.append("\"}\n")
            }
        }
        writeLevels(into: out)
        guard FileManager.default.createFile(atPath: path, contents: Data(out.bytes)) else {
            throw SynthSpecError(file: path, line: nil, field: "--truth", message: "cannot write the truth file")
        }
    }
}
