import Foundation
import Testing
import LiqsimCore
import LiqsimLive
@testable import liqsim_live

/// `record` and `serve` flags, parsed in-process by `liqsim-live` (no recorder or server starts).
@Suite("record and serve arguments")
struct RecordArgumentTests {
    @Test("refused settings: exit 2, the fix in the message")
    func refusedSettings() {
        let cases: [([String], String)] = [
            (["--symbols", "BTC/USDT"], "bad --symbols entry 'BTC/USDT': use unified symbols such as BTCUSDT"),
            (["--symbols", ","], "--symbols is empty"),
            (["--endpoint", "binance-usdm:ws://x"], "bad --endpoint 'binance-usdm:ws://x': use STREAM=URL, e.g. binance-usdm=ws://127.0.0.1:9001/binance-usdm"),
            (["--endpoint", "kraken=ws://127.0.0.1:1"],
             "bad --endpoint key 'kraken': use one of " + StreamID.allCases.map { "\($0.rawValue), \($0.rawValue)-rest" }.joined(separator: ", ")),
            (["--endpoint", "bybit-linear=http://127.0.0.1:1"], "bad --endpoint URL 'http://127.0.0.1:1' for bybit-linear: it must start with ws:// or wss:// and name a host"),
            (["--endpoint", "okx-rest=ws://127.0.0.1:1"], "bad --endpoint URL 'ws://127.0.0.1:1' for okx-swap-rest: it must start with http:// or https:// and name a host"),
            (["--rest-interval", "100ms"], "--rest-interval 100ms is below 1s: exchanges rate-limit REST"),
            (["--db", "x.sqlite"], "--db needs --live (the snapshot store is filled by the pipeline)"),
            (["--backoff-base", "2m"], "--backoff-max must be at least --backoff-base"),
            (["--breaker-after", "0"], "--breaker-after must be at least 1"),
            (["--ca-file", "/nonexistent/ca.pem"], "--ca-file /nonexistent/ca.pem: cannot read the file"),
        ]
        for (args, message) in cases {
            let failure = Parse.failure(["record"] + args, root: Live.self)
            #expect(failure?.code == 2, "\(args)")
            #expect(failure?.stderr.hasPrefix("liqsim: error: \(message)\nUsage: liqsim record ") == true, "\(args): \(failure?.stderr ?? "parsed")")
        }
    }

    @Test("bad values name the flag and its forms")
    func badValues() throws {
        let exchanges = try #require(Parse.failure(["record", "--exchanges", "binance,kraken"], root: Live.self))
        #expect(exchanges.code == 2)
        #expect(exchanges.stderr.hasPrefix("""
            liqsim: error: The value 'binance,kraken' is invalid for '--exchanges <exchanges>'
            Help:  --exchanges <exchanges>  Comma-separated exchanges: binance, bybit, okx (or stream ids binance-usdm, bybit-linear, okx-swap).
            """), "\(exchanges.stderr)")
        for args in [["--rotate", "soon"], ["--duration", "0s"], ["--rest-interval", "never"], ["--stale-after", "5"], ["--exchanges", ""]] {
            #expect(Parse.message(["record"] + args, root: Live.self)?.hasPrefix("liqsim: error: The value '\(args[1])' is invalid for '\(args[0]) <") == true, "\(args)")
        }
    }

    @Test func flagsBecomeRecordOptions() throws {
        let record = try Parse.command(["record", "--exchanges", "okx,binance-usdm,okx", "--symbols", "btcusdt, ETHUSDT", "--out", "d", "--rotate", "off",
                                        "--duration", "10m", "--rest-interval", "off", "--endpoint", "binance-usdm=ws://127.0.0.1:9001/binance-usdm/",
                                        "--endpoint", "bybit-rest=http://h:1", "--live", "--db", "s.sqlite", "--stale-after", "1m", "--backoff-base", "250ms",
                                        "--backoff-max", "1s", "--breaker-after", "2", "--breaker-cooldown", "1s", "--connect-timeout", "3s"], as: Live.Record.self, root: Live.self)
        let options = try record.options()
        #expect(options.exchanges == [.okxSwap, .binanceUSDM])
        #expect(options.symbols == ["BTCUSDT", "ETHUSDT"])
        #expect(options.directory == "d")
        #expect(options.rotateEvery == nil && options.restInterval == nil)
        #expect(options.duration == .seconds(600))
        #expect(options.endpoints == ["binance-usdm": "ws://127.0.0.1:9001/binance-usdm", "bybit-linear-rest": "http://h:1"])
        #expect(options.live && options.database == "s.sqlite")
        let r = options.resilience
        #expect([r.staleAfter, r.backoffBase, r.backoffMax, r.breakerCooldown, r.connectTimeout, r.healthyAfter] == [.seconds(60), .milliseconds(250), .seconds(1), .seconds(1), .seconds(3), .seconds(60)])
        #expect(r.breakerThreshold == 2)
        #expect(try Parse.command(["record", "--seed", "42"], as: Live.Record.self, root: Live.self).options().seed == 42)

        let defaults = try Parse.command(["record"], as: Live.Record.self, root: Live.self).options()
        #expect(defaults.exchanges == [.binanceUSDM, .bybitLinear, .okxSwap])
        #expect(defaults.symbols == ["BTCUSDT", "ETHUSDT"] && defaults.directory == "captures/live")
        #expect(defaults.rotateEvery == .seconds(3600) && defaults.restInterval == .seconds(60) && defaults.duration == nil && defaults.endpoints.isEmpty)
        #expect([defaults.resilience.staleAfter, defaults.resilience.backoffBase, defaults.resilience.backoffMax] == [.seconds(30), .milliseconds(500), .seconds(30)])
    }

    @Test func serveArguments() async throws {
        #expect(Parse.message(["serve", "c.lqc.zst", "--listen", "9001"], root: Live.self)?.hasPrefix("liqsim: error: The value '9001' is invalid for '--listen <listen>'") == true)
        #expect(Parse.message(["serve", "c.lqc.zst", "--listen", "h:70000"], root: Live.self)?.contains("'h:70000'") == true)
        #expect(Parse.message(["serve", "c.lqc.zst", "--speed", "fast"], root: Live.self)?.hasPrefix("liqsim: error: The value 'fast' is invalid for '--speed <speed>'") == true)
        let serve = try Parse.command(["serve", "c.lqc.zst", "--listen", "[::1]:0", "--speed", "50x", "--loop"], as: Live.Serve.self, root: Live.self)
        #expect(serve.listen.host == "::1" && serve.listen.port == 0 && serve.speed == .factor(50) && serve.loop)
        let defaults = try Parse.command(["serve", "c.lqc.zst"], as: Live.Serve.self, root: Live.self)
        #expect(defaults.listen.host == "127.0.0.1" && defaults.listen.port == 9001 && defaults.speed == .factor(1))

        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("liqsim-cli-\(UUID().uuidString).lqc.zst").path
        let absent = try Parse.command(["serve", missing], as: Live.Serve.self, root: Live.self)
        let failure = await Parse.runFailure(absent)
        #expect(failure?.stderr == "liqsim: error: \(missing): no such file or directory\n" && failure?.code == 2)
    }
}
