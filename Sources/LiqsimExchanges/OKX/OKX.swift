import LiqsimCore

/// OKX USDT swaps (`okx-swap`).
public enum OKX: Venue {
    public static let stream = StreamID.okxSwap
    public static func makeAdapter() -> any ExchangeAdapter { OKXAdapter() }
    public static let endpoints: any LiveEndpoints.Type = OKXEndpoints.self
    public static let serveProtocol: any ServeProtocol.Type = OKXServeProtocol.self
    public static let facts = VenueFacts()
}
