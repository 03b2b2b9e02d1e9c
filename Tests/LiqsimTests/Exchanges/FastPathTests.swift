// Fixtures: Fixtures/real/misc-2026.jsonl, liquidations-2026.jsonl, bybit-linear-20260809-a-excerpt.jsonl,
// okx-swap-20220227-excerpt.jsonl (real frames; the mutated variants are derived from them by a seeded generator).
import Foundation
import Testing
import LiqsimCore
import LiqsimExchanges

/// The adapters' fast paths (`*Adapter+Fast.swift`) against their general paths: for the
/// real frames and for many mutated copies of them, an adapter with the fast path and one
/// without (each keeping its state across all frames, as in a replay) produce the same
/// events and the same diagnostics.
@Suite struct FastPathTests {
    /// An adapter with the fast path and one without, fed the same inputs.
    struct Pair<A: ExchangeAdapter> {
        var fast: A, general: A
        var fastDiagnostics = StreamDiagnostics(), generalDiagnostics = StreamDiagnostics()

        /// Decodes `bytes` with both; true when events and diagnostics agree.
        mutating func agree(_ bytes: [UInt8], recv: Int64) -> Bool {
            var a: [MarketEvent] = [], b: [MarketEvent] = []
            var copy = bytes
            copy.withUnsafeMutableBytes { raw in
                let input = ExchangeInput(kind: .frame, recv: UnixNanos(recv), payload: UnsafeRawBufferPointer(raw))
                fast.decode(input, into: &a, diagnostics: &fastDiagnostics)
                general.decode(input, into: &b, diagnostics: &generalDiagnostics)
            }
            return a == b && fastDiagnostics == generalDiagnostics
        }
    }

    static func realFrames(_ stream: StreamID) throws -> [FixtureLine] {
        try ["misc-2026.jsonl", "liquidations-2026.jsonl", "bybit-linear-20260809-a-excerpt.jsonl", "okx-swap-20220227-excerpt.jsonl"]
            .flatMap { try Fixtures.lines($0) }.filter { $0.stream == stream && $0.frame != nil }
    }

    /// Bytes that move a frame's structure or a value's meaning.
    static let alphabet = Array(#"{}[]",:\ -.0123456789aeEtfnruxABSLsTvp"#.utf8) + [0x09, 0x0A, 0x00, 0xC3, 0xFF]

    /// One mutation of `frame`: a byte replaced, inserted or deleted, a cut, a copied run
    /// (duplicated keys and values), or a digit run changed (values out of range).
    static func mutate(_ frame: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var f = frame
        let i = Int(rng.next() % UInt64(f.count))
        switch rng.next() % 7 {
        case 0: f[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
        case 1: f.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
        case 2: f.remove(at: i)
        case 3: f = Array(f[..<i])
        case 4:
            let n = min(Int(rng.next() % 24) + 1, f.count - i)
            f.insert(contentsOf: f[i..<(i + n)], at: min(i + n + Int(rng.next() % 8), f.count))
        case 5:
            var k = i
            while k < f.count, (0x30...0x39).contains(f[k]) { f[k] = 0x39; k += 1 }
            f.insert(contentsOf: Array(repeating: UInt8(ascii: "9"), count: Int(rng.next() % 20)), at: k)
        default:
            let a = Int(rng.next() % UInt64(f.count)), b = Int(rng.next() % UInt64(f.count))
            f.swapAt(a, b)
        }
        return f
    }

    func check<A: ExchangeAdapter>(_ pair: inout Pair<A>, _ stream: StreamID, taken: (inout A, [UInt8]) -> Bool) throws {
        let lines = try Self.realFrames(stream)
        var rng = SeededRandom(seed: 0x16A + UInt64(stream.index))
        var fastTaken = 0, mutated = 0
        for line in lines {
            let frame = Array(line.frame!.utf8)
            var probe = pair.fast
            if taken(&probe, frame) { fastTaken += 1 }
            let same = pair.agree(frame, recv: line.recv)
            #expect(same, "\(line.frame!)")
            for _ in 0..<1_500 {
                let variant = Self.mutate(frame, &rng)
                guard !variant.isEmpty else { continue }
                mutated += 1
                let ok = pair.agree(variant, recv: line.recv)
                #expect(ok, "\(String(decoding: variant, as: UTF8.self))")
                if !ok { return }
            }
        }
        // The real frames of the usual shapes took the fast path (the comparison is not vacuous).
        #expect(fastTaken >= 3, "\(fastTaken) of \(lines.count) real frames took the fast path")
        #expect(mutated > 10_000)
        #expect(pair.fastDiagnostics.frames == pair.generalDiagnostics.frames)
    }

    @Test func binanceFastPathAgreesWithGeneralPath() throws {
        var general = BinanceAdapter()
        general.fastPath = false
        var pair = Pair(fast: BinanceAdapter(), general: general)
        try check(&pair, .binanceUSDM) { a, f in Self.decodeFast(&a, f) }
    }

    @Test func bybitFastPathAgreesWithGeneralPath() throws {
        var general = BybitAdapter()
        general.fastPath = false
        var pair = Pair(fast: BybitAdapter(), general: general)
        try check(&pair, .bybitLinear) { a, f in Self.decodeFast(&a, f) }
    }

    @Test func okxFastPathAgreesWithGeneralPath() throws {
        var general = OKXAdapter()
        general.fastPath = false
        var pair = Pair(fast: OKXAdapter(), general: general)
        // Contract values first (the instruments REST body), so trades of every swap decode.
        for line in try Fixtures.lines("okx-swap-20220227-excerpt.jsonl") where line.body != nil {
            var body = Array(line.body!.utf8), url = Array(line.url!.utf8)
            body.withUnsafeMutableBytes { b in url.withUnsafeMutableBytes { u in
                let input = ExchangeInput(kind: .rest, recv: UnixNanos(line.recv), payload: UnsafeRawBufferPointer(b), url: UnsafeRawBufferPointer(u))
                var e: [MarketEvent] = []
                pair.fast.decode(input, into: &e, diagnostics: &pair.fastDiagnostics)
                pair.general.decode(input, into: &e, diagnostics: &pair.generalDiagnostics)
            } }
        }
        try check(&pair, .okxSwap) { a, f in Self.decodeFast(&a, f) }
    }

    /// True when the adapter's fast path handled `frame`.
    static func decodeFast<A: ExchangeAdapter>(_ adapter: inout A, _ frame: [UInt8]) -> Bool {
        var copy = frame, events: [MarketEvent] = [], d = StreamDiagnostics()
        return copy.withUnsafeMutableBytes { raw in
            let input = ExchangeInput(kind: .frame, recv: UnixNanos(0), payload: UnsafeRawBufferPointer(raw))
            switch adapter {
            case var a as BinanceAdapter: return a.decodeUsualFrame(input, into: &events, diagnostics: &d)
            case var a as BybitAdapter: return a.decodeUsualFrame(input, into: &events, diagnostics: &d)
            case var a as OKXAdapter: return a.decodeUsualFrame(input, into: &events, diagnostics: &d)
            default: return false
            }
        }
    }
}
