import LiqsimCore

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
        endpoints[stream.rawValue] ?? LiveExchanges.link(stream).defaultEndpoint
    }

    /// The WebSocket connections of `stream` (more than one past the exchange's topic limit).
    func plans(_ stream: StreamID) -> [ConnectionPlan] {
        LiveExchanges.link(stream).connections(endpoint: endpoint(stream), symbols: symbols)
    }

    /// The REST root of `stream`.
    func restBase(_ stream: StreamID) -> String {
        endpoints[stream.rawValue + "-rest"] ?? LiveExchanges.link(stream).defaultRESTBase
    }

    /// Keys `--endpoint` accepts: each stream id, and the stream id + `-rest`.
    public static var endpointKeys: [String] { StreamID.allCases.flatMap { [$0.rawValue, $0.rawValue + "-rest"] } }
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
}
