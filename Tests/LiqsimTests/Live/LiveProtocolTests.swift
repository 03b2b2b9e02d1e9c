import Foundation
import Testing
import LiqsimCore
@testable import LiqsimExchanges
@testable import LiqsimLive

/// The exchange facts `record` and `serve` depend on, pinned on real frames
/// (Fixtures/real/liquidations-2026.jsonl, misc-2026.jsonl, bybit/okx excerpts).
/// Backoff and breaker are in ResilienceTests.swift.
@Suite("live protocols: subscriptions, routing, acks")
struct LiveProtocolTests {
    static func frame(_ file: String, _ index: Int) throws -> String {
        try #require(Fixtures.lines(file).filter { $0.frame != nil }[index].frame)
    }

    static func route(_ p: any ServeProtocol.Type, _ text: String) -> (FrameRoute, [String]) {
        var topics: [String] = []
        var t = text
        let r = t.withUTF8 { p.route(ExchangeInput(kind: .frame, recv: .zero, payload: UnsafeRawBufferPointer($0)), topics: &topics) }
        return (r, topics)
    }

    @Test("record subscribes to the current endpoints with the exchanges' own messages")
    func subscriptions() {
        let b = BinanceEndpoints.connections(endpoint: "wss://fstream.binance.com", symbols: ["BTCUSDT", "ETHUSDT"])
        #expect(b == [ConnectionPlan(url: "wss://fstream.binance.com/market/stream?streams=!forceOrder@arr/btcusdt@aggTrade/btcusdt@markPrice@1s/ethusdt@aggTrade/ethusdt@markPrice@1s",
                                     messages: [], topics: ["!forceOrder@arr", "btcusdt@aggTrade", "btcusdt@markPrice@1s", "ethusdt@aggTrade", "ethusdt@markPrice@1s"])])
        let y = BybitEndpoints.connections(endpoint: BybitEndpoints.defaultEndpoint, symbols: ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"])
        #expect(y.count == 1 && y[0].url == "wss://stream.bybit.com/v5/public/linear")
        #expect(y[0].messages == [
            "{\"op\":\"subscribe\",\"args\":[\"allLiquidation.BTCUSDT\",\"publicTrade.BTCUSDT\",\"tickers.BTCUSDT\",\"allLiquidation.ETHUSDT\",\"publicTrade.ETHUSDT\",\"tickers.ETHUSDT\",\"allLiquidation.SOLUSDT\",\"publicTrade.SOLUSDT\",\"tickers.SOLUSDT\",\"allLiquidation.XRPUSDT\"]}",
            "{\"op\":\"subscribe\",\"args\":[\"publicTrade.XRPUSDT\",\"tickers.XRPUSDT\"]}",
        ])
        let o = OKXEndpoints.connections(endpoint: OKXEndpoints.defaultEndpoint, symbols: ["BTCUSDT"])
        #expect(o[0].url == "wss://ws.okx.com:8443/ws/v5/public")
        #expect(o[0].messages == ["{\"op\":\"subscribe\",\"args\":[{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},{\"channel\":\"mark-price\",\"instId\":\"BTC-USDT-SWAP\"},{\"channel\":\"funding-rate\",\"instId\":\"BTC-USDT-SWAP\"},{\"channel\":\"open-interest\",\"instId\":\"BTC-USDT-SWAP\"}]}"])
        #expect(OKXEndpoints.instrumentID("ETHUSDC") == "ETH-USDC-SWAP" && OKXEndpoints.instrumentID("BTCUSD") == nil)
        // More streams than one connection may carry → more connections.
        let many = BinanceEndpoints.connections(endpoint: "wss://x", symbols: (0..<150).map { "S\($0)USDT" })
        #expect(many.map(\.topics.count) == [200, 101])
        #expect(BinanceEndpoints.pollURLs(base: "https://fapi.binance.com", symbols: ["BTCUSDT"]) ==
                ["https://fapi.binance.com/fapi/v1/openInterest?symbol=BTCUSDT",
                 "https://fapi.binance.com/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT&period=5m&limit=1"])
        #expect(BybitEndpoints.keepAlive == .text("{\"op\":\"ping\"}", seconds: 20) && OKXEndpoints.keepAlive == .text("ping", seconds: 20))
    }

    @Test("serve routes real frames by topic; a liquidation reaches both the all-symbol and the per-symbol stream")
    func routing() throws {
        let combined = try Self.frame("liquidations-2026.jsonl", 0)   // {"stream":"stgusdt@forceOrder",…}
        #expect(Self.route(BinanceServeProtocol.self, combined) == (.data, ["stgusdt@forceorder", "!forceorder@arr"]))
        let bare = try Self.frame("liquidations-2026.jsonl", 3)       // {"e":"forceOrder",…,"o":{"s":"MANTAUSDT",…}}
        #expect(Self.route(BinanceServeProtocol.self, bare) == (.data, ["mantausdt@forceorder", "!forceorder@arr"]))
        let all = try Self.frame("liquidations-2026.jsonl", 5)        // {"stream":"!forceOrder@arr",…"o":{"s":"ILVUSDT"
        #expect(Self.route(BinanceServeProtocol.self, all) == (.data, ["!forceorder@arr", "ilvusdt@forceorder"]))
        #expect(Self.route(BinanceServeProtocol.self, "{\"result\":null,\"id\":1}").0 == .control)
        #expect(BinanceServeProtocol.keys(forClientTopic: "btcusdt@markPrice@1s") == ["btcusdt@markprice"])
        let bybit = try Self.frame("liquidations-2026.jsonl", 2)      // allLiquidation.ICPUSDT
        #expect(Self.route(BybitServeProtocol.self, bybit) == (.data, ["allLiquidation.ICPUSDT"]))
        #expect(Self.route(BybitServeProtocol.self, "{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"d8bu1olkndm7crnfs1e0-j6akw\",\"req_id\":\"\",\"op\":\"subscribe\"}").0 == .control)
        let okx = try Self.frame("liquidations-2026.jsonl", 1)
        #expect(Self.route(OKXServeProtocol.self, okx) == (.data, ["liquidation-orders:SWAP"]))
        #expect(Self.route(OKXServeProtocol.self, "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"trades\",\"instId\":\"ZEN-USDT\"}}").0 == .control)
        #expect(Self.route(OKXServeProtocol.self, "pong").0 == .control)
        #expect(Self.route(BybitServeProtocol.self, "not json {").0 == .other)
    }

    @Test("serve answers subscriptions and pings in each exchange's words")
    func acks() {
        let b = BinanceServeProtocol.handle("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":7}", connectionID: "c")
        #expect(b.subscribe == ["btcusdt@aggTrade"] && b.replies == ["{\"result\":null,\"id\":7}"])
        #expect(BinanceServeProtocol.urlTopics("/binance-usdm/market/stream?streams=btcusdt@aggTrade/!forceOrder@arr") == ["btcusdt@aggTrade", "!forceOrder@arr"])
        let y = BybitServeProtocol.handle("{\"op\":\"subscribe\",\"args\":[\"tickers.BTCUSDT\"],\"req_id\":\"r1\"}", connectionID: "liqsim-1")
        #expect(y.subscribe == ["tickers.BTCUSDT"])
        #expect(y.replies == ["{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"liqsim-1\",\"req_id\":\"r1\",\"op\":\"subscribe\"}"])
        #expect(BybitServeProtocol.handle("{\"op\":\"ping\"}", connectionID: "liqsim-1").replies == ["{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"liqsim-1\",\"req_id\":\"\",\"op\":\"ping\"}"])
        let o = OKXServeProtocol.handle("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"}]}", connectionID: "k")
        #expect(o.subscribe == ["liquidation-orders:SWAP"])
        #expect(o.replies == ["{\"event\":\"subscribe\",\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"connId\":\"k\"}"])
        #expect(OKXServeProtocol.handle("ping", connectionID: "k").replies == ["pong"])
        #expect(OKXServeProtocol.handle("{\"op\":\"login\",\"args\":[]}", connectionID: "k").replies.first?.hasPrefix("{\"event\":\"error\",\"code\":\"60012\"") == true)
    }

    @Test("request ids come back exactly as sent, whatever JSON scalar they are")
    func requestIDs() {
        for (sent, echoed) in [("7", "7"), ("\"abc\"", "\"abc\""), ("1.5e3", "1.5e3"), ("true", "true"), ("null", "null"), ("\"a\\\"b\"", "\"a\\\"b\"")] {
            let b = BinanceServeProtocol.handle("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":\(sent)}", connectionID: "c")
            #expect(b.replies == ["{\"result\":null,\"id\":\(echoed)}"])
            let y = BybitServeProtocol.handle("{\"req_id\":\(sent),\"op\":\"ping\"}", connectionID: "liqsim-1")
            #expect(y.replies == ["{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"liqsim-1\",\"req_id\":\(echoed),\"op\":\"ping\"}"])
        }
        #expect(BinanceServeProtocol.handle("{\"method\":\"SUBSCRIBE\",\"params\":[]}", connectionID: "c").replies == ["{\"result\":null,\"id\":null}"])
        let o = OKXServeProtocol.handle("{\"id\":\"1512\",\"op\":\"subscribe\",\"args\":[{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"}]}", connectionID: "k")
        #expect(o.replies == ["{\"id\":\"1512\",\"event\":\"subscribe\",\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"connId\":\"k\"}"])
        let refused = BybitServeProtocol.handle("{\"op\":\"subscribe\",\"req_id\":12,\"args\":[\"a\"]}", connectionID: "liqsim-2")
        #expect(BybitServeProtocol.refusal("too many", to: refused, connectionID: "liqsim-2")
                == "{\"success\":false,\"ret_msg\":\"too many\",\"conn_id\":\"liqsim-2\",\"req_id\":12,\"op\":\"subscribe\"}")
        #expect(BinanceServeProtocol.refusal("too many", to: BinanceServeProtocol.handle("{\"method\":\"SUBSCRIBE\",\"id\":3}", connectionID: "c"), connectionID: "c")
                == "{\"error\":{\"code\":2,\"msg\":\"too many\"},\"id\":3}")
    }

    @Test("Binance framing follows the path: combined on /stream paths, bare elsewhere; Bybit and OKX as recorded")
    func framing() {
        #expect(BinanceServeProtocol.framing(uri: "/binance-usdm/market/stream?streams=a") == .combined)
        #expect(BinanceServeProtocol.framing(uri: "/binance-usdm/stream") == .combined)
        #expect(BinanceServeProtocol.framing(uri: "/binance-usdm/public/stream") == .combined)
        #expect(BinanceServeProtocol.framing(uri: "/binance-usdm/ws/btcusdt@aggTrade") == .bare)
        #expect(BinanceServeProtocol.framing(uri: "/binance-usdm/market/ws/3") == .bare)
        #expect(BybitServeProtocol.framing(uri: "/bybit-linear/v5/public/linear") == .asRecorded)
        #expect(OKXServeProtocol.framing(uri: "/okx-swap/ws/v5/public") == .asRecorded)
    }

    @Test("per-symbol list answers splice into one list, bytes unchanged")
    func unionOfListBodies() {
        let a = Array(#"{"retCode":0,"result":{"category":"linear","list":[ {"symbol":"BTCUSDT"} ],"nextPageCursor":""},"time":1}"#.utf8)
        let b = Array(#"{"retCode":0,"result":{"list":[{"symbol":"ETHUSDT"},{"symbol":"SOLUSDT"}],"category":"linear"},"time":2}"#.utf8)
        let empty = Array(#"{"result":{"list":[]}}"#.utf8)
        let u = unionOfLists([a, empty, b], outer: "result", inner: "list").map { String(decoding: $0, as: UTF8.self) }
        #expect(u == #"{"retCode":0,"result":{"category":"linear","list":[{"symbol":"BTCUSDT"},{"symbol":"ETHUSDT"},{"symbol":"SOLUSDT"}],"nextPageCursor":""},"time":1}"#)
        #expect(unionOfLists([a, Array("{}".utf8)], outer: "result", inner: "list") == nil)
    }
}
