/// One perpetual as the three venues quote it, with a random-walk price and the
/// counters (trade ids, sequence numbers) its frames carry.
struct Instrument {
    let lower: [UInt8]          // btcusdt (Binance stream names)
    let upper: [UInt8]          // BTCUSDT (Binance, Bybit)
    let okx: [UInt8]?           // BTC-USDT-SWAP, when listed in the OKX instruments record
    let okxFamily: [UInt8]?     // BTC-USDT
    let basePrice: Int64        // micro-USDT (1e-6)
    let step: Int64             // price tick in micro-USDT
    let bnPx: Int, bnQty: Int   // Binance price / quantity decimals
    let byPx: Int, byQty: Int   // Bybit
    let okxPx: Int              // OKX price decimals (sizes are whole contracts)
    let ctValScale: Int         // OKX ctVal = 10^-ctValScale (0.01 BTC, 0.1 ETH, 1 SOL)
    let maxQty: Int64           // largest trade, in units of 10^-bnQty
    let weight: Int             // share of the frames, percent

    var price: Int64            // micro-USDT
    var binanceAggId: Int64, binanceTradeId: Int64
    var bybitSeq: Int64, bybitCs: Int64
    var bybitOI: Int64          // in 10^-byQty units
    var bybitTurnover: Int64    // 4 decimals
    var bybitVolume: Int64      // 4 decimals
    var okxTradeId: Int64, okxSeqId: Int64, okxOI: Int64

    init(_ base: String, price: Int64, step: Int64, bn: (Int, Int), by: (Int, Int), okxPx: Int, ctValScale: Int?,
         maxQty: Int64, weight: Int, oi: Int64) {
        lower = Array((base.lowercased() + "usdt").utf8)
        upper = Array((base + "USDT").utf8)
        okx = ctValScale.map { _ in Array((base + "-USDT-SWAP").utf8) }
        okxFamily = ctValScale.map { _ in Array((base + "-USDT").utf8) }
        basePrice = price; self.price = price; self.step = step
        bnPx = bn.0; bnQty = bn.1; byPx = by.0; byQty = by.1
        self.okxPx = okxPx; self.ctValScale = ctValScale ?? 0
        self.maxQty = maxQty; self.weight = weight
        let seed = Int64(base.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF)
        binanceAggId = 3_404_749_954 + seed * 1000; binanceTradeId = 7_960_913_511 + seed * 1000
        bybitSeq = 753_843_954_913 + seed; bybitCs = 753_843_900_397 + seed
        bybitOI = oi; bybitTurnover = 11_421_184_129_021 / (seed % 7 + 1); bybitVolume = 175_739_120 * (seed % 5 + 1)
        okxTradeId = 1_062_992_715 + seed; okxSeqId = 81_625_379_835 + seed; okxOI = oi
    }

    /// The traded instruments: BTC, ETH, SOL on all three venues; XRP, DOGE on Binance and Bybit.
    static func table() -> [Instrument] {
        [
            Instrument("BTC", price: 65_000_000_000, step: 100_000, bn: (2, 3), by: (2, 3), okxPx: 1, ctValScale: 2,
                       maxQty: 2_500, weight: 40, oi: 59_891_732),
            Instrument("ETH", price: 3_400_000_000, step: 10_000, bn: (2, 3), by: (2, 2), okxPx: 2, ctValScale: 1,
                       maxQty: 40_000, weight: 30, oi: 83_008_925),
            Instrument("SOL", price: 150_000_000, step: 10_000, bn: (4, 0), by: (3, 1), okxPx: 3, ctValScale: 0,
                       maxQty: 400, weight: 14, oi: 67_380_495),
            Instrument("XRP", price: 1_410_000, step: 100, bn: (4, 1), by: (4, 0), okxPx: 4, ctValScale: nil,
                       maxQty: 200_000, weight: 8, oi: 391_543_867),
            Instrument("DOGE", price: 120_000, step: 10, bn: (5, 0), by: (5, 0), okxPx: 5, ctValScale: nil,
                       maxQty: 300_000, weight: 8, oi: 1_391_543_867),
        ]
    }

    /// Random-walk step, kept within ±15 % of the base price.
    @inline(__always)
    mutating func move(_ rng: inout SplitMix64) {
        let d = step * rng.range(-2, 2)
        let next = price + d
        price = (next < basePrice * 85 / 100 || next > basePrice * 115 / 100) ? price - d : next
    }

    /// Price as a mantissa with `scale` decimals (truncated to the venue's precision).
    @inline(__always)
    func px(_ scale: Int, offsetTicks: Int64 = 0) -> Int64 {
        let p = price + offsetTicks * step
        return scale >= 6 ? p * pow10(scale - 6) : p / pow10(6 - scale)
    }

    /// A trade size in units of 10^-`scale`, mostly small with a long tail.
    @inline(__always)
    func qty(_ rng: inout SplitMix64, scale: Int) -> Int64 {
        let top = rng.chance(85) ? max(maxQty / 40, 1) : maxQty
        let q = rng.range(1, top)
        let shift = scale - bnQty
        return max(shift >= 0 ? q * pow10(shift) : q / pow10(-shift), 1)
    }
}

@inline(__always)
func pow10(_ n: Int) -> Int64 {
    var r: Int64 = 1
    for _ in 0..<n { r *= 10 }
    return r
}

/// The receive clock: frames spread evenly (with jitter) over the capture's time span.
struct Clock {
    private(set) var recvNs: Int64
    private let meanGapNs: Int64

    init(startNs: Int64, spanNs: Int64, frames: Int) {
        recvNs = startNs
        meanGapNs = max(spanNs / Int64(max(frames, 1)), 1)
    }

    @inline(__always)
    mutating func tick(_ rng: inout SplitMix64) { recvNs += rng.range(0, 2 * meanGapNs) }

    var recvMs: Int64 { recvNs / 1_000_000 }

    /// Exchange event time: a few milliseconds before receipt.
    @inline(__always)
    func eventMs(_ rng: inout SplitMix64) -> Int64 { recvMs - rng.range(2, 40) }
}
