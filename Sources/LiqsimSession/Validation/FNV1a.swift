/// 64-bit FNV-1a: a fixed, unseeded hash, so duplicate detection (and with it the
/// report) is identical in every run. Swift's `Hasher` is seeded per process.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01B3
    // The hash over bytes: FNV1a+Unsafe.swift.
}
