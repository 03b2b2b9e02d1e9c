import LiqsimCore
import LiqsimSynth

/// The bench uses the generator's SplitMix64 (fixed seed: the bench capture is the same
/// bytes on every machine), with two samplers of its own.
typealias SplitMix64 = SynthRandom

extension SynthRandom {
    /// Uniform in lo...hi.
    @inline(__always)
    mutating func range(_ lo: Int64, _ hi: Int64) -> Int64 { lo + Int64(next() % UInt64(hi - lo + 1)) }

    /// True with probability `percent`/100.
    @inline(__always)
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// Frames are written straight into liqsim's own `OutputBuffer` (literal JSON fragments,
/// integers, fixed-point decimals; no String or Foundation in the loop). These short
/// names keep the frame templates in FrameGenerator*.swift readable.
typealias FrameBuffer = OutputBuffer

extension OutputBuffer {
    @inline(__always) func reset() { removeAll() }
    @inline(__always) func lit(_ s: StaticString) { append(s) }
    @inline(__always) func raw(_ b: [UInt8]) { append(b) }
    @inline(__always) func byte(_ b: UInt8) { append(b) }
    @inline(__always) func int(_ v: Int64) { append(int: v) }

    /// Fixed-point decimal `mantissa × 10^-scale`, always with exactly `scale` fraction digits.
    @inline(__always) func dec(_ mantissa: Int64, _ scale: Int) { append(FixedDecimal(mantissa: mantissa, scale: UInt8(scale))) }

    /// Bybit trade id: a UUID-shaped string.
    func uuid(_ rng: inout SplitMix64) {
        let a = rng.next(), b = rng.next()
        hex(a >> 32, 8); byte(UInt8(ascii: "-")); hex((a >> 16) & 0xFFFF, 4); byte(UInt8(ascii: "-"))
        hex(0x5000 | (a & 0x0FFF), 4); byte(UInt8(ascii: "-")); hex(0x8000 | (b >> 50), 4); byte(UInt8(ascii: "-"))
        hex(b & 0xFFFF_FFFF_FFFF, 12)
    }
}
