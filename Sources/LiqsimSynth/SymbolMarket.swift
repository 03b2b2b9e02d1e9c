import Foundation
import LiqsimCore

/// One symbol's simulated market: the global mid price (as a log price), its leveraged
/// positions, and how the symbol is listed on each exchange.
struct SymbolMarket {
    let spec: SymbolSpec
    let index: Int
    let symbol: Symbol
    /// Per exchange (spec order): raw symbol, quantity step (OKX: the contract value), price tick.
    let rawSymbols: [Symbol]
    let lots: [FixedDecimal]
    let tick: FixedDecimal
    var logPrice: Double
    var book: PositionBook
    var rng: SynthRandom
    /// Log price when each range regime began (its anchor), by regime index.
    var anchors: [Int: Double] = [:]
    /// Lots opened, closed and liquidated per exchange (mass balance in the truth file).
    var opened: [Int64], closed: [Int64], liquidated: [Int64]
    /// Open interest (lots) per exchange at the start, after the seeded positions.
    var initialOI: [Int64]

    init(spec: SymbolSpec, index: Int, exchanges: [ExchangeSpec], rng: SynthRandom) {
        self.spec = spec
        self.index = index
        symbol = Symbol(spec.symbol)!
        let okxId = Symbol(spec.base + "-USDT-SWAP")!
        rawSymbols = exchanges.map { $0.stream == .okxSwap ? okxId : Symbol(spec.symbol)! }
        lots = exchanges.map { FixedDecimal($0.stream == .okxSwap ? spec.okxContractValue : spec.lot)! }
        tick = FixedDecimal(spec.tick)!
        logPrice = Foundation.log(spec.price)
        book = PositionBook(exchanges: exchanges.count)
        self.rng = rng
        let zeros = Array(repeating: Int64(0), count: exchanges.count)
        opened = zeros; closed = zeros; liquidated = zeros; initialOI = zeros
    }

    var mid: Double { Foundation.exp(logPrice) }

    /// Moves the price by the impact of a market order: sells push it down.
    mutating func impact(notionalUSD: Double, buy: Bool, bpsPerMillion: Double) {
        let move = bpsPerMillion * 1e-4 * notionalUSD / 1e6
        logPrice += buy ? move : -move
    }

    /// The exchange's price for the current mid: mid × (1 + basis), on the tick grid.
    func price(on exchange: ExchangeSpec) -> FixedDecimal {
        SymbolMarket.quantize(mid * (1 + exchange.basisBps * 1e-4), tick)
    }

    /// `lots` of exchange `e` as a base quantity (exact: lots × step).
    func quantity(_ lots: Int64, exchange e: Int) -> FixedDecimal {
        FixedDecimal(mantissa: lots * self.lots[e].mantissa, scale: self.lots[e].scale)
    }

    /// Lots closest to `notional` at the current price (at least one).
    func lots(forNotional notional: Double, exchange e: Int) -> Int64 {
        max(1, Int64((notional / mid / lots[e].doubleValue).rounded()))
    }

    static func quantize(_ value: Double, _ step: FixedDecimal) -> FixedDecimal {
        let units = (value / step.doubleValue).rounded()
        return FixedDecimal(mantissa: Int64(units) * step.mantissa, scale: step.scale)
    }
}
