// Fixtures: Fixtures/real/shapes-2021-2026.jsonl (real frames), Fixtures/real/derived-shapes.jsonl
// (two real frames with one edit each); see PROVENANCE.md there.
import Foundation
import Testing
import LiqsimCore
import LiqsimExchanges

private typealias K = ExchangeTestKit

/// Every shape the venues have sent on their current API versions decodes: a non-ASCII
/// Binance symbol (raw and `\u`-escaped) and OKX v5 `funding-rate` frames of 2021–24.
@Suite struct FrameShapesTests {
    @Test func binanceLiquidationOfANonASCIISymbol() throws {
        var h = NormalizerHarness()
        let liqs = K.liquidations(h.decode(try Fixtures.line("shapes-2021-2026.jsonl", containing: "牛来USDT")))
        try #require(liqs.count == 1)
        let l = liqs[0]
        #expect(l.symbol.description == "牛来USDT")
        #expect(l.symbol.count == 10)
        #expect(l.rawSymbol == l.symbol)
        #expect(l.side == .long)                      // o.S SELL closes a long
        #expect(l.price.description == "0.1057892")   // ap, the average fill price
        #expect(l.qty.description == "9243")
        #expect(l.usdCents == 97_781)                 // 9243 × 0.1057892 = 977.8095756
        #expect(l.ts.rawValue == K.ns(ms: 1_790_526_546_763))
        #expect(h.diagnostics(.binanceUSDM).malformed == 0)
        // JSON output carries the symbol as UTF-8 text and stays valid JSON.
        let line = try jsonLine(.liquidation(l))
        #expect(line.contains("\"symbol\":\"牛来USDT\""))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["symbol"] as? String == "牛来USDT")
    }

    @Test func escapedSymbolDecodesToTheSameEvent() throws {
        var h = NormalizerHarness()
        let raw = K.liquidations(h.decode(try Fixtures.line("shapes-2021-2026.jsonl", containing: "牛来USDT")))
        let line = try Fixtures.line("derived-shapes.jsonl", containing: "\\u725b\\u6765USDT")
        let escaped = K.liquidations(h.decode(line))
        try #require(escaped.count == 1 && raw.count == 1)
        #expect(escaped[0].symbol == raw[0].symbol)
        #expect(escaped[0].price == raw[0].price && escaped[0].qty == raw[0].qty && escaped[0].side == raw[0].side)
        #expect(escaped[0].recv.rawValue == line.recv)
        #expect(h.diagnostics(.binanceUSDM).malformed == 0)
    }

    @Test func okxFunding2021WithoutTsUsesTheReceiveTime() throws {
        var h = NormalizerHarness()
        let line = try Fixtures.line("shapes-2021-2026.jsonl", containing: "-0.00003062")
        let marks = K.marks(h.decode(line))
        try #require(marks.count == 1)
        #expect(marks[0].symbol.description == "BTCUSDT")
        #expect(marks[0].rawSymbol.description == "BTC-USDT-SWAP")
        #expect(marks[0].fundingRate?.description == "-0.00003062")
        #expect(marks[0].nextFunding?.rawValue == K.ns(ms: 1_636_848_000_000))
        #expect(marks[0].ts.rawValue == line.recv)
        #expect(marks[0].mark == nil)
    }

    @Test func okxFunding2022InverseAndLinear() throws {
        var h = NormalizerHarness()
        let inverse = K.marks(h.decode(try Fixtures.line("shapes-2021-2026.jsonl", containing: "0.0000734174532791")))
        let linear = K.marks(h.decode(try Fixtures.line("shapes-2021-2026.jsonl", containing: "0.0001534702159002")))
        try #require(inverse.count == 1 && linear.count == 1)
        #expect(inverse[0].symbol.description == "BTCUSD")
        #expect(inverse[0].fundingRate?.description == "0.0000734174532791")
        #expect(inverse[0].ts.rawValue == 1_646_323_212_345_000_000)
        #expect(linear[0].symbol.description == "BTCUSDT")
        #expect(linear[0].fundingRate?.description == "0.0001534702159002")
        #expect(linear[0].nextFunding?.rawValue == K.ns(ms: 1_646_323_200_000))
        #expect(linear[0].ts.rawValue == 1_646_323_212_346_000_000)
    }

