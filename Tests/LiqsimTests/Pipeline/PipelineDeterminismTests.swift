import Testing
import LiqsimCore
import LiqsimSession
import LiqsimPipeline

@Suite("Pipeline determinism")
struct PipelineDeterminismTests {
    /// A seeded mix of every event kind over 3 hours, 2 symbols, 3 exchanges, with bursts of
    /// large liquidations.
    static func events(seed: UInt64, count: Int) -> [MarketEvent] {
        var state = seed
        func next(_ n: UInt64) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((state >> 33) % n)
        }
        let streams: [StreamID] = [.binanceUSDM, .bybitLinear, .okxSwap]
        var t = PK.at(0, 7)
        var out: [MarketEvent] = []
        for _ in 0..<count {
            t += next(6_000) * 1_000_000 + 1
            let stream = streams[Int(next(3))]
            let symbol = next(4) == 0 ? PK.eth : PK.btc
            let base: Int64 = symbol == PK.eth ? 30_000 : 500_000
            let price = "\(FixedDecimal(mantissa: base + next(2_000), scale: 1))"
            switch next(20) {
            case 0..<12:
                out.append(PK.trade(t, stream, next(2) == 0 ? .buy : .sell, price, "0.\(next(999) + 1)", symbol: symbol))
            case 12..<16:
                out.append(PK.liq(t, stream, next(3) == 0 ? .short : .long, price, "\(next(4)).\(next(99) + 1)", symbol: symbol))
            case 16:
                out.append(PK.funding(t, stream, "0.000\(next(9) + 1)", symbol: symbol))
            case 17:
                out.append(PK.openInterest(t, stream, oi: "\(10_000 + next(500))", usdCents: next(2) == 0 ? nil : 50_000_000_000 + next(1_000_000_000), symbol: symbol))
            case 18:
                out.append(PK.longShort(t, stream, "\(40 + next(20)).\(next(100))", symbol: symbol))
            default:
                out.append(PK.tick(t))
            }
        }
        return out
    }

    static func lines(_ events: [MarketEvent], config: PipelineConfig) -> (json: String, log: String, count: Int) {
        let p = Pipeline(config: config)
        let json = OutputBuffer(), log = OutputBuffer()
        var n = 0
        for e in events {
            var signals: [PipelineSignal] = []
            p.process(e, into: &signals)
            for s in signals { json.appendJSONLine(s); log.appendLogLine(s) }
            n += signals.count
        }
        return (json.string, log.string, n)
    }

    @Test func sameEventsGiveIdenticalSignals() {
        let config = PK.config { $0.barIntervals = [PK.minute, 5 * PK.minute, 15 * PK.minute]; $0.sentimentInterval = 5 * PK.minute }
        let events = Self.events(seed: 42, count: 4_000)
        let a = Self.lines(events, config: config)
        let b = Self.lines(Self.events(seed: 42, count: 4_000), config: config)
        #expect(a.count > 100)
        #expect(a.json == b.json)
        #expect(a.log == b.log)
        for type in ["bar", "sentiment", "cascade_risk"] { #expect(a.json.contains("{\"type\":\"\(type)\""), "\(type)") }
        // Every signal is stamped no later than the event that caused it, in non-decreasing time.
        let times = a.json.split(separator: "\n").compactMap { line -> Int64? in
            guard let r = line.range(of: "\"recv_ns\":") else { return nil }
            return Int64(line[r.upperBound...].prefix { $0.isNumber })
        }
        #expect(times.count == a.count && zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        // A different capture gives different output (the comparison is not vacuous).
        #expect(Self.lines(Self.events(seed: 43, count: 4_000), config: config).json != a.json)
    }
}
