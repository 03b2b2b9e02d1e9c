// Fixtures: Fixtures/real/liquidations-2026.jsonl, Fixtures/real/misc-2026.jsonl,
// Fixtures/real/bybit-linear-20260809-a-excerpt.jsonl, Fixtures/real/okx-swap-20220227-excerpt.jsonl
// (real frames; the variants below are derived from them and say how).
import Foundation
import Testing
import LiqsimCore
import LiqsimExchanges

@Suite struct ExchangesRobustnessTests {
    typealias K = ExchangeTestKit

    /// Real frames of every event type that decode without prior state.
    static func statelessRealLines() throws -> [FixtureLine] {
        try Fixtures.lines("liquidations-2026.jsonl").filter { $0.stream != .okxSwap || $0.frame!.contains("BTC-USDT") }
            + Fixtures.lines("misc-2026.jsonl")
            + [Fixtures.line("bybit-linear-20260809-a-excerpt.jsonl", containing: "a519448f-56e5-58e6-90a1-004086e0e530"),
               Fixtures.line("bybit-linear-20260809-a-excerpt.jsonl", containing: "\"fundingRate\":\"0.00004709\"")]
    }

    // MARK: Key order and unknown fields

    /// Every object's keys sorted, reversed, with unknown fields added everywhere
    /// (values containing brackets and quotes inside strings), and pretty-printed:
    /// the events are identical to the original frame's.
    @Test(arguments: [(K.KeyOrder.sorted, false, false), (.reversed, false, false), (.sorted, true, false), (.reversed, true, true)])
    func keyOrderAndUnknownFieldsDoNotMatter(order: K.KeyOrder, unknown: Bool, pretty: Bool) throws {
        var checked = 0
        for line in try Self.statelessRealLines() {
            let frame = line.frame!
            var a = NormalizerHarness(), b = NormalizerHarness()
            let original = a.decode(frame: frame, stream: line.stream, recv: line.recv)
            let variant = try K.reserialize(frame, order: order, addUnknownFields: unknown, pretty: pretty)
            let events = b.decode(frame: variant, stream: line.stream, recv: line.recv)
            #expect(events == original, "\(variant)")
            #expect(b.diagnostics(line.stream) == a.diagnostics(line.stream), "\(variant)")
            checked += original.count
        }
        #expect(checked >= 14)
    }

    /// Stateful paths too: the OKX instruments REST body, then CELO, re-serialized.
    @Test func keyOrderIndependenceOKXInstrumentsAndLiquidation() throws {
        let instruments = try #require(Fixtures.lines("okx-swap-20220227-excerpt.jsonl").first { $0.body != nil })
        let celo = try Fixtures.line("liquidations-2026.jsonl", containing: "CELO-USDT-SWAP")
        var a = NormalizerHarness(), b = NormalizerHarness()
        let original = a.decode(instruments) + a.decode(celo)
        let events = b.decode(rest: try K.reserialize(instruments.body!, order: .reversed, addUnknownFields: true),
                              url: instruments.url!, stream: .okxSwap, recv: instruments.recv)
            + b.decode(frame: try K.reserialize(celo.frame!, order: .reversed, addUnknownFields: true), stream: .okxSwap, recv: celo.recv)
        #expect(K.liquidations(original).count == 1)
        #expect(events == original)
    }

    /// Bybit ticker snapshot then delta, re-serialized with reversed keys.
    @Test func keyOrderIndependenceBybitTickers() throws {
        let lines = Array(try Fixtures.lines("bybit-linear-20260809-a-excerpt.jsonl").prefix(3))
        var a = NormalizerHarness(), b = NormalizerHarness()
        var original: [MarketEvent] = [], events: [MarketEvent] = []
        for l in lines {
            original += a.decode(l)
            events += b.decode(frame: try K.reserialize(l.frame!, order: .reversed, addUnknownFields: true, pretty: true), stream: l.stream, recv: l.recv)
        }
        #expect(original.count == 4)
        #expect(events == original)
    }

    // MARK: Ignored and unknown channels

    @Test func bybitOrderbookKlineAndAcksAreIgnored() throws {
        var h = NormalizerHarness()
        for needle in ["orderbook.200.BTCUSDT", "kline.1.BTCUSDT", "\"op\":\"subscribe\""] {
            #expect(h.decode(try Fixtures.line("bybit-linear-20260809-a-excerpt.jsonl", containing: needle)).isEmpty)
        }
        let d = h.diagnostics(.bybitLinear)
        #expect(d.ignored == 3)
        #expect(d.unknownChannel == 0 && d.malformed == 0)
    }

