import Foundation
import Testing
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges
import LiqsimSynth

/// `synth` writes the instrument lists `record` fetches at every start, so a synthetic
/// capture is a complete `serve` target for clients that load markets first.
@Suite("Synth instrument lists")
struct SynthInstrumentListTests {
    @Test func theInstrumentListsRecordFetchesComeFirst() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let spec = try SynthSpec.parse(synthTestSpec.replacingOccurrences(of: "duration: 2h", with: "duration: 1m"))
        let path = tmp.path("t.lqc.zst")
        _ = try SynthGenerator(spec: spec).run(out: path)
        let reader = try CaptureReader(path: path)
        let scanner = reader.scanner()
        var rest: [(stream: String, recv: Int64, url: String, body: String)] = []
        while let block = try scanner.nextBlock() {
            var cursor = block.records
            while let r = cursor.next() {
                guard r.kind == .rest else { continue }
                rest.append((reader.header.streams[Int(r.streamIndex)].id, r.recv.rawValue, String(decoding: r.restURL, as: UTF8.self),
                             String(decoding: r.body, as: UTF8.self)))
            }
        }
        let start = spec.start.rawValue
        let lists = rest.filter { $0.url.contains("exchangeInfo") || $0.url.contains("instruments") }
        #expect(lists.map(\.url) == [
            "https://fapi.binance.com/fapi/v1/exchangeInfo",
            "https://api.bybit.com/v5/market/instruments-info?category=linear&symbol=BTCUSDT",
            "https://api.bybit.com/v5/market/instruments-info?category=linear&symbol=ETHUSDT",
            "https://www.okx.com/api/v5/public/instruments?instType=SWAP",
        ])
        // Received after each exchange's base latency (no random draw: market frames keep their bytes).
        let latency = { (s: StreamID) in spec.exchanges.first { $0.stream == s }?.latency ?? -1 }
        #expect(lists[0].recv == start + latency(.binanceUSDM) && lists[1].recv == start + latency(.bybitLinear))
        let info = try #require(try JSONSerialization.jsonObject(with: Data(lists[0].body.utf8)) as? [String: Any])
        let symbols = try #require(info["symbols"] as? [[String: Any]])
        #expect(symbols.map { $0["symbol"] as? String } == ["BTCUSDT", "ETHUSDT"])
        #expect(symbols.allSatisfy { $0["contractType"] as? String == "PERPETUAL" && $0["status"] as? String == "TRADING" && $0["quoteAsset"] as? String == "USDT" })
        #expect(symbols.first?["baseAsset"] as? String == "BTC")
        let bybit = try #require(try JSONSerialization.jsonObject(with: Data(lists[2].body.utf8)) as? [String: Any])
        let row = try #require(((bybit["result"] as? [String: Any])?["list"] as? [[String: Any]])?.first)
        #expect(row["symbol"] as? String == "ETHUSDT" && row["baseCoin"] as? String == "ETH" && row["contractType"] as? String == "LinearPerpetual")
        #expect((row["lotSizeFilter"] as? [String: Any])?["qtyStep"] as? String == spec.symbols[1].lot)
        // Replay learns nothing from Binance's and Bybit's lists: no event, no diagnostics beyond "ignored".
        _ = try normalizedEvents(of: path)
    }
}
