import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimSynth

/// Markets for backtest tests: a hand-written capture whose trades, fees and funding can
/// be computed by hand, and a generated 2-hour market shared by the slower tests.
enum BacktestMarkets {
    /// 2026-01-01T00:00:00Z.
    static let t0: Int64 = 1_767_225_600_000_000_000
    static let second: Int64 = 1_000_000_000

    /// Minute prices of the hand market: every trade of minute m is at `handPrices[m]`.
    static let handPrices: [Double] = [100, 110, 120, 120, 90, 90, 90]

    /// One Binance trade every 10 s at the minute's price for 7 minutes (the seventh only
    /// closes the sixth bar), and one mark-price frame at 00:00:05 announcing funding
    /// 0.001 at 00:03:00.
    static func writeHandCapture(_ path: String) throws {
        let header = CaptureHeader(source: "record", createdNs: t0, streams: [.init(id: "binance-usdm")])
        let writer = try CaptureWriter(path: path, header: header)
        var id = 1
        for minute in 0..<handPrices.count {
            for k in 0..<6 {
                let recv = t0 + Int64(minute * 60 + k * 10) * second
                if minute == 0 && k == 1 {
                    let mark = t0 / 1_000_000 + 5_000
                    try writer.append(kind: .text, streamIndex: 0, recv: UnixNanos(t0 + 5 * second), text: """
                        {"stream":"btcusdt@markPrice","data":{"e":"markPriceUpdate","E":\(mark),"s":"BTCUSDT","p":"100.0","ap":"100.0","P":"100.0","i":"100.0","r":"0.001","T":\(t0 / 1_000_000 + 180_000),"st":1}}
                        """)
                }
                let ms = recv / 1_000_000
                try writer.append(kind: .text, streamIndex: 0, recv: UnixNanos(recv), text: """
                    {"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":\(ms),"a":\(id),"s":"BTCUSDT","p":"\(handPrices[minute])","q":"1","f":\(id),"l":\(id),"T":\(ms),"m":false}}
                    """)
                id += 1
            }
        }
        try writer.close()
    }

    static func handScenario(capture: String, execution: String = "{fee_bps: 10, slippage_bps: 0, latency_ms: 0, rebalance: 0.2}") -> String {
        """
        name: hand
        data: {captures: [\(capture)], symbols: [BTCUSDT]}
        bar: 1m
        account: {equity_usd: 10000, max_leverage: 1}
        execution: \(execution)
        strategies:
          trend: {weight: 1}
        """
    }

    /// The hand capture, written once per test process.
    static let hand: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("liqsim-backtest-hand-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("hand.lqc.zst").path
        if !FileManager.default.fileExists(atPath: path) { try! writeHandCapture(path) }
        return path
    }()

    /// The 2-hour generated market of the synth tests (a long cascade at 01:00), written once per test process.
    static let generated: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("liqsim-backtest-market-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("market.lqc.zst").path
        if !FileManager.default.fileExists(atPath: path) {
            let spec = try! SynthSpec.parse(synthTestSpec)
            _ = try! SynthGenerator(spec: spec).run(out: path)
        }
        return path
    }()

    /// A scenario over the generated market with a 3 × 2 × 2 grid (12 runs). The trend rule's
    /// t is 1.5: the market's 70-minute down leg is weak next to its volatility (the drift's
    /// Newey–West t reaches −1.9 at W = 30), and the test wants every rule to trade.
    static func generatedScenario() -> String {
        """
        name: gen
        data: {captures: [\(generated)], symbols: [BTCUSDT]}
        bar: 1m
        account: {equity_usd: 100000, max_leverage: 2}
        execution: {fee_bps: 4, slippage_bps: 1, latency_ms: 100}
        strategies:
          trend: {weight: [0, 0.5, 1], window: 30, entry: 0.2, t: 1.5}
          range: {weight: [0, 1], window: 30, z_entry: 1.5}
          cascade: {weight: [1, 2], mode: fade, lookback: 3, min_conditions: 2, hold: 10}
        pipeline: {sentiment_interval: 5m}
        regimes: {volatility_window: 15m, z_lookback: 1h, min_samples: 20, har_period: 10m, refit: 10m}
        """
    }
}
