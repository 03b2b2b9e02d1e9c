import ArgumentParser
import LiqsimCLI
import LiqsimCapture
import LiqsimCore
import LiqsimSession

extension Liqsim {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Data-quality report: duplicates, gaps, invalid values, outliers, staleness.",
            discussion: """
                PATH may be a capture file, a directory (all *.lqc.zst inside, by name)
                or a glob. Records of all files are merged as in replay and decoded by
                one normalizer. Findings per stream and symbol (symbol `-`: the stream
                as a whole; stream `-`: records of no stream):
                  duplicate_frame      same payload bytes among the stream's last
                                       10,000 frames (acks, pongs and other frames
                                       liqsim ignores excepted)
                  receive_gap          more than --gap between consecutive records
                                       of a stream
                  gap_record           a recorded gap (data known to be missing)
                  disconnect           a recorded disconnect
                  time_backwards       a record received earlier than the one
                                       before it in its file
                  invalid_value        non-positive price or quantity, negative
                                       open interest, long share outside 0-100%
                  price_outlier        a trade more than --outlier away from the
                                       previous trade of the stream and symbol
                  stale                no events for longer than --stale (between
                                       events, or up to the capture's last record)
                  binance_same_second  two Binance liquidations of one symbol in
                                       one second of exchange time (Binance
                                       pushes at most one per second)
                  malformed            frames the normalizer could not decode
                  unknown_channel      channels or REST endpoints it does not know
                  truncated_tail       the writer was killed mid-block
                Each finding has a count and up to 3 examples: receive time (UTC),
                file and record number (as `capture cat` counts them). The report
                also lists, per symbol, the seconds that had a Binance liquidation
                (lower bounds on the number of liquidations).
                --format json prints one JSON document with sorted keys; the same
                captures always give the same bytes.
                Exit codes: 0 no problems ("OK: no problems found"), 1 problems
                found, 2 usage or input error (bad flag, missing, unreadable or
                corrupt capture).

                Example:
                  liqsim validate captures/demo --gap 10s
                """
        )

        @Argument(help: "Capture files, directories or globs.")
        var paths: [String]

        @Option(help: "Output: table (for people) or json.")
        var format: OutputFormat = .table

        @Option(help: "Report receive-time gaps between consecutive records of a stream longer than this (e.g. 30s, 500ms, 5m).")
        var gap: DurationArg = "30s"

        @Option(help: "Report a stream+symbol without events for longer than this (e.g. 30s, 5m, 1h).")
        var stale: DurationArg = "5m"

        @Option(help: "Report trade prices jumping by more than this positive percentage from the previous trade (e.g. 10%).")
        var outlier: PercentArg = "10%"

        func validate() throws { try format.check(offered: [.table, .json]) }

        func run() async throws {
            var options = ValidationOptions()
            options.gap = UnixNanos(gap.nanoseconds)
            options.stale = UnixNanos(stale.nanoseconds)
            options.outlierPercent = outlier.percent
            let report: ValidationReport
            do {
                let files = try resolveCaptures(paths)
                report = try Validator(paths: files, options: options).run()
            } catch let error as CaptureError {
                throw CLIFailure.input(error.description)
            }
            print(format == .json ? report.renderJSON() : report.renderTable(), terminator: "")
            if !report.isClean { throw ExitCode(1) }
        }
    }
}