    /// An invented topic `foo.BTCUSDT` (derived from the real publicTrade frame) is an unknown channel.
    @Test func bybitInventedTopicIsUnknownChannel() throws {
        let real = try Fixtures.line("bybit-linear-20260809-a-excerpt.jsonl", containing: "a9188a0a-82bc-50de-be60-03eedbe3cdd7").frame!
        var h = NormalizerHarness()
        #expect(h.decode(frame: K.derive(real, replacing: "publicTrade.BTCUSDT", with: "foo.BTCUSDT"), stream: .bybitLinear).isEmpty)
        let d = h.diagnostics(.bybitLinear)
        #expect(d.unknownChannel == 1)
        #expect(d.malformed == 0 && d.ignored == 0)
    }

    @Test func okxBooksTickersAndSubscribeAreIgnored() throws {
        var h = NormalizerHarness()
        let lines = try Fixtures.lines("okx-swap-20220227-excerpt.jsonl")
        let books = try #require(lines.first { $0.frame?.contains("\"data\"") == true && $0.frame!.contains("books-l2-tbt") })
        let tickers = try #require(lines.first { $0.frame?.contains("\"data\"") == true && $0.frame!.contains("\"channel\":\"tickers\"") })
        let ack = try #require(lines.first { $0.frame?.hasPrefix("{\"event\":\"subscribe\"") == true })
        for l in [books, tickers, ack] { #expect(h.decode(l).isEmpty) }
        let d = h.diagnostics(.okxSwap)
        #expect(d.ignored == 3)
        #expect(d.unknownChannel == 0 && d.malformed == 0)
    }

    /// An invented OKX channel (derived from the real mark-price frame) is an unknown channel.
    @Test func okxInventedChannelIsUnknownChannel() throws {
        let real = try Fixtures.line("misc-2026.jsonl", containing: "\"channel\":\"mark-price\"").frame!
        var h = NormalizerHarness()
        #expect(h.decode(frame: K.derive(real, replacing: "\"channel\":\"mark-price\"", with: "\"channel\":\"foo\""), stream: .okxSwap).isEmpty)
        #expect(h.diagnostics(.okxSwap).unknownChannel == 1)
        #expect(h.diagnostics(.okxSwap).malformed == 0)
    }

    /// A real frame cut just before its closing `]}` is invalid JSON: counted malformed and
    /// NO event (the elements before the cut must not leak out).
    @Test(arguments: [("liquidations-2026.jsonl", "STRKUSDT"), ("liquidations-2026.jsonl", "ICPUSDT"),
                      ("misc-2026.jsonl", "\"channel\":\"funding-rate\""), ("misc-2026.jsonl", "\"channel\":\"open-interest\""),
                      ("misc-2026.jsonl", "\"channel\":\"mark-price\""), ("bybit-linear-20260809-a-excerpt.jsonl", "a519448f-56e5-58e6-90a1-004086e0e530")])
    func frameCutBeforeClosingBracketsEmitsNothing(file: String, needle: String) throws {
        let line = try Fixtures.line(file, containing: needle)
        let frame = line.frame!
        #expect(frame.hasSuffix("]}"))
        var h = NormalizerHarness()
        #expect(h.decode(frame: String(frame.dropLast(2)), stream: line.stream).isEmpty)
        #expect(h.diagnostics(line.stream).malformed == 1)
        var h2 = NormalizerHarness()
        #expect(h2.decode(frame: String(frame.dropLast(1)), stream: line.stream).isEmpty)
        #expect(h2.diagnostics(line.stream).malformed == 1)
    }

    @Test func binanceIgnoredAndUnknownEventTypes() throws {
        var h = NormalizerHarness()
        #expect(h.decode(try Fixtures.line("binance-usdm-20210417-excerpt.jsonl", containing: "bookTicker")).isEmpty)
        #expect(h.decode(try Fixtures.line("binance-usdm-20210417-excerpt.jsonl", containing: "depthUpdate")).isEmpty)
        #expect(h.decode(try Fixtures.line("binance-usdm-20210417-excerpt.jsonl", containing: "kline_1m")).isEmpty)
        // Derived from the real aggTrade frame: event type renamed.
        let real = try Fixtures.line("misc-2026.jsonl", containing: "3404749954").frame!
        #expect(h.decode(frame: K.derive(real, replacing: "\"e\":\"aggTrade\"", with: "\"e\":\"fooEvent\""), stream: .binanceUSDM).isEmpty)
        let d = h.diagnostics(.binanceUSDM)
        #expect(d.ignored == 3)
        #expect(d.unknownChannel == 1)
        #expect(d.malformed == 0)
    }

    // MARK: Malformed frames

    /// A real frame of the stream that decodes to events: a chosen one where we have it, else
    /// the first such frame of the stream in the fixtures (a new venue brings its own).
    static func realFrame(of stream: StreamID) throws -> String {
        let chosen: [StreamID: (file: String, needle: String)] = [
            .binanceUSDM: ("liquidations-2026.jsonl", "STGUSDT"),
            .bybitLinear: ("liquidations-2026.jsonl", "ICPUSDT"),
            .okxSwap: ("misc-2026.jsonl", "\"channel\":\"mark-price\""),
        ]
        if let c = chosen[stream] { return try Fixtures.line(c.file, containing: c.needle).frame! }
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        for file in files {
            for line in try Fixtures.lines(file) where line.stream == stream {
                guard let frame = line.frame else { continue }
                var h = NormalizerHarness()
                if !h.decode(frame: frame, stream: stream).isEmpty { return frame }
            }
        }
        throw FixtureMissing(stream: stream)
    }

    struct FixtureMissing: Error { var stream: StreamID }

    /// Truncated real frames, `{`, empty, and garbage: counted as malformed, no events, no crash.
    @Test(arguments: StreamID.allCases)
    func brokenFramesAreMalformed(stream: StreamID) throws {
        let real = try Self.realFrame(of: stream)
        let utf8 = Array(real.utf8)
        let broken: [[UInt8]] = [
            Array(utf8.prefix(utf8.count / 2)),       // truncated in the middle
            Array(utf8.dropLast()),                   // last brace missing
            Array(utf8.dropLast(3)),                  // truncated near the end
            Array("{".utf8),
            [],
            [0xFF, 0xFE, 0x00, 0x9C, 0x7B, 0x22, 0x01, 0x80],   // binary garbage
            Array("not json at all".utf8),
            Array("[1,2,3]".utf8),
        ]
        var h = NormalizerHarness()
        for bytes in broken {
            let events = K.decode(bytes: bytes, stream: stream, into: &h)
            #expect(events.isEmpty, "\(bytes)")
        }
        let d = h.diagnostics(stream)
        #expect(d.frames == broken.count)
        #expect(d.malformed == broken.count)
        #expect(d.eventTotal == 0)
        #expect(d.samples.count == 5)
        #expect(d.samples.allSatisfy { $0.problem == .malformed })
    }

    /// Every prefix of a real frame of each exchange: never a crash, never an event.
    @Test func everyPrefixOfRealFramesIsSafe() throws {
        let lines = [try Fixtures.line("liquidations-2026.jsonl", containing: "MANTAUSDT"),
                     try Fixtures.line("liquidations-2026.jsonl", containing: "STRKUSDT"),
                     try Fixtures.line("misc-2026.jsonl", containing: "\"channel\":\"funding-rate\"")]
        for line in lines {
            let utf8 = Array(line.frame!.utf8)
            var h = NormalizerHarness()
            for n in 0..<utf8.count {
                let prefix = Array(utf8.prefix(n))
                #expect(K.decode(bytes: prefix, stream: line.stream, into: &h).isEmpty, "prefix \(n)/\(utf8.count): \(String(decoding: prefix, as: UTF8.self))")
            }
            let d = h.diagnostics(line.stream)
            #expect(d.eventTotal == 0)
            #expect(d.malformed + d.unknownChannel == utf8.count)
        }
    }

    /// Required values of the wrong type or unparsable (derived from real frames).
    @Test func invalidValuesAreMalformed() throws {
        let stg = try Fixtures.line("liquidations-2026.jsonl", containing: "STGUSDT").frame!
        let icp = try Fixtures.line("liquidations-2026.jsonl", containing: "ICPUSDT").frame!
        let mark = try Fixtures.line("misc-2026.jsonl", containing: "\"channel\":\"mark-price\"").frame!
        let cases: [(StreamID, String)] = [
            (.binanceUSDM, K.derive(stg, replacing: "\"ap\":\"0.1355000\"", with: "\"ap\":\"abc\"")),
            (.binanceUSDM, K.derive(stg, replacing: "\"ap\":\"0.1355000\"", with: "\"ap\":\"1.355e-1\"")),
            (.binanceUSDM, K.derive(stg, replacing: "\"ap\":\"0.1355000\"", with: "\"ap\":null")),
            (.binanceUSDM, K.derive(stg, replacing: "\"ap\":\"0.1355000\"", with: "\"ap\":\"NaN\"")),
            (.binanceUSDM, K.derive(stg, replacing: "\"z\":\"5\"", with: "\"z\":\"\"")),
            (.binanceUSDM, K.derive(stg, replacing: "\"S\":\"SELL\"", with: "\"S\":\"HOLD\"")),
            (.binanceUSDM, K.derive(stg, replacing: "\"z\":\"5\",", with: "")),
            (.bybitLinear, K.derive(icp, replacing: "\"p\":\"2.585\"", with: "\"p\":true")),
            (.bybitLinear, K.derive(icp, replacing: "\"v\":\"19.7\"", with: "\"v\":\"1.2.3\"")),
            (.bybitLinear, K.derive(icp, replacing: "\"S\":\"Buy\"", with: "\"S\":\"buy\"")),
            (.okxSwap, K.derive(mark, replacing: "\"markPx\":\"83679.8\"", with: "\"markPx\":[83679.8]")),
            (.okxSwap, K.derive(mark, replacing: "\"ts\":\"1790358817778\"", with: "\"ts\":\"soon\"")),
        ]
        for (stream, frame) in cases {
            var h = NormalizerHarness()
            #expect(h.decode(frame: frame, stream: stream).isEmpty, "\(frame)")
            #expect(h.diagnostics(stream).malformed == 1, "\(frame)")
        }
    }

    /// A bare JSON number where the exchange sends a decimal string (brief: "a number instead
    /// of string for price" is malformed). Derived from the real STG, ICP and OKX mark frames.
    /// A bare JSON number where the exchanges send a decimal string is accepted on purpose
    /// (frames evolve; the number's text is still parsed exactly, never through Double).
    @Test func numberInsteadOfStringPriceIsParsedExactly() throws {
        let stg = try Fixtures.line("liquidations-2026.jsonl", containing: "STGUSDT").frame!
        let icp = try Fixtures.line("liquidations-2026.jsonl", containing: "ICPUSDT").frame!
        let mark = try Fixtures.line("misc-2026.jsonl", containing: "\"channel\":\"mark-price\"").frame!
        let cases: [(StreamID, String, String)] = [
            (.binanceUSDM, K.derive(stg, replacing: "\"ap\":\"0.1355000\"", with: "\"ap\":0.1355000"), "\"price\":\"0.1355000\""),
            (.bybitLinear, K.derive(icp, replacing: "\"p\":\"2.585\"", with: "\"p\":2.585"), "\"price\":\"2.585\""),
            (.okxSwap, K.derive(mark, replacing: "\"markPx\":\"83679.8\"", with: "\"markPx\":83679.8"), "\"mark\":\"83679.8\""),
        ]
        for (stream, frame, field) in cases {
            var h = NormalizerHarness()
            let events = h.decode(frame: frame, stream: stream)
            #expect(events.count == 1, "\(frame)")
            #expect(events.first?.jsonLine.contains(field) == true, "\(frame)")
            #expect(h.diagnostics(stream).malformed == 0, "\(frame)")
        }
    }

    /// A string where a number belongs (a price that is not a decimal) is malformed.
    @Test func nonDecimalPriceIsMalformed() throws {
        let stg = try Fixtures.line("liquidations-2026.jsonl", containing: "STGUSDT").frame!
        var h = NormalizerHarness()
        #expect(h.decode(frame: K.derive(stg, replacing: "\"ap\":\"0.1355000\"", with: "\"ap\":\"n/a\""), stream: .binanceUSDM).isEmpty)
        #expect(h.diagnostics(.binanceUSDM).malformed == 1)
    }

    /// A bare `pong` to OKX's text ping is ignored, not malformed.
    @Test func okxPongIsIgnored() {
        var h = NormalizerHarness()
        #expect(h.decode(frame: "pong", stream: .okxSwap).isEmpty)
        #expect(h.diagnostics(.okxSwap).ignored == 1)
        #expect(h.diagnostics(.okxSwap).malformed == 0)
    }
}
