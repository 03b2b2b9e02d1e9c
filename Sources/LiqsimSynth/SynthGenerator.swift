import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges

/// What a run produced.
public struct SynthResult: Sendable {
    public var records = 0
    public var trueLiquidations = 0
    public var binanceLiquidationsDropped = 0
    public var cascades = 0
    public var bytes: UInt64 = 0
    /// With `recordExpected`: every record's normalized events, in capture order.
    public var expected: [MarketEvent]?
}

/// The leveraged-market generator (docs/synth.md). Deterministic: the spec's seed drives
/// every draw; no clock or unseeded randomness is read.
public final class SynthGenerator {
    public let spec: SynthSpec
    var markets: [SymbolMarket] = []
    var latencyRNG: [SynthRandom] = []
    var truth = SynthTruth()
    var emitter: SynthEmitter!
    /// Current simulation time (ns since the epoch).
    var now: Int64 = 0
    static let year: Double = 365.25 * 86_400e9

    public init(spec: SynthSpec) {
        self.spec = spec
        let root = SynthRandom(seed: spec.seed)
        latencyRNG = spec.exchanges.indices.map { root.derived(1_000 + UInt64($0)) }
        for (i, s) in spec.symbols.enumerated() {
            var market = SymbolMarket(spec: s, index: i, exchanges: spec.exchanges, rng: root.derived(UInt64(i) + 1))
            seedPositions(&market)
            market.initialOI = spec.exchanges.indices.map { market.book.openInterestLots($0) }
            markets.append(market)
        }
    }

    /// Writes the capture (and the truth file). `progress` gets the fraction done.
    public func run(out path: String, truthPath: String? = nil, replace: Bool = false, recordExpected: Bool = false,
                    progress: ((Double) -> Void)? = nil) throws -> SynthResult {
        let streams = spec.exchanges.map(\.stream)
        let header = CaptureHeader(source: "synth", streams: streams.map { CaptureHeader.Stream(id: $0.rawValue) },
                                   notes: ["scenario \(spec.name)", "seed \(spec.seed)"])
        let writer = try CaptureWriter(path: path, header: header, replace: replace)
        var contracts: [Symbol: (kind: ContractKind, value: FixedDecimal)] = [:]
        if let okx = spec.exchanges.firstIndex(where: { $0.stream == .okxSwap }) {
            for m in markets { contracts[m.rawSymbols[okx]] = (.linear, m.lots[okx]) }
        }
        emitter = SynthEmitter(writer: writer, streams: streams, okxContracts: contracts, recordExpected: recordExpected)
        now = spec.start.rawValue
        emitStartup()
        let steps = spec.duration / spec.step
        let reportEvery = max(1, steps / 200)
        for step in 0..<steps {
            now = spec.start.rawValue + step * spec.step
            for i in markets.indices { advance(&markets[i]) }
            emitFeeds()
            try emitter.flush(upTo: now)
            // Level snapshots describe the book at the end of the step that reaches the hour.
            let stepEnd = now + spec.step
            if truthPath != nil, (stepEnd - spec.start.rawValue) % SynthTruth.levelEvery == 0 || stepEnd == spec.end.rawValue {
                for m in markets { truth.snapshotLevels(m, at: stepEnd) }
            }
            if let progress, step % reportEvery == 0 { progress(Double(step) / Double(steps)) }
        }
        now = spec.end.rawValue
        try emitter.finish()
        try writer.close()
        truth.closeAll(spec: spec)
        if let truthPath { try truth.write(to: truthPath, spec: spec, markets: markets) }
        progress?(1)
        var result = SynthResult()
        result.records = emitter.framesWritten
        result.trueLiquidations = truth.liquidations.count
        result.binanceLiquidationsDropped = emitter.binanceLiquidationsDropped
        result.cascades = truth.cascades.count
        result.bytes = writer.bytesWritten
        result.expected = emitter.expected
        return result
    }

    /// Receive time for an exchange event at `ts`: the exchange's latency plus seeded jitter.
    func receiveTime(_ ts: Int64, exchange e: Int) -> Int64 {
        let latency = Double(spec.exchanges[e].latency)
        return ts + Int64(latency * 0.8 + latencyRNG[e].exponential(mean: latency * 0.2))
    }

    /// Exchange time within the current step, on whole milliseconds (frames carry ms).
    func eventTime(_ rng: inout SynthRandom) -> Int64 {
        let t = now + Int64(rng.uniform() * Double(spec.step))
        return t - t % 1_000_000
    }
}
