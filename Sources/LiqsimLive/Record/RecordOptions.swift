import Foundation
import LiqsimCore
import LiqsimExchanges

/// What `liqsim record` was asked to do, parsed and checked by the CLI.
public struct RecordOptions: Sendable {
    public var exchanges: [StreamID]
    /// Unified symbols (`BTCUSDT`), upper case.
    public var symbols: [String]
    public var directory: String
    /// Time per file; nil = one file for the whole run.
    public var rotateEvery: Duration? = .seconds(3600)
    /// How long to record; nil = until SIGINT/SIGTERM.
    public var duration: Duration?
    /// `STREAM=URL` (WebSocket) and `STREAM-rest=URL` (REST root) overrides.
    public var endpoints: [String: String] = [:]
    /// Time between REST polls; nil = no polling (instruments are still fetched).
    public var restInterval: Duration? = .seconds(60)
    public var database: String?
    /// Run the analysis pipeline on arriving frames and print its alerts.
    public var live = false
    /// Draw the one-line status (the CLI sets this when stderr is a terminal).
    public var statusLine = false
    public var resilience = ResilienceSettings()
    /// Seed of the reconnect and retry jitter (`--seed`); nil = drawn from the system
    /// generator. Either way the recorder's `seed` says which, so a run can be replayed.
    public var seed: UInt64?
    /// A PEM file of extra trusted certificates (a TLS-intercepting proxy; tests), added to
    /// the system roots for WebSocket and REST connections.
    public var caFile: String?

    public init(exchanges: [StreamID], symbols: [String], directory: String) {
        self.exchanges = exchanges; self.symbols = symbols; self.directory = directory
    }

    /// The WebSocket endpoint of `stream` (override or the exchange's public one).
    func endpoint(_ stream: StreamID) -> String {
        endpoints[stream.rawValue] ?? Exchanges.endpoints(stream).defaultEndpoint
    }

    /// The WebSocket connections of `stream` (more than one past the exchange's topic limit).
    func plans(_ stream: StreamID) -> [ConnectionPlan] {
        Exchanges.endpoints(stream).connections(endpoint: endpoint(stream), symbols: symbols)
    }

    /// The REST root of `stream`.
    func restBase(_ stream: StreamID) -> String {
        endpoints[stream.rawValue + "-rest"] ?? Exchanges.endpoints(stream).defaultRESTBase
    }

    /// Keys `--endpoint` accepts: each stream id, and the stream id + `-rest`.
    public static var endpointKeys: [String] { StreamID.allCases.flatMap { [$0.rawValue, $0.rawValue + "-rest"] } }
}

extension RecordOptions {
    /// Unified symbols from `BTCUSDT,ethusdt`: upper-cased, ASCII letters and digits only.
    public static func symbols(parsing text: String) throws(RecordOptionsError) -> [String] {
        let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        for s in list where s.isEmpty || !s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            throw RecordOptionsError("bad --symbols entry '\(s)': use unified symbols such as BTCUSDT")
        }
        guard !list.isEmpty else { throw RecordOptionsError("--symbols is empty") }
        return list
    }

    /// `--endpoint STREAM=URL` entries as `endpoints`: the key a stream id or exchange name
    /// (+ `-rest` for a REST root), the URL ws(s):// or http(s):// with a host, trailing `/` dropped.
    public static func endpoints(parsing entries: [String]) throws(RecordOptionsError) -> [String: String] {
        var map: [String: String] = [:]
        for entry in entries {
            guard let eq = entry.firstIndex(of: "=") else {
                throw RecordOptionsError("bad --endpoint '\(entry)': use STREAM=URL, e.g. binance-usdm=ws://127.0.0.1:9001/binance-usdm")
            }
            var key = String(entry[..<eq]), url = String(entry[entry.index(after: eq)...])
            let rest = key.hasSuffix("-rest")
            if rest { key.removeLast(5) }
            guard let stream = StreamID(argument: key) else {
                throw RecordOptionsError("bad --endpoint key '\(entry[..<eq])': use one of \(endpointKeys.joined(separator: ", "))")
            }
            key = stream.rawValue + (rest ? "-rest" : "")
            let schemes = rest ? ["http://", "https://"] : ["ws://", "wss://"]
            guard schemes.contains(where: { url.hasPrefix($0) }), URL(string: url)?.host != nil else {
                throw RecordOptionsError("bad --endpoint URL '\(url)' for \(key): it must start with \(schemes.joined(separator: " or ")) and name a host")
            }
            while url.hasSuffix("/") { url.removeLast() }
            map[key] = url
        }
        return map
    }
}

/// A `record` setting that cannot be used, with what to give instead.
public struct RecordOptionsError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What a record run did, for the closing line.
public struct RecordSummary: Sendable {
    public var files: [String] = []
    public var records: UInt64 = 0
    public var framesByStream: [(StreamID, UInt64)] = []
    public var reconnects = 0
    /// Why the run stopped: "interrupted", "duration reached", or a failure.
    public var stopReason = ""
    /// Set when the recorder stopped because it could not write (disk full, …).
    public var failure: String?
    /// The first snapshot-store (`--db`) write error: the capture goes on, the run fails.
    public var databaseError: String?
}
