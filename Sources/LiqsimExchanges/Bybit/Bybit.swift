import LiqsimCore

/// Bybit linear perpetuals (`bybit-linear`).
public enum Bybit: Venue {
    public static let stream = StreamID.bybitLinear
    public static func makeAdapter() -> any ExchangeAdapter { BybitAdapter() }
    public static let endpoints: any LiveEndpoints.Type = BybitEndpoints.self
    public static let serveProtocol: any ServeProtocol.Type = BybitServeProtocol.self
    public static let facts = VenueFacts()
}
