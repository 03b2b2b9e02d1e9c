import LiqsimSQLite

/// One bar of one symbol with its regimes: a row of results.sqlite's `bars` table (what the
/// report's market panel draws).
public struct BarRow: Sendable, Equatable {
    public var symbol: String
    public var closeTime: Int64
    public var open: Double, high: Double, low: Double, close: Double, volumeUSD: Double
    public var longLiquidationUSD: Double, shortLiquidationUSD: Double
    public var composite: Double, funding: Double, openInterestUSD: Double, cascadeRisk: Double
    public var trend: String, trendSlope: Double, trendT: Double, trendR2: Double
    public var sentimentTrend: String, volatility: String, volatilityZ: Double, rvForecast: Double
    /// Bars in the window of the trend and sentiment-trend columns (the rules' window, see
    /// docs/metrics.md).
    public var trendWindow = 0

    public init(symbol: String, closeTime: Int64, open: Double, high: Double, low: Double, close: Double, volumeUSD: Double,
                longLiquidationUSD: Double, shortLiquidationUSD: Double, composite: Double, funding: Double, openInterestUSD: Double,
                cascadeRisk: Double, trend: String, trendSlope: Double, trendT: Double, trendR2: Double, sentimentTrend: String,
                volatility: String, volatilityZ: Double, rvForecast: Double) {
        self.symbol = symbol; self.closeTime = closeTime; self.open = open; self.high = high; self.low = low; self.close = close
        self.volumeUSD = volumeUSD; self.longLiquidationUSD = longLiquidationUSD; self.shortLiquidationUSD = shortLiquidationUSD
        self.composite = composite; self.funding = funding; self.openInterestUSD = openInterestUSD; self.cascadeRisk = cascadeRisk
        self.trend = trend; self.trendSlope = trendSlope; self.trendT = trendT; self.trendR2 = trendR2
        self.sentimentTrend = sentimentTrend; self.volatility = volatility; self.volatilityZ = volatilityZ; self.rvForecast = rvForecast
    }

    /// The `bars` table's values in column order (NaN and infinities as NULL).
    var values: [SQLiteValue] {
        [.text(symbol), .text(ResultText.time(closeTime)), .finite(open), .finite(high), .finite(low), .finite(close), .finite(volumeUSD),
         .finite(longLiquidationUSD), .finite(shortLiquidationUSD), .finite(composite), .finite(funding), .finite(openInterestUSD),
         .finite(cascadeRisk), .text(trend), .finite(trendSlope), .finite(trendT), .finite(trendR2), .text(sentimentTrend),
         .text(volatility), .finite(volatilityZ), .finite(rvForecast), .integer(Int64(trendWindow))]
    }
}

/// One cross-exchange cascade episode: a row of results.sqlite's `cascades` table.
public struct CascadeRow: Sendable, Equatable {
    public var symbol: String
    public var time: Int64, endTime: Int64
    public var liquidations: Int
    public var longUSD: Double, shortUSD: Double
    /// `exchange:count` pairs separated by spaces.
    public var exchanges: String
    /// A capped exchange (Binance, one liquidation per symbol per second) took part: the
    /// counts and USD are lower bounds.
    public var lowerBound = false

    public init(symbol: String, time: Int64, endTime: Int64, liquidations: Int, longUSD: Double, shortUSD: Double, exchanges: String) {
        self.symbol = symbol; self.time = time; self.endTime = endTime; self.liquidations = liquidations
        self.longUSD = longUSD; self.shortUSD = shortUSD; self.exchanges = exchanges
    }

    var values: [SQLiteValue] {
        [.text(symbol), .text(ResultText.time(time)), .integer(Int64(liquidations)), .finite(longUSD), .finite(shortUSD),
         .text(exchanges), .text(ResultText.time(endTime)), .integer(lowerBound ? 1 : 0)]
    }
}
