import ArgumentParser
import LiqsimCLI
import LiqsimCapture
import LiqsimCore
import LiqsimImport

extension Liqsim {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import public history (Binance Vision, Tardis.dev, Bybit's trade archive) as ordinary captures, one per UTC day.",
            discussion: """
                The captures replay, validate and backtest like recorded ones; docs/history.md
                says which source gives which input and how receive times are set.

                Examples:
                  liqsim import binance-vision data/futures/um/daily --out captures/bv
                  liqsim import tardis binance-futures_2024-03-01.raw.gz --exchange binance-futures --out captures/tardis
                  liqsim import bybit-archive bybit/BTCUSDT --out captures/bybit
                """,
            subcommands: [BinanceVision.self, Tardis.self, BybitArchive.self]
        )
    }
}

extension Liqsim.Import {
    struct BinanceVision: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "binance-vision",
            abstract: "Binance Vision USD-M futures zips (aggTrades, trades, klines, markPriceKlines, metrics, fundingRate).",
            discussion: """
                Files or directories (searched for *.zip and *.csv). A zip's SHA-256 is checked
                against <name>.zip.CHECKSUM when that file lies beside it. Missing days, repeated
                and out-of-order rows and unreadable rows are reported with file and line.
                Receive times are the rows' exchange times.

                Example:
                  liqsim import binance-vision data/futures/um/daily/aggTrades/BTCUSDT --out captures/bv
                """
        )

        @Argument(help: "Binance Vision files or directories.") var inputs: [String]
        @Option(name: .shortAndLong, help: "Output directory (one binance-vision-YYYY-MM-DD.lqc.zst per day).") var out: String
        @Flag(help: "Replace captures that exist.") var force = false

        func run() async throws {
            try reportImport { try BinanceVisionImport.run(inputs, out: out, replace: force) }
        }
    }

    struct Tardis: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tardis.dev raw feeds, tardis-machine NDJSON and CSV datasets (trades, liquidations, derivative_ticker).",
            discussion: """
                Raw feed lines (<receive time> <frame>) and NDJSON are kept verbatim at their
                receive times; an empty line (a disconnect) becomes a gap record. CSV rows are
                written as the exchange's frames at local_timestamp; in liquidations, side=buy
                means a short was liquidated. Files may be gzip-compressed.

                Example:
                  liqsim import tardis binance-futures_liquidations_2024-03-01_BTCUSDT.csv.gz --out captures/tardis
                """
        )

        @Argument(help: "Tardis files or directories.") var inputs: [String]
        @Option(name: .shortAndLong, help: "Output directory (one tardis-YYYY-MM-DD.lqc.zst per day).") var out: String
        @Option(help: "Exchange of raw and NDJSON feeds: binance-futures, bybit, okex-swap (or a stream id).") var exchange: String?
        @Flag(help: "Replace captures that exist.") var force = false

        func validate() throws {
            if let exchange, TardisStreams.stream(exchange) == nil {
                throw ValidationError("--exchange \(exchange): expected binance-futures, bybit, okex-swap or one of \(StreamID.validList)")
            }
        }

        func run() async throws {
            let stream = exchange.flatMap(TardisStreams.stream)
            try reportImport { try TardisImport.run(inputs, out: out, exchange: stream, replace: force) }
        }
    }
}

extension Liqsim.Import {
    struct BybitArchive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bybit-archive",
            abstract: "Bybit's public trade archive (public.bybit.com/trading/<SYM>/<SYM><YYYY-MM-DD>.csv.gz).",
            discussion: """
                Files or directories (searched for *.csv.gz and *.csv). Columns are found by the
                header row (newer files add RPI). Each trade becomes a Bybit publicTrade frame;
                its receive time is the archive's time (seconds with 4 decimals), its exchange
                time that in whole milliseconds. Repeated and out-of-order rows are reported
                with file and line.

                Example:
                  liqsim import bybit-archive public.bybit.com/trading/BTCUSDT --out captures/bybit
                """
        )

        @Argument(help: "Bybit trading archive files or directories.") var inputs: [String]
        @Option(name: .shortAndLong, help: "Output directory (one bybit-archive-YYYY-MM-DD.lqc.zst per day).") var out: String
        @Flag(help: "Replace captures that exist.") var force = false

        func run() async throws {
            try reportImport { try BybitArchiveImport.run(inputs, out: out, replace: force) }
        }
    }
}
