import LiqsimCapture
import LiqsimCore
import LiqsimExchanges

/// Encodes events as each exchange's native frames, holds them until their receive time
/// is reached, and writes them to the capture in receive order (ties: generation order).
/// With `recordExpected`, it also keeps, in capture order, the normalized events each
/// written record must decode to: the round-trip expectation.
final class SynthEmitter {
    let writer: CaptureWriter
    private var encoders: Encoders
    private let streamIndex: [StreamID: UInt8]
    private let scratch = OutputBuffer(capacity: 1 << 12)
    private var arena: [UInt8] = []
    private var pending: [Pending] = []
    private var seq: Int64 = 0
    private(set) var expected: [MarketEvent]?
    /// Binance decodes polled open interest with the last mark it saw: tracked in write order.
    private var lastBinanceMark: [Symbol: FixedDecimal] = [:]
    /// Binance pushes at most one liquidation per symbol per second: the last one wins.
    private var binanceLiquidationWindow: [Symbol: (second: Int64, event: Liquidation, recv: Int64)] = [:]
    private(set) var framesWritten = 0
    private(set) var binanceLiquidationsDropped = 0

    private struct Pending {
        var recv: Int64, seq: Int64, stream: UInt8, kind: RecordKind, url: String?
        var start: Int, count: Int
        var events: [MarketEvent]
        var binanceOpenInterest: Bool
    }

    init(writer: CaptureWriter, streams: [StreamID], okxContracts: [Symbol: (kind: ContractKind, value: FixedDecimal)], recordExpected: Bool) {
        self.writer = writer
        encoders = Encoders(okx: OKXEncoder(contracts: okxContracts))
        var map: [StreamID: UInt8] = [:]
        for (i, s) in streams.enumerated() { map[s] = UInt8(i) }
        streamIndex = map
        expected = recordExpected ? [] : nil
    }

    /// Queues one WebSocket frame for `event`.
    func frame(_ event: MarketEvent, on stream: StreamID, recv: Int64) {
        if stream == .binanceUSDM, case .liquidation(let l) = event {
            throttleBinance(l, recv: recv)
            return
        }
        scratch.removeAll()
        let ok = encoders.encodeFrame(event, on: stream, into: scratch)
        precondition(ok, "synth produced an event its exchange cannot encode exactly: \(event)")
        queue(stream: stream, kind: .text, url: nil, recv: recv, events: [event])
    }

    /// Queues a REST response whose body the caller wrote with `body`.
    func rest(on stream: StreamID, url: String, recv: Int64, events: [MarketEvent], binanceOpenInterest: Bool = false,
              body: (inout Encoders, OutputBuffer) -> Void) {
        scratch.removeAll()
        body(&encoders, scratch)
        queue(stream: stream, kind: .rest, url: url, recv: recv, events: events, binanceOpenInterest: binanceOpenInterest)
    }

    /// The encoders of the venues synth simulates (their counters and ticker state live
    /// here). The simulator models these three venues' feeds and REST polls by design
    /// (SynthGenerator+Feeds); a spec naming another venue is refused when it is read.
    struct Encoders {
        var binance = BinanceEncoder()
        var bybit = BybitEncoder()
        var okx: OKXEncoder

        static let simulated: Set<StreamID> = [BinanceEncoder.stream, BybitEncoder.stream, OKXEncoder.stream]

        mutating func encodeFrame(_ event: MarketEvent, on stream: StreamID, into out: OutputBuffer) -> Bool {
            if stream == BinanceEncoder.stream { return binance.encodeFrame(event, into: out) }
            if stream == BybitEncoder.stream { return bybit.encodeFrame(event, into: out) }
            if stream == OKXEncoder.stream { return okx.encodeFrame(event, into: out) }
            return false
        }
    }

    private func queue(stream: StreamID, kind: RecordKind, url: String?, recv: Int64, events: [MarketEvent], binanceOpenInterest: Bool = false) {
        let start = arena.count
        arena.append(contentsOf: scratch.bytes)
        pending.append(Pending(recv: recv, seq: seq, stream: streamIndex[stream]!, kind: kind, url: url, start: start,
                               count: scratch.count, events: events, binanceOpenInterest: binanceOpenInterest))
        seq += 1
    }

