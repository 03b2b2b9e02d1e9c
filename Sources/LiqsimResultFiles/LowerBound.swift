import LiqsimCore

/// Liquidation totals of one symbol from a venue that publishes at most one liquidation per
/// symbol per second (Binance's `forceOrder` snapshot): lower bounds on what happened.
/// manifest.json lists them; summary.md, report.html and `compare` say so.
public struct LowerBound: Codable, Sendable, Equatable {
    public var symbol: String
    /// The capped stream, e.g. `binance-usdm`.
    public var exchange: String
    /// Liquidations published and their USD: lower bounds.
    public var liquidations: Int
    public var usd: Double
    /// Seconds (exchange time) in which the venue published its one-per-second maximum for
    /// the symbol: each may have hidden more liquidations.
    public var cappedSeconds: Int

    public init(symbol: String, exchange: String, liquidations: Int, usd: Double, cappedSeconds: Int) {
        self.symbol = symbol; self.exchange = exchange; self.liquidations = liquidations; self.usd = usd; self.cappedSeconds = cappedSeconds
    }

    enum CodingKeys: String, CodingKey {
        case symbol, exchange, liquidations, usd, cappedSeconds = "capped_seconds"
    }

    /// `binance-usdm BTCUSDT: ≥ 1,234 liquidations, ≥ $5,600,000.00 (lower bounds: …; at that
    /// maximum in 1,234 s)`.
    public var sentence: String {
        "\(exchange) \(symbol): ≥ \(NumberText.grouped(liquidations)) liquidations, ≥ $\(NumberText.grouped(usd, decimals: 2) ?? "?") "
            + "(lower bounds: at most one liquidation per symbol per second is published; at that maximum in \(NumberText.grouped(cappedSeconds)) s)"
    }
}