    @Test func okxFunding2024WithEmptyNextRate() throws {
        var h = NormalizerHarness()
        let marks = K.marks(h.decode(try Fixtures.line("shapes-2021-2026.jsonl", containing: "XRP-USDT-SWAP")))
        try #require(marks.count == 1)
        #expect(marks[0].symbol.description == "XRPUSDT")
        #expect(marks[0].fundingRate?.description == "0.0000348111167807")
        #expect(marks[0].nextFunding?.rawValue == K.ns(ms: 1_705_190_400_000))
        #expect(marks[0].ts.rawValue == K.ns(ms: 1_705_182_304_043))
    }

    @Test func okxFundingWithoutARateIsIgnoredNotMalformed() throws {
        var h = NormalizerHarness()
        let events = h.decode(try Fixtures.line("derived-shapes.jsonl", containing: "funding-rate"))
        #expect(events.isEmpty)
        let d = h.diagnostics(.okxSwap)
        #expect(d.ignored == 1)
        #expect(d.malformed == 0)
        // A rate or ts that is present but unreadable is malformed.
        let bad = "{\"arg\":{\"channel\":\"funding-rate\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"fundingRate\":\"x\",\"instId\":\"BTC-USDT-SWAP\"}]}"
        #expect(h.decode(frame: bad, stream: .okxSwap).isEmpty)
        #expect(h.diagnostics(.okxSwap).malformed == 1)
    }

    @Test func everyShapeFixtureDecodesWithoutMalformedFrames() throws {
        var h = NormalizerHarness()
        var events = 0
        for line in try Fixtures.lines("shapes-2021-2026.jsonl") + Fixtures.lines("derived-shapes.jsonl") { events += h.decode(line).count }
        #expect(events == 6)
        for stream in [StreamID.binanceUSDM, .okxSwap] { #expect(h.diagnostics(stream).malformed == 0, "\(stream)") }
    }

    private func jsonLine(_ event: MarketEvent) throws -> String {
        let out = OutputBuffer()
        out.appendJSONLine(event)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

@Suite struct SymbolTextTests {
    @Test func utf8NamesAreSymbolsUpTo32Bytes() {
        #expect(Symbol("牛来USDT")?.description == "牛来USDT")
        #expect(Symbol("币安人生USDT")?.count == 16)
        #expect(Symbol(String(repeating: "龙", count: 10) + "US") != nil)     // 32 bytes
        #expect(Symbol(String(repeating: "龙", count: 11)) == nil)           // 33 bytes
    }

    @Test func bytesThatEscapeOrMoveTextAreRefused() {
        for bad in ["BTC USDT", "BTC\"USDT", "BTC\\USDT", "BTC\u{7F}", "BTC\u{85}USDT", "BTC\u{202E}TDSU", "BTC\u{200B}USDT",
                    "BTC\u{2028}", "BTC\u{3000}USDT", ""] {
            #expect(Symbol(bad) == nil, "\(bad.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // Bytes that are not UTF-8 at all.
        for bytes: [UInt8] in [[0x42, 0xFF, 0x43], [0xE7, 0x89], [0xC0, 0xAF], [0xED, 0xA0, 0x80]] {
            #expect(Symbol(utf8: bytes) == nil, "\(bytes)")
        }
    }

    /// The word-at-a-time path (4 to 32 bytes) against a byte-by-byte reading of the rules:
    /// every length, every byte value at every position, and random mixes.
    @Test func wordPathMatchesTheByteRules() {
        func reference(_ b: [UInt8]) -> Bool? {
            guard !b.isEmpty, b.count <= 32 else { return nil }
            if b.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == 0x22 || $0 == 0x5C }) { return false }
            return b.allSatisfy { $0 < 0x80 } ? true : nil   // nil: non-ASCII, decided by the UTF-8 rules
        }
        func check(_ b: [UInt8]) {
            let s = Symbol(utf8: b)
            if let plain = reference(b) {
                #expect((s != nil) == plain, "\(b)")
                if plain { #expect(s.map { Array($0.description.utf8) } == b && s?.count == UInt8(b.count), "\(b)") }
            } else if b.count > 32 || b.isEmpty {
                #expect(s == nil)
            }
            if let s { #expect(s == Symbol(s.description), "\(b)") }
        }
        for n in 1...33 {
            let base = (0..<n).map { UInt8(0x41 + $0 % 26) }
            check(base)
            for i in 0..<n {
                for v in 0...255 { var b = base; b[i] = UInt8(v); check(b) }
            }
        }
        var rng = SeededRandom(seed: 16)
        for _ in 0..<20_000 {
            let n = Int(rng.next() % 34)
            check((0..<n).map { _ in UInt8(0x1E + rng.next() % 0x66) })
        }
    }
}
