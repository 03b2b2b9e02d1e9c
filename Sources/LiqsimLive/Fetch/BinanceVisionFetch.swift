import Foundation
import LiqsimCore
import NIOCore
import NIOPosix
import NIOSSL

/// `liqsim fetch binance-vision`: the daily (and, for funding, monthly) Binance Vision
/// USD-M files of some symbols and days, into `<out>/data/futures/um/…` as the archive lays
/// them out. Each zip is checked against its `.CHECKSUM`; a file already there and intact
/// is not fetched again; a broken transfer resumes from its `.part` file with a Range
/// request; failures retry with exponential backoff and jitter; at most `concurrency`
/// transfers run at once. A file the archive does not have (404) is reported, not fatal.
public struct BinanceVisionFetch: Sendable {
    public struct Options: Sendable {
        public var symbols: [Symbol]
        /// First and last UTC day, inclusive (days since the epoch).
        public var firstDay: Int64, lastDay: Int64
        public var kinds: [String] = ["aggTrades", "markPriceKlines", "metrics", "fundingRate"]
        public var out: String
        public var baseURL = "https://data.binance.vision"
        public var caFile: String?
        public var concurrency = 4
        public var attempts = 5
        public var retryBase: Duration = .milliseconds(500)
        public var timeout: Duration = .seconds(60)
        public var seed: UInt64 = 1

        public init(symbols: [Symbol], firstDay: Int64, lastDay: Int64, out: String) {
            self.symbols = symbols; self.firstDay = firstDay; self.lastDay = lastDay; self.out = out
        }
    }

    public struct Report: Sendable {
        public var fetched = 0, present = 0, resumed = 0
        public var bytes: UInt64 = 0
        /// Archive paths the server does not have (404).
        public var missing: [String] = []
        /// The local zips, fetched or already present.
        public var files: [String] = []
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var url: String
        public var reason: String
        public var description: String { "\(url): \(reason)" }
    }

    public let options: Options
    public init(options: Options) { self.options = options }

    /// The archive paths to fetch: daily files per symbol, kind and day; monthly funding.
    public var plan: [String] {
        var out: [String] = []
        for symbol in options.symbols {
            for kind in options.kinds {
                if kind == "fundingRate" {
                    var months: [String] = []
                    for day in options.firstDay...options.lastDay {
                        let m = String(UTCDateTime(UnixNanos(day * 86_400_000_000_000)).iso8601Millis.prefix(7))
                        if months.last != m { months.append(m) }
                    }
                    out += months.map { "data/futures/um/monthly/fundingRate/\(symbol)/\(symbol)-fundingRate-\($0).zip" }
                    continue
                }
                for day in options.firstDay...options.lastDay {
                    let date = String(UTCDateTime(UnixNanos(day * 86_400_000_000_000)).iso8601Millis.prefix(10))
                    out.append(kind.hasSuffix("lines")
                        ? "data/futures/um/daily/\(kind)/\(symbol)/1m/\(symbol)-1m-\(date).zip"
                        : "data/futures/um/daily/\(kind)/\(symbol)/\(symbol)-\(kind)-\(date).zip")
                }
            }
        }
        return out
    }

    /// Fetches the plan; `progress` gets (files done, files planned, bytes so far).
    /// Symbols become directory and file names under `out` (`…/aggTrades/BTCUSDT/…`): only
    /// names the archive uses pass — ASCII letters, digits, `_` and `-`, at most 32 bytes —
    /// so no `/`, `..`, control character or NUL can leave `out`.
    public static func isArchiveSymbol(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= Symbol.capacity
            && text.utf8.allSatisfy { $0 < 0x80 && (Character(Unicode.Scalar($0)).isLetter || Character(Unicode.Scalar($0)).isNumber || $0 == 0x5F || $0 == 0x2D) }
    }

    public func run(progress: (@Sendable (Int, Int, UInt64) -> Void)? = nil) async throws -> Report {
        if let bad = options.symbols.first(where: { !Self.isArchiveSymbol($0.description) }) {
            throw Failure(url: options.baseURL, reason: "symbol \(bad) is not an archive name (ASCII letters, digits, _ and -); nothing fetched")
        }
        var tlsConfig = TLSConfiguration.makeClientConfiguration()
        if let ca = options.caFile { tlsConfig.additionalTrustRoots = [.file(ca)] }
        let tls = try NIOSSLContext(configuration: tlsConfig)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let report = try await run(plan, group: group, tls: tls, progress: progress)
            try? await group.shutdownGracefully()
            return report
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    func run(_ plan: [String], group: MultiThreadedEventLoopGroup, tls: NIOSSLContext, progress: (@Sendable (Int, Int, UInt64) -> Void)?) async throws -> Report {
        var report = Report()
        try await withThrowingTaskGroup(of: (String, FileOutcome).self) { tasks in
            var next = 0, done = 0
            func start() {
                guard next < plan.count else { return }
                let path = plan[next], index = next
                next += 1
                tasks.addTask { (path, try await self.fetch(path, index: index, loop: group.next(), tls: tls)) }
            }
            for _ in 0..<max(1, options.concurrency) { start() }
            while let result = try await tasks.next() {
                let (path, outcome) = result
                done += 1
                switch outcome {
                case .missing: report.missing.append(path)
                case .present: report.present += 1; report.files.append(options.out + "/" + path)
                case .fetched(let bytes, let resumed):
                    report.fetched += 1; report.bytes += bytes; report.resumed += resumed ? 1 : 0
                    report.files.append(options.out + "/" + path)
                }
                progress?(done, plan.count, report.bytes)
                start()
            }
        }
        report.missing.sort()
        report.files.sort()
        return report
    }
}
