import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimReplay
import LiqsimSession

// Helpers of the Validate/ suites, prefixed `Val` (one test module). Frames are the real
// fixture shapes with only the fields a test needs changed; each names its source line.

enum Val {
    /// 2026-08-08T06:51:24Z, the receive time of the first misc-2026.jsonl frame.
    static let t0: Int64 = 1_786_171_884_000_000_000
    static let second: Int64 = 1_000_000_000

    /// Stream bytes of `Cap.header()`.
    static let binance: UInt8 = 0, bybit: UInt8 = 1

    /// Binance aggTrade; source: misc-2026.jsonl line 2 (btcusdt@aggTrade, a 3404749954).
    static func binanceTrade(price: String = "64990.90", qty: String = "0.002", id: Int, tMs: Int64 = 1_786_171_884_471) -> String {
        "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":\(tMs + 153),\"a\":\(3_404_749_954 + id),\"s\":\"BTCUSDT\","
            + "\"p\":\"\(price)\",\"q\":\"\(qty)\",\"nq\":\"\(qty)\",\"f\":7960913511,\"l\":7960913511,\"T\":\(tMs),\"m\":true,\"st\":1}}"
    }

    /// Binance forceOrder; source: liquidations-2026.jsonl line 1 (stgusdt@forceOrder, T 1786172556607).
    static func binanceLiquidation(tMs: Int64) -> String {
        "{\"stream\":\"stgusdt@forceOrder\",\"data\":{\"e\":\"forceOrder\",\"E\":\(tMs + 1008),\"o\":{\"s\":\"STGUSDT\",\"S\":\"SELL\","
            + "\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"5\",\"p\":\"0.1336000\",\"ap\":\"0.1355000\",\"X\":\"FILLED\",\"l\":\"5\",\"z\":\"5\","
            + "\"T\":\(tMs),\"ps\":\"STGUSDT\",\"st\":1}}}"
    }

    /// Bybit publicTrade; source: bybit-linear-20260809-a-excerpt.jsonl, first publicTrade.BTCUSDT frame.
    static func bybitTrade(tMs: Int64, seq: Int) -> String {
        "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":\(tMs + 1),\"data\":[{\"T\":\(tMs),\"s\":\"BTCUSDT\",\"S\":\"Sell\","
            + "\"v\":\"0.004\",\"p\":\"65114.20\",\"L\":\"MinusTick\",\"i\":\"a9188a0a-82bc-50de-be60-03eedbe3cdd7\",\"BT\":false,"
            + "\"RPI\":false,\"seq\":\(753_843_954_913 + seq)}]}"
    }

    /// Bybit subscription ack; source: bybit-linear-20260809-a-excerpt.jsonl (repeated there verbatim).
    static let bybitAck = "{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"d8bu1olkndm7crnfs1e0-j6akw\",\"req_id\":\"\",\"op\":\"subscribe\"}"

    static func text(_ stream: UInt8, at recv: Int64, _ frame: String) -> CapInput {
        CapInput(kind: .text, stream: stream, recv: recv, bytes: Array(frame.utf8))
    }

    /// Binance trades at `t0 + seconds[i]` with the given prices (distinct trade ids).
    static func trades(_ prices: [String], at seconds: [Int64]) -> [CapInput] {
        zip(prices, seconds).enumerated().map { i, ps in
            text(binance, at: t0 + ps.1 * second, binanceTrade(price: ps.0, id: i, tMs: 1_786_171_884_471 + ps.1 * 1000))
        }
    }

    /// Writes a capture with `Cap.header()` (streams binance-usdm, bybit-linear, okx-swap, one unknown).
    static func capture(_ inputs: [CapInput], in dir: TempDir, _ name: String = "v.lqc.zst") throws -> String {
        let path = dir.path(name)
        try Cap.write(inputs, to: path)
        return path
    }

    static func validate(_ paths: [String], gap: Int64? = nil, stale: Int64? = nil, outlier: Double? = nil, window: Int? = nil) throws -> ValidationReport {
        var o = ValidationOptions()
        if let gap { o.gap = UnixNanos(gap) }
        if let stale { o.stale = UnixNanos(stale) }
        if let outlier { o.outlierPercent = outlier }
        if let window { o.duplicateWindow = window }
        return try Validator(paths: paths, options: o).run()
    }

    /// The expected findings of one stream+symbol and kind: one occurrence per example.
    static func one(_ stream: String, _ symbol: String, _ kind: FindingKind, _ examples: [FindingExample])
        -> [StreamSymbol: [FindingKind: Finding]] {
        [StreamSymbol(stream, symbol): [kind: finding(examples)]]
    }

    /// A finding with one occurrence per example.
    static func finding(_ examples: [FindingExample]) -> Finding {
        var f = Finding()
        f.count = examples.count
        f.examples = examples
        return f
    }

    static func example(_ path: String, _ recv: Int64, _ seq: UInt64, _ detail: String) -> FindingExample {
        FindingExample(recv: UnixNanos(recv), file: path, seq: seq, detail: detail)
    }
}
