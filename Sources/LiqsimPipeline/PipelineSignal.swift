import LiqsimCore

/// What the pipeline emits, each at the close of the window it describes (never before),
/// stamped with that close time as `recv`.
public enum PipelineSignal: Sendable {
    case bar(Bar)
    case sentiment(SentimentSnapshot)
    case cascadeRisk(CascadeRisk)
    case cascade(CascadeEvent)
    case spike(LiquidationSpike)
}

/// An OHLC bar from trades, with volume and liquidation columns. `exchange` nil = all exchanges.
public struct Bar: Sendable, Equatable {
    public var symbol: Symbol
    public var exchange: StreamID?
    public var interval: Int64
    public var openTime: Int64
    public var open: FixedDecimal?, high: FixedDecimal?, low: FixedDecimal?, close: FixedDecimal?
    /// Base volume, exact, 8 decimals.
    public var volume: FixedDecimal
    public var volumeCents: Int64, buyCents: Int64, sellCents: Int64
    public var longLiquidationCents: Int64, shortLiquidationCents: Int64
    public var trades: Int, liquidations: Int

    public var closeTime: Int64 { openTime + interval }
}

/// The six-factor sentiment of a symbol over the last interval.
public struct SentimentSnapshot: Sendable, Equatable {
    public static let factorNames = ["funding", "open_interest", "long_short", "momentum", "taker_flow", "liquidations"]
    public var time: Int64
    public var symbol: Symbol
    /// In `factorNames` order, each in [−1, 1].
    public var factors: [Double]
    public var composite: Double
    public var label: String

    /// ≥ 0.5 STRONG BULLISH, ≥ 0.2 BULLISH, > −0.2 NEUTRAL, > −0.5 BEARISH, else STRONG BEARISH.
    public static func label(_ composite: Double) -> String {
        if composite >= 0.5 { return "STRONG BULLISH" }
        if composite >= 0.2 { return "BULLISH" }
        if composite > -0.2 { return "NEUTRAL" }
        if composite > -0.5 { return "BEARISH" }
        return "STRONG BEARISH"
    }
}

/// Cascade risk of a symbol over a trailing window: liquidation/volume, imbalance and size factors.
public struct CascadeRisk: Sendable, Equatable {
    public var time: Int64
    public var symbol: Symbol
    public var window: Int64
    public var liquidationCents: Int64, tradedCents: Int64, longCents: Int64, shortCents: Int64
    /// min(liq ÷ traded ÷ 0.02, 1) × 0.4, |long − short| ÷ (long + short) × min(liq ÷ size_ref, 1) × 0.3,
    /// min(liq ÷ size_ref, 1) × 0.3: a one-sided window weighs in as far as it is large.
    public var volumeFactor: Double, imbalanceFactor: Double, sizeFactor: Double
    public var risk: Double { volumeFactor + imbalanceFactor + sizeFactor }
    public var level: String { CascadeRisk.level(risk) }

    /// ≥ 0.8 CRITICAL, ≥ 0.6 HIGH, ≥ 0.4 MODERATE, else LOW.
    public static func level(_ risk: Double) -> String {
        risk >= 0.8 ? "CRITICAL" : risk >= 0.6 ? "HIGH" : risk >= 0.4 ? "MODERATE" : "LOW"
    }

    public static func compute(time: Int64, symbol: Symbol, window: Int64, long: Int64, short: Int64, traded: Int64, sizeReference: Double) -> CascadeRisk {
        let liq = long &+ short
        let l = Double(long), s = Double(short), total = l + s   // Double: hostile sums must not trap
        let usd = total / 100
        let volume = traded > 0 ? min(total / Double(traded) / 0.02, 1) * 0.4 : (total > 0 ? 0.4 : 0)
        let scale = min(usd / sizeReference, 1)
        let imbalance = total > 0 ? abs(l - s) / total * scale * 0.3 : 0
        let size = scale * 0.3
        return CascadeRisk(time: time, symbol: symbol, window: window, liquidationCents: liq, tradedCents: traded, longCents: long, shortCents: short,
                           volumeFactor: volume, imbalanceFactor: imbalance, sizeFactor: size)
    }
}

/// ≥ N liquidations totalling ≥ $X within the window on ≥ M exchanges (emitted when first met).
public struct CascadeEvent: Sendable, Equatable {
    public var time: Int64
    public var symbol: Symbol
    public var liquidations: Int
    public var longCents: Int64, shortCents: Int64
    /// Liquidations per exchange, in stream order.
    public var perExchange: [(StreamID, Int)]
    /// Cascade risk over the same window (size reference scaled to the window).
    public var risk: CascadeRisk

    public var totalCents: Int64 { longCents &+ shortCents }

    public static func == (a: CascadeEvent, b: CascadeEvent) -> Bool {
        a.time == b.time && a.symbol == b.symbol && a.liquidations == b.liquidations && a.longCents == b.longCents
            && a.shortCents == b.shortCents && a.perExchange.map(\.0) == b.perExchange.map(\.0) && a.perExchange.map(\.1) == b.perExchange.map(\.1) && a.risk == b.risk
    }
}

/// A window's liquidation USD above `ratio` × the previous window's.
public struct LiquidationSpike: Sendable, Equatable {
    public var time: Int64
    public var symbol: Symbol
    public var window: Int64
    public var cents: Int64, previousCents: Int64
    public var ratio: Double { Double(cents) / Double(previousCents) }
}
