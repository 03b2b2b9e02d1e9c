import LiqsimCore

/// Everything liqsim knows about one exchange stream, declared once in the exchange's
/// folder (`Binance/Binance.swift`, …) and listed in `Exchanges.all`. Replay, validate,
/// record, serve and the fuzzer find an exchange's parts here instead of switching over
/// `StreamID` (model: tardis-node `src/mappers/index.ts`, one line per exchange).
public protocol Venue {
    static var stream: StreamID { get }
    /// A fresh decoder. Adapters keep state across frames (tickers, contract values), so a
    /// run holds one per stream.
    static func makeAdapter() -> any ExchangeAdapter
    /// Live endpoints, topics, subscriptions and keep-alive (`record`).
    static var endpoints: any LiveEndpoints.Type { get }
    /// The venue's WebSocket protocol as `serve` speaks it.
    static var serveProtocol: any ServeProtocol.Type { get }
    /// Facts about the venue's data that consumers must respect.
    static var facts: VenueFacts { get }
    /// Archive knowledge (defaults in `Venue+Archive.swift`): Tardis.dev's exchange ids,
    /// the unified symbol of a raw one, an archive amount in base units and USD, and what a
    /// Tardis REST-polled (`"generated":true`) frame becomes.
    static var tardisExchanges: [String] { get }
    static func unifiedSymbol(_ raw: Symbol) -> Symbol
    static func archiveAmounts(_ amount: FixedDecimal, price: FixedDecimal, raw: Symbol) -> (qty: FixedDecimal, usdCents: Int64)?
    static func tardisGenerated(_ frame: String) -> TardisGenerated
}

/// What a venue's data means beyond its frames.
public struct VenueFacts: Sendable {
    /// The venue pushes at most this many liquidations per symbol per second (Binance's
    /// `forceOrder` is a one-per-second snapshot): totals from it are lower bounds.
    public var liquidationsPerSymbolSecond: Int?

    public init(liquidationsPerSymbolSecond: Int? = nil) {
        self.liquidationsPerSymbolSecond = liquidationsPerSymbolSecond
    }

    /// True when liquidation totals from this venue undercount (a per-second cap).
    public var liquidationsAreLowerBound: Bool { liquidationsPerSymbolSecond != nil }
}
