import Foundation
import LiqsimCore

/// The generator's only source of randomness: SplitMix64 seeded from the spec, with the
/// samplers the model needs. Same seed → same sequence on every machine.
public struct SynthRandom: Sendable {
    /// The draws: Core's SplitMix64 (the same generator live code seeds its jitter from).
    private var source: SeededRandom

    public init(seed: UInt64) { source = SeededRandom(seed: seed) }

    /// An independent stream for one part of the model (per symbol, per exchange…), so
    /// adding a symbol does not change the others' draws.
    func derived(_ salt: UInt64) -> SynthRandom {
        var r = SynthRandom(seed: source.state ^ (salt &* 0x9E37_79B9_7F4A_7C15))
        _ = r.next()
        return r
    }

    public mutating func next() -> UInt64 { source.next() }

    /// Uniform in (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992.0 }

    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// Standard normal (Box–Muller, one value per call).
    mutating func normal() -> Double {
        let u1 = uniform(), u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    mutating func exponential(mean: Double) -> Double { -mean * Foundation.log(uniform()) }

    mutating func logNormal(median: Double, sigma: Double) -> Double { median * Foundation.exp(sigma * normal()) }

    /// Poisson count with mean `lambda` (Knuth for small means, normal approximation above 30).
    mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda > 30 { return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded())) }
        let limit = Foundation.exp(-lambda)
        var k = 0
        var p = uniform()
        while p > limit { k += 1; p *= uniform() }
        return k
    }

    /// Index drawn with the given weights (which need not sum to 1).
    mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = uniform() * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }
}
