import LiqsimCore

/// A market-generator scenario (`scenarios/synth/*.yaml`, docs/synth.md). Durations are
/// nanoseconds, rates per second, volatilities annualized.
public struct SynthSpec: Sendable {
    public var name: String
    public var seed: UInt64
    public var start: UnixNanos
    public var duration: Int64
    /// Simulation step (default 100 ms).
    public var step: Int64 = 100_000_000
    public var symbols: [SymbolSpec]
    public var exchanges: [ExchangeSpec]
    public var traders = TraderSpec()
    public var leverage = LeverageSpec()
    public var cadence = CadenceSpec()
    /// Price impact of a market order, in basis points per $1M of notional.
    public var impactBpsPerMillion: Double = 2.0
    public var regimes: [RegimeSpec] = []
    public var shocks: [ShockSpec] = []
    /// Ground-truth cascades: liquidations of one symbol less than `cascadeGap` apart, at
    /// least `cascadeMinUSD` in total.
    public var cascadeGap: Int64 = 10_000_000_000
    public var cascadeMinUSD: Double = 1_000_000

    public var end: UnixNanos { UnixNanos(start.rawValue + duration) }
}

public struct SymbolSpec: Sendable {
    /// Unified symbol (`BTCUSDT`); the base asset is the symbol without its `USDT` quote.
    public var symbol: String
    public var price: Double
    /// Annualized volatility of the background price process (0.6 = 60%).
    public var volatility: Double
    /// Price tick and Binance/Bybit quantity step, as decimal text (`0.1`, `0.001`).
    public var tick: String
    public var lot: String
    /// OKX contract value in base units (`0.01` for BTC-USDT-SWAP).
    public var okxContractValue: String
    /// Scales the symbol's trade and position rates (ETH trades less than BTC).
    public var activity: Double = 1

    public var base: String { symbol.hasSuffix("USDT") ? String(symbol.dropLast(4)) : symbol }
}

public struct ExchangeSpec: Sendable {
    public var stream: StreamID
    /// Share of trades and positions.
    public var share: Double
    /// Price offset from the global mid, in basis points.
    public var basisBps: Double
    /// Mean network latency added to receive times (plus seeded jitter).
    public var latency: Int64
}

public struct TraderSpec: Sendable {
    /// Background (position-neutral) trades per second per symbol, all exchanges together.
    public var tradeRate: Double = 4
    /// New leveraged positions per second per symbol.
    public var openRate: Double = 0.5
    /// Median position notional (USD); sizes are log-normal with `sizeSigma`.
    public var medianNotional: Double = 20_000
    public var sizeSigma: Double = 1.3
    /// Median background trade notional (USD).
    public var medianTrade: Double = 3_000
    /// Mean holding time before a voluntary close.
    public var holdingMean: Int64 = 4 * 3_600_000_000_000
    /// Positions open before the start (so liquidation clusters exist from the first minute).
    public var initialPositions: Int = 3_000
}

public struct LeverageSpec: Sendable {
    public var tiers: [Double] = [5, 10, 25, 50, 100]
    public var weights: [Double] = [0.30, 0.30, 0.20, 0.12, 0.08]
    /// Maintenance margin rate of the isolated-margin liquidation price.
    public var maintenanceMargin: Double = 0.004
}

public struct CadenceSpec: Sendable {
    public var mark: Int64 = 1_000_000_000
    public var openInterest: Int64 = 3_000_000_000
    public var funding: Int64 = 60_000_000_000
    /// REST polls: open interest, long/short ratios.
    public var rest: Int64 = 300_000_000_000
}

public struct RegimeSpec: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case range, trendUp = "trend_up", trendDown = "trend_down", volatilityBurst = "volatility_burst"
    }
    /// Offset from the start.
    public var at: Int64
    public var duration: Int64
    public var kind: Kind
    /// Trend: log-return per hour (0.004 = +0.4%/h); range: pull toward the regime's start price per hour.
    public var strength: Double
    /// Volatility multiplier during the regime.
    public var volatility: Double
    /// Symbols affected (all when empty).
    public var symbols: [String]
}

public struct ShockSpec: Sendable {
    public enum Direction: String, Sendable { case down, up }
    public var at: Int64
    public var symbol: String
    public var direction: Direction
    /// Notional of the market orders that hit the book over `duration`.
    public var sizeUSD: Double
    public var duration: Int64
}
