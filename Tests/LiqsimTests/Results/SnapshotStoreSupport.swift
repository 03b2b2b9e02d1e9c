import Foundation
import LiqsimSQLite
import LiqsimStore

/// Hand-built snapshot rows with known values for the store tests.
enum Snap {
    static let day: Int64 = 86_400_000_000_000
    static let hour: Int64 = 3_600_000_000_000
    /// 2026-01-01T00:00:00Z.
    static let t0: Int64 = 1_767_225_600_000_000_000

    /// Two rows per table, the second with every optional column unknown (NULL).
    static var batch: SnapshotBatch {
        SnapshotBatch(
            markets: [
                MarketSnapshotRow(timeNs: t0, symbol: "BTCUSDT", price: 87_000.5, volumeUsd: 1_250_000_000, openInterestUsd: 8_500_000_000,
                                  fundingRate: 0.0001, longLiqUsd: 1_500_000.25, shortLiqUsd: 250_000, liquidations: 42,
                                  sentiment: 0.35, sentimentLabel: "BULLISH", cascadeRisk: 0.62, cascadeLevel: "HIGH"),
                MarketSnapshotRow(timeNs: t0 + hour, symbol: "ETHUSDT"),
            ],
            exchanges: [
                ExchangeSnapshotRow(timeNs: t0, symbol: "BTCUSDT", exchange: "binance-usdm", price: 87_001, volumeUsd: 500_000_000,
                                    openInterest: 95_000.5, openInterestUsd: 8_260_000_000, fundingRate: -0.00005, longPct: 57.77,
                                    longLiqUsd: 1_000_000, shortLiqUsd: 0, liquidations: 30),
                ExchangeSnapshotRow(timeNs: t0, symbol: "BTCUSDT", exchange: "okx-swap"),
            ],
            factors: [
                SentimentFactorRow(timeNs: t0, symbol: "BTCUSDT", factor: "funding", value: 0.7616, weight: 0.25),
                SentimentFactorRow(timeNs: t0, symbol: "BTCUSDT", factor: "open_interest", value: nil, weight: 0.5),
            ],
            liquidations: [
                LiquidationSnapshotRow(timeNs: t0, symbol: "BTCUSDT", window: "1h", events: 42, usd: 1_750_000.25,
                                       longUsd: 1_500_000.25, shortUsd: 250_000, largestUsd: 310_000, institutional: 3),
                LiquidationSnapshotRow(timeNs: t0 + hour, symbol: "ETHUSDT", window: "5m"),
            ]
        )
    }

    /// Rows for retention tests: market, exchange, factor and liquidation rows at the given times.
    static func batch(market: [Int64], exchange: [Int64], factor: [Int64], liquidation: [Int64]) -> SnapshotBatch {
        SnapshotBatch(
            markets: market.map { MarketSnapshotRow(timeNs: $0, symbol: "BTCUSDT") },
            exchanges: exchange.map { ExchangeSnapshotRow(timeNs: $0, symbol: "BTCUSDT", exchange: "bybit-linear") },
            factors: factor.map { SentimentFactorRow(timeNs: $0, symbol: "BTCUSDT", factor: "momentum", value: 0, weight: 1) },
            liquidations: liquidation.map { LiquidationSnapshotRow(timeNs: $0, symbol: "SOLUSDT", window: "15m") }
        )
    }

    /// time_ns of every row of `table`, in order.
    static func times(_ db: SQLiteDatabase, _ table: SnapshotTable) throws -> [Int64] {
        try db.query("SELECT time_ns FROM \(table.rawValue) ORDER BY time_ns").map { $0[0].int64! }
    }

    static func count(_ db: SQLiteDatabase, _ table: SnapshotTable) throws -> Int64 {
        try db.scalar("SELECT COUNT(*) FROM \(table.rawValue)").int64!
    }

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
