import LiqsimCore

/// Binance USD-M futures (`binance-usdm`).
public enum Binance: Venue {
    public static let stream = StreamID.binanceUSDM
    public static func makeAdapter() -> any ExchangeAdapter { BinanceAdapter() }
    public static let endpoints: any LiveEndpoints.Type = BinanceEndpoints.self
    public static let serveProtocol: any ServeProtocol.Type = BinanceServeProtocol.self
    /// `forceOrder` pushes "only the latest one liquidation order within 1000ms" per symbol.
    public static let facts = VenueFacts(liquidationsPerSymbolSecond: 1)
}
