import LiqsimCore

/// Binance USD-M futures (`binance-usdm`).
public enum Binance: Venue {
    public static let stream = StreamID.binanceUSDM
    public static func makeAdapter() -> any ExchangeAdapter { BinanceAdapter() }
    /// `forceOrder` pushes "only the latest one liquidation order within 1000ms" per symbol.
    public static let facts = VenueFacts(liquidationsPerSymbolSecond: 1)
}
