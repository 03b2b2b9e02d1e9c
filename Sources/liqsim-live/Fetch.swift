import ArgumentParser
import Foundation
import LiqsimCLI
import LiqsimCore
import LiqsimImport
import LiqsimLive

extension Live {
    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: LiveCommand.fetch.abstract,
            subcommands: [BinanceVision.self]
        )
    }
}

extension Live.Fetch {
    struct BinanceVision: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "binance-vision",
            abstract: "Binance Vision USD-M files of some symbols and days → <out>/data/futures/um/… → one capture per day in <out>.",
            discussion: """
                Daily aggTrades, markPriceKlines and metrics and the monthly fundingRate by
                default (--kinds). Every zip is checked against its .CHECKSUM; files already
                there and intact are kept; a broken transfer resumes from its .part file;
                failures retry with backoff; at most --concurrency transfers at once. Days the
                archive does not have are reported. Then `import binance-vision` runs on them.

                Example:
                  liqsim fetch binance-vision --symbols BTCUSDT,ETHUSDT --from 2026-09-01 --to 2026-11-30 --out captures/bv
                """
        )

        @Option(help: "Comma-separated symbols (BTCUSDT,ETHUSDT).") var symbols: CommaList<String>
        @Option(help: "First UTC day (YYYY-MM-DD).") var from: TimeArg
        @Option(help: "Last UTC day, inclusive (YYYY-MM-DD).") var to: TimeArg
        @Option(name: .shortAndLong, help: "Output directory: the archive tree under data/, the captures beside it.") var out: String
        @Option(help: "Comma-separated kinds: aggTrades, trades, klines, markPriceKlines, metrics, fundingRate.")
        var kinds: CommaList<String> = "aggTrades,markPriceKlines,metrics,fundingRate"
        @Option(help: "Archive root (a mirror).") var baseURL: String = "https://data.binance.vision"
        @Option(help: "Extra CA certificate (PEM) to trust for the archive's TLS.") var caFile: String?
        @Option(help: "Transfers at once, 1 to 16.") var concurrency: Int = 4
        @Flag(help: "Download only; do not import.") var noImport = false
        @Flag(help: "Replace captures that exist.") var force = false

        func validate() throws {
            let known = ["aggTrades", "trades", "klines", "markPriceKlines", "metrics", "fundingRate"]
            for k in kinds.elements where !known.contains(k) { throw ValidationError("--kinds: unknown kind \(k); expected \(known.joined(separator: ", "))") }
            for s in symbols.elements where !BinanceVisionFetch.isArchiveSymbol(s) {
                throw ValidationError("--symbols: \(s) is not a Binance Vision symbol (ASCII letters, digits, _ and -, at most 32 bytes; it names directories)")
            }
            guard from.time <= to.time else { throw ValidationError("--to \(to.text) is before --from \(from.text)") }
            guard (1...16).contains(concurrency) else { throw ValidationError("--concurrency \(concurrency): use 1 to 16") }
            guard baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") else { throw ValidationError("--base-url \(baseURL): give an http(s) URL") }
        }

        func run() async throws {
            let day = { (t: UnixNanos) in t.rawValue / 86_400_000_000_000 }
            var options = BinanceVisionFetch.Options(symbols: symbols.elements.compactMap { Symbol($0) }, firstDay: day(from.time), lastDay: day(to.time), out: out)
            options.kinds = kinds.elements
            options.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            options.caFile = caFile
            options.concurrency = concurrency
            let fetch = BinanceVisionFetch(options: options)
            let bar = ProgressBar(label: "fetch \(fetch.plan.count) files")
            let report: BinanceVisionFetch.Report
            do {
                report = try await fetch.run { done, total, _ in bar?.update(Double(done) / Double(total)) }
            } catch let e as BinanceVisionFetch.Failure { throw CLIFailure.runtime(e.description) }
            bar?.finish()
            for path in report.missing { printError("warning: the archive has no \(path)\n") }
            print("fetched \(report.fetched) files (\(report.bytes) bytes, \(report.resumed) resumed), \(report.present) already present, \(report.missing.count) missing")
            guard !noImport, !report.files.isEmpty else { return }
            try reportImport { try BinanceVisionImport.run(report.files, out: out, replace: force) }
        }
    }
}
