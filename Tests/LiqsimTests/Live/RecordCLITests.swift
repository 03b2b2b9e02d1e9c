import Foundation
import Testing
import LiqsimCapture

/// `record`/`serve` argument errors (exit 2, what to do) and an unusable `--out` (exit 1).
@Suite("record and serve: arguments, --out")
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

    @Test("unwritable --out: clear error naming the directory, exit 1, nothing half-written")
    func unwritableOut() throws {
        let dir = try TempDir()
        let notADirectory = dir.path("file")
        FileManager.default.createFile(atPath: notADirectory, contents: Data("x".utf8))
        let loopback = ["--rest-interval", "off", "--endpoint", "binance-usdm=ws://127.0.0.1:1", "--exchanges", "binance",
                        "--endpoint", "binance-usdm-rest=http://127.0.0.1:1"]
        let a = try CLI.run(["record", "--out", notADirectory] + loopback)
        #expect(a.status == 1)
        #expect(a.stderr == "liqsim: error: \(notADirectory): exists and is not a directory (pass a directory to --out)\n")
        // A directory that cannot be created (below a regular file).
        let below = notADirectory + "/captures"
        let b = try CLI.run(["record", "--out", below] + loopback)
        #expect(b.status == 1)
        #expect(b.stderr.hasPrefix("liqsim: error: \(below): cannot create the output directory"), "\(b.stderr)")
        #expect(b.stderr.hasSuffix("(choose a writable --out directory)\n"))
    }
}