    /// Binance's snapshot rule: within each second, only the symbol's last liquidation is
    /// pushed, when the second ends.
    private func throttleBinance(_ l: Liquidation, recv: Int64) {
        let second = l.ts.rawValue / 1_000_000_000
        if let open = binanceLiquidationWindow[l.symbol] {
            if open.second == second {
                binanceLiquidationsDropped += 1
                binanceLiquidationWindow[l.symbol] = (second, l, recv)
                return
            }
            pushBinance(open)
        }
        binanceLiquidationWindow[l.symbol] = (second, l, recv)
    }

    private func pushBinance(_ w: (second: Int64, event: Liquidation, recv: Int64)) {
        scratch.removeAll()
        let event = MarketEvent.liquidation(w.event)
        precondition(encoders.binance.encodeFrame(event, into: scratch))
        // Pushed at the end of its second, after the exchange's usual latency.
        let recv = max(w.recv, (w.second + 1) * 1_000_000_000 + (w.recv - w.event.ts.rawValue))
        queue(stream: .binanceUSDM, kind: .text, url: nil, recv: recv, events: [event])
    }

    /// Writes every queued record received at or before `time`, in receive order.
    func flush(upTo time: Int64) throws {
        // Sorted: dictionary order differs between processes, output order must not.
        for (symbol, w) in binanceLiquidationWindow.sorted(by: { $0.key < $1.key }) where (w.second + 1) * 1_000_000_000 <= time {
            pushBinance(w)
            binanceLiquidationWindow[symbol] = nil
        }
        guard !pending.isEmpty else { return }
        pending.sort { ($0.recv, $0.seq) < ($1.recv, $1.seq) }
        var written = 0
        for p in pending {
            guard p.recv <= time else { break }
            try write(p)
            written += 1
        }
        pending.removeFirst(written)
        if pending.isEmpty { arena.removeAll(keepingCapacity: true) }
        else if arena.count > 1 << 22 { compactArena() }
    }

    /// Writes everything left (end of the run).
    func finish() throws {
        for (_, w) in binanceLiquidationWindow.sorted(by: { $0.key < $1.key }) { pushBinance(w) }
        binanceLiquidationWindow = [:]
        try flush(upTo: .max)
    }

    private func write(_ p: Pending) throws {
        let bytes = arena[p.start..<(p.start + p.count)]
        if p.kind == .rest {
            try writer.appendREST(streamIndex: p.stream, recv: UnixNanos(p.recv), status: 200, url: p.url ?? "", body: bytes)
        } else {
            try writer.append(kind: p.kind, streamIndex: p.stream, recv: UnixNanos(p.recv), payload: bytes)
        }
        framesWritten += 1
        guard expected != nil else { return }
        for var event in p.events {
            switch event {
            case .trade(var e): e.recv = UnixNanos(p.recv); event = .trade(e)
            case .liquidation(var e): e.recv = UnixNanos(p.recv); event = .liquidation(e)
            case .mark(var e):
                e.recv = UnixNanos(p.recv); event = .mark(e)
                if e.stream == .binanceUSDM, let m = e.mark { lastBinanceMark[e.symbol] = m }
            case .openInterest(var e):
                e.recv = UnixNanos(p.recv)
                if p.binanceOpenInterest { e.oiUSDCents = lastBinanceMark[e.symbol].flatMap { FixedDecimal.productCents(e.oi, $0) } }
                event = .openInterest(e)
            case .longShortRatio(var e): e.recv = UnixNanos(p.recv); event = .longShortRatio(e)
            case .instrument(var e): e.recv = UnixNanos(p.recv); event = .instrument(e)
            }
            expected!.append(event)
        }
    }

    private func compactArena() {
        let base = pending.map(\.start).min() ?? arena.count
        arena.removeFirst(base)
        for i in pending.indices { pending[i].start -= base }
    }
}
