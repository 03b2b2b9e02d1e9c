import ArgumentParser
import LiqsimCLI
import LiqsimCore
import LiqsimRegimes

/// The `liqsim` command. Thin: parses arguments and calls library code.
struct Liqsim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liqsim",
        abstract: "Record, serve, replay, generate, analyse and backtest crypto-futures liquidation data.",
        discussion: """
            Exit codes: 0 success, 1 runtime failure, 2 usage or input error.
            Streams: binance-usdm, bybit-linear, okx-swap. Progress bars appear on a terminal
            only; colors are off when output is piped or NO_COLOR is set.

            Examples (`make demo` does the first three):
              liqsim synth scenarios/synth/demo.yaml --out captures/demo/demo.lqc.zst
              liqsim backtest scenarios/cascade.yaml
              liqsim compare results/cascade
              liqsim replay captures/demo --speed 50x
              liqsim report results/cascade/<run-stamp>
            `liqsim help COMMAND` shows a command's options and an example.
            record, serve and fetch run liqsim-live, built beside liqsim by `make release`.
            """,
        version: LiqsimVersion.current,
        subcommands: [Replay.self, Backtest.self, Compare.self, Report.self, Record.self, Serve.self, Capture.self, Synth.self, Stats.self, Validate.self, DB.self, Heatmap.self, Import.self, Fetch.self]
    )
}

/// Entry point: `record`, `serve` and `fetch` go to `liqsim-live` (LiveForwarding); every
/// other command line is parsed and run here, usage errors exiting 2 (SPEC §1).
@main
enum Main {
    static func main() async {
        LiveForwarding.forward(CommandLine.arguments)
        // Before any work: OpenBLAS's server threads, started when the library loaded, would
        // spin for ~0.1 s on one of the two cores the replay uses (BLASThreads).
        BLASThreads.pinToOne()
        await runCommandLine(Liqsim.self)
    }
}
