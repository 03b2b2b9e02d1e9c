import Testing
import LiqsimCore
import LiqsimReplay
import LiqsimSession
@testable import liqsim

/// `replay` flags, parsed in-process: every bad value is a usage error (exit 2) naming the
/// flag and the valid forms; good values arrive typed in `ReplayOptions`.
@Suite("replay arguments")
struct ReplayArgumentTests {
    @Test(arguments: [["--speed", "fast"], ["--speed", "0x"], ["--speed", "-1x"], ["--speed=-1x"], ["--speed", "0"], ["--speed", "nan"], ["--speed", "1e-20x"],
                      ["--speed", "1e9x"], ["--speed", "inf"], ["--format", "xml"], ["--format", "JSONL "], ["--from", "yesterday"], ["--from", "2026-13-01"],
                      ["--to", "2026-01-01T25:00:00Z"], ["--max-gap", "soon"], ["--symbols", ""], ["--bars", "1m,soon"], ["--sentiment-interval", "0s"], ["--bogus"]])
    func badOptionsAreUsageErrors(_ options: [String]) throws {
        let failure = try #require(Parse.failure(["replay", "c.lqc.zst"] + options), "\(options) parsed")
        #expect(failure.code == 2, "\(options): \(failure.stderr)")
        #expect(failure.stderr.hasPrefix("liqsim: error: "), "\(options): \(failure.stderr)")
        #expect(failure.stderr.contains(options[0].split(separator: "=")[0]), "\(options): \(failure.stderr)")
        #expect(failure.stderr.hasSuffix("See 'liqsim replay --help' for more information.\n"), "\(failure.stderr)")
    }

    @Test func messagesNameTheValueTheFlagAndTheValidForms() throws {
        let speed = try #require(Parse.failure(["replay", "c.lqc.zst", "--speed", "fast"]))
        #expect(speed.stderr.hasPrefix("""
            liqsim: error: The value 'fast' is invalid for '--speed <speed>'
            Help:  --speed <speed>  Pacing: a factor from 0.001x to 1000000x (capture time per wall time, e.g. 50x, 1x, 0.5x) or max.
            Usage: liqsim replay
            """), "\(speed.stderr)")
        #expect(Parse.message(["replay", "c.lqc.zst", "--format", "xml"])
                == "liqsim: error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'log', 'jsonl', 'summary' or 'dashboard'.")
        let from = try #require(Parse.failure(["replay", "c.lqc.zst", "--from", "yesterday"]))
        #expect(from.stderr.contains("'--from <from>'\nHelp:  --from <from>  Start at this receive time: 2026-01-01T00:00:00Z, 2026-01-01 or nanoseconds since the epoch."))
        #expect(Parse.message(["replay"]) == "liqsim: error: Missing expected argument '<paths> ...'")
    }

    @Test func acceptedSpeeds() throws {
        let cases: [(String, ReplaySpeed)] = [("max", .max), ("MAX", .max), ("1000x", .factor(1000)), ("1000", .factor(1000)), ("2.5e3x", .factor(2500)),
                                              ("0.001x", .factor(0.001)), ("1000000x", .factor(1_000_000))]
        for (text, speed) in cases {
            #expect(try Parse.command(["replay", "c.lqc.zst", "--speed", text], as: Liqsim.Replay.self).speed == speed, "\(text)")
        }
        #expect(try Parse.command(["replay", "c.lqc.zst"], as: Liqsim.Replay.self).speed == .max)
    }

    @Test func flagsBecomeReplayOptions() throws {
        let replay = try Parse.command(["replay", "a.lqc.zst", "dir", "--from", "2026-01-01", "--to", "1791091027107000000", "--symbols", "btcusdt, BTC-USDT-SWAP,,",
                                        "--skip-corrupt", "--speed", "50x", "--max-gap", "1.5s", "--bars", "5m,1m,5m", "--sentiment-interval", "15m",
                                        "--format", "jsonl", "--db", "s.sqlite"], as: Liqsim.Replay.self)
        #expect(replay.selection.paths == ["a.lqc.zst", "dir"])
        let options = replay.options()
        #expect(options.from == UnixNanos(1_767_225_600_000_000_000))
        #expect(options.to == UnixNanos(1_791_091_027_107_000_000))
        #expect(options.symbols == [Symbol("BTCUSDT")!, Symbol("BTC-USDT-SWAP")!])
        #expect(options.skipCorrupt)
        #expect(options.speed == .factor(50))
        #expect(options.maxGap == .milliseconds(1_500))
        #expect(replay.resolvedFormat == .jsonl)
        #expect(replay.db == "s.sqlite")
        #expect(replay.pipeline()?.barIntervals == [60_000_000_000, 300_000_000_000])
        #expect(replay.pipeline()?.sentimentInterval == 900_000_000_000)

        let plainReplay = try Parse.command(["replay", "a.lqc.zst", "--format", "summary", "--no-pipeline"], as: Liqsim.Replay.self)
        let plain = plainReplay.options()
        #expect(plainReplay.pipeline() == nil && plain.from == nil && plain.to == nil && plain.symbols == nil && plain.maxGap == nil && !plain.skipCorrupt)
    }

    @Test func refusedCombinations() {
        let cases: [([String], String)] = [
            (["--db", "s.sqlite", "--no-pipeline", "--format", "log"], "--db needs the pipeline (drop --no-pipeline)"),
            (["--format", "dashboard", "--no-pipeline"], "--format dashboard needs the pipeline (drop --no-pipeline)"),
            (["--bars", "1m,1500ms"], "bad --bars '1m,1500ms': use whole-second intervals, e.g. 1m,5m,15m,1h,4h,1d"),
            (["--sentiment-interval", "90s"], "bad --sentiment-interval '90s': use whole minutes, e.g. 5m, 15m, 1h"),
        ]
        for (args, message) in cases {
            let failure = Parse.failure(["replay", "c.lqc.zst"] + args)
            #expect(failure?.code == 2)
            #expect(failure?.stderr.hasPrefix("liqsim: error: \(message)\nUsage: liqsim replay ") == true, "\(args): \(failure?.stderr ?? "parsed")")
        }
        // Without the pipeline its intervals are not used, so they are not checked.
        #expect(Parse.failure(["replay", "c.lqc.zst", "--no-pipeline", "--format", "log", "--bars", "1500ms"]) == nil)
    }
}
