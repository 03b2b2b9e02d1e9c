import Foundation
import Testing

/// `record`, `serve` and `fetch` are built into `liqsim-live`; `liqsim` lists them and execs
/// `liqsim-live` beside it for them. Spawned through the real binaries in `.build/<config>/`.
@Suite("liqsim-live through liqsim")
struct LiveExecutableTests {
    static var live: URL { CLI.executable.deletingLastPathComponent().appendingPathComponent("liqsim-live") }

    @Test func liqsimListsTheLiveCommands() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        for line in ["  record                  Record the exchanges' WebSocket frames", "  serve                   Re-broadcast captures",
                     "  fetch                   Download public history over HTTPS"] {
            #expect(help.stdout.contains(line), "\(line)")
        }
    }

    /// Help of a live command is liqsim-live's own, whichever way it is asked for.
    @Test(arguments: [["record", "--help"], ["help", "record"], ["serve", "-h"], ["help", "fetch", "binance-vision"]])
    func helpIsLiqsimLives(_ args: [String]) throws {
        let forwarded = try CLI.run(args)
        let direct = try CLI.run(Self.live, args)
        #expect(forwarded.status == 0 && direct.status == 0, "\(forwarded.stderr)")
        #expect(forwarded.stdout == direct.stdout)
        let name = args[0] == "help" ? args.dropFirst().joined(separator: " ") : args[0]
        #expect(forwarded.stdout.contains("USAGE: liqsim \(name) "), "\(forwarded.stdout)")
        let option = ["record": "--backoff-base <backoff-base>", "serve": "--slow-client-timeout", "fetch binance-vision": "--concurrency <concurrency>"][name]
        #expect(forwarded.stdout.contains(try #require(option)), "\(forwarded.stdout)")
    }

    @Test func exitCodesAndMessagesAreLiqsimLives() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("liqsim-\(UUID().uuidString).lqc.zst").path
        let serve = try CLI.run(["serve", missing])
        #expect(serve.status == 2 && serve.stderr == "liqsim: error: \(missing): no such file or directory\n" && serve.stdout.isEmpty, "\(serve.stderr)")
        let fetch = try CLI.run(["fetch", "binance-vision", "--symbols", "BTCUSDT", "--from", "2026-01-02", "--to", "2026-01-01", "--out", "x"])
        #expect(fetch.status == 2 && fetch.stderr.hasPrefix("liqsim: error: --to 2026-01-01 is before --from 2026-01-02\nUsage: liqsim fetch binance-vision "), "\(fetch.stderr)")
        let bad = try CLI.run(["record", "--exchanges", "kraken"])
        #expect(bad.status == 2 && bad.stderr.hasPrefix("liqsim: error: The value 'kraken' is invalid for '--exchanges <exchanges>'"), "\(bad.stderr)")
    }

    /// exec, not a child: the pid liqsim started with is liqsim-live's, its stdout is the
    /// caller's, and SIGTERM reaches serve itself, which stops cleanly (exit 0).
    @Test func theProcessBecomesLiqsimLive() throws {
        let dir = try TempDir()
        let serve = try LiveServe([liveRealCapture], in: dir)
        #expect(serve.lines.contains { $0.hasPrefix("binance-usdm=ws://127.0.0.1:") }, "\(serve.process.stderr)")
        let image = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(serve.process.process.processIdentifier)/exe")
        #expect(image == Self.live.resolvingSymlinksInPath().path)
        #expect(serve.process.stop(SIGTERM) == 0, "\(serve.process.stderr)")
    }

    /// `liqsim` copied alone: the live commands exit 2 with one line naming the missing
    /// binary and how to build it; the others still run.
    @Test func withoutLiqsimLive() throws {
        let dir = try TempDir()
        let copy = dir.url.appendingPathComponent("liqsim")
        try FileManager.default.copyItem(at: CLI.executable, to: copy)
        let directory = dir.url.resolvingSymlinksInPath().path
        for args in [["record", "--duration", "1s"], ["help", "serve"], ["fetch", "binance-vision", "--help"]] {
            let r = try CLI.run(copy, args)
            #expect(r.status == 2 && r.stdout.isEmpty, "\(args)")
            #expect(r.stderr == "liqsim: error: liqsim \(args[0] == "help" ? args[1] : args[0]) runs \(directory)/liqsim-live, which is not built; "
                    + "build it with: make release, or swift build -c release --product liqsim-live\n", "\(r.stderr)")
        }
        let version = try CLI.run(copy, ["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
        let usage = try CLI.run(copy, ["replay"])
        #expect(usage.status == 2 && usage.stderr.hasPrefix("liqsim: error: Missing expected argument '<paths> ...'"), "\(usage.stderr)")
    }
}
