import Foundation
import Testing
import LiqsimCapture

/// `record`/`serve` argument errors (exit 2, what to do) and `record --live`.
@Suite("record and serve: arguments, --live")
struct RecordCLITests {
    @Test("bad arguments exit 2 with the fix in the message")
    func inputErrors() throws {
        let cases: [([String], String)] = [
            (["record", "--exchanges", "kraken"], "liqsim: error: bad --exchanges entry 'kraken': use binance, bybit, okx or binance-usdm, bybit-linear, okx-swap\n"),
            (["record", "--symbols", "BTC/USDT"], "liqsim: error: bad --symbols entry 'BTC/USDT': use unified symbols such as BTCUSDT\n"),
            (["record", "--endpoint", "binance-usdm:ws://x"], "liqsim: error: bad --endpoint 'binance-usdm:ws://x': use STREAM=URL, e.g. binance-usdm=ws://127.0.0.1:9001/binance-usdm\n"),
            (["record", "--endpoint", "kraken=ws://127.0.0.1:1"], "liqsim: error: bad --endpoint key 'kraken': use one of binance-usdm, binance-usdm-rest, bybit-linear, bybit-linear-rest, okx-swap, okx-swap-rest\n"),
            (["record", "--endpoint", "bybit-linear=http://127.0.0.1:1"], "liqsim: error: bad --endpoint URL 'http://127.0.0.1:1' for bybit-linear: it must start with ws:// or wss:// and name a host\n"),
            (["record", "--rotate", "soon"], "liqsim: error: bad --rotate 'soon': use a duration such as 500ms, 30s, 10m, 1h\n"),
            (["record", "--rest-interval", "100ms"], "liqsim: error: --rest-interval 100ms is below 1s: exchanges rate-limit REST\n"),
            (["record", "--db", "x.sqlite"], "liqsim: error: --db needs --live (the snapshot store is filled by the pipeline)\n"),
            (["record", "--ca-file", "/nonexistent/ca.pem"], "liqsim: error: --ca-file /nonexistent/ca.pem: cannot read the file\n"),
            (["serve", "nope.lqc.zst"], "liqsim: error: nope.lqc.zst: no such file or directory\n"),
            (["serve", liveRealCapture, "--listen", "9001"], "liqsim: error: bad --listen '9001': use HOST:PORT, e.g. 127.0.0.1:9001\n"),
            (["serve", liveRealCapture, "--speed", "fast"], "liqsim: error: bad --speed 'fast': use a factor such as 1x, 50x, 0.5x, or max\n"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr == message)
        }
    }

    @Test("record --live prints what replay --format log prints for the capture it wrote")
    func liveMatchesReplay() throws {
        let dir = try TempDir()
        let serve = try LiveServe([liveRealCapture], in: dir)
        let out = dir.path("out")
        let record = try LiveProcess(["record", "--symbols", LiveFrameTopics.symbols.joined(separator: ","), "--out", out,
                                      "--rest-interval", "off", "--live"] + serve.endpointArguments, in: dir, name: "record")
        // Five liquidations in the real capture reach these subscriptions (Binance ×4, OKX ×1).
        #expect(liveWait(timeout: 90) { record.stdout.split(separator: "\n").count >= 5 }, "\(record.stderr)")
        #expect(liveWait(timeout: 90) {
            liveRecords(inDirectory: out).filter { $0.kind == .text && LiveFrameTopics.classify($0.stream, $0.text) == .data }.count
                >= ServeRecordRoundTripTests.expectedFrames().values.reduce(0) { $0 + $1.count }
        })
        #expect(record.stop() == 0)
        let live = record.stdout
        #expect(live.contains("20261007 | 16:38:02 UTC | binance-usdm | ILVUSDT | LONG  | 116.5 | $449.27\n"))
        let replay = try CLI.run(["replay", out, "--format", "log"])
        #expect(replay.status == 0)
        #expect(replay.stdout == live)
        #expect(serve.process.stop() == 0)
    }
}
