import Foundation
import LiqsimCapture
import LiqsimCore

/// Hand-written Binance captures for the margin and walk-forward tests: one trade every
/// 10 s at the minute's price (`prices[m]` for minute m; one more minute closes the last
/// bar), and mark prices at chosen seconds. Funding rate 0: nothing settles.
enum ScriptedMarket {
    static let t0 = BacktestMarkets.t0
    static let second = BacktestMarkets.second

    /// `marks`: (second after t0, mark price).
    static func write(_ path: String, prices: [Double], marks: [(second: Int, price: Double)] = []) throws {
        let header = CaptureHeader(source: "record", createdNs: t0, streams: [.init(id: "binance-usdm")])
        let writer = try CaptureWriter(path: path, header: header)
        var events: [(recv: Int64, text: String)] = []
        var id = 1
        for minute in 0...prices.count {
            let price = prices[min(minute, prices.count - 1)]
            for k in 0..<6 {
                let recv = t0 + Int64(minute * 60 + k * 10) * second, ms = recv / 1_000_000
                events.append((recv, """
                    {"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":\(ms),"a":\(id),"s":"BTCUSDT","p":"\(price)","q":"1","f":\(id),"l":\(id),"T":\(ms),"m":false}}
                    """))
                id += 1
            }
        }
        for mark in marks {
            let recv = t0 + Int64(mark.second) * second, ms = recv / 1_000_000
            events.append((recv, """
                {"stream":"btcusdt@markPrice","data":{"e":"markPriceUpdate","E":\(ms),"s":"BTCUSDT","p":"\(mark.price)","ap":"\(mark.price)","P":"\(mark.price)","i":"\(mark.price)","r":"0","T":\(t0 / 1_000_000 + 86_400_000),"st":1}}
                """))
        }
        // Receive order; a mark at a trade's instant after the trade.
        for e in events.enumerated().sorted(by: { ($0.element.recv, $0.offset) < ($1.element.recv, $1.offset) }).map(\.element) {
            try writer.append(kind: .text, streamIndex: 0, recv: UnixNanos(e.recv), text: e.text)
        }
        try writer.close()
    }
}
