/// A small deterministic random generator (SplitMix64, Steele, Lea & Flood 2014): the same
/// seed gives the same draws on every machine and Swift version, which the standard
/// library's samplers do not promise. Live code draws its jitter from one, seeded from
/// the system generator unless a seed is given, so a run can be replayed from its seed.
public struct SeededRandom: Sendable, Equatable, CustomStringConvertible {
    /// The seed this generator started from (what to pass back to replay it).
    public let seed: UInt64
    /// The generator's position (what a state-derived sub-stream mixes in).
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// A generator seeded from the system's random source.
    public static func fromSystem() -> SeededRandom {
        var system = SystemRandomNumberGenerator()
        return SeededRandom(seed: system.next())
    }

    public var description: String { "seed \(seed)" }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound` (multiply-high: no division, bias below 2⁻³² for any bound
    /// this code uses); 0 when `bound` is 0.
    public mutating func next(below bound: UInt64) -> UInt64 {
        bound.multipliedFullWidth(by: next()).high
    }

    /// An independent generator for one part of a run (one connection, one URL), so adding
    /// a part does not change the others' draws.
    public func derived(_ salt: UInt64) -> SeededRandom {
        var mixer = SeededRandom(seed: seed ^ ((salt &+ 1) &* 0xD1B5_4A32_D192_ED03))
        return SeededRandom(seed: mixer.next())
    }
}
