/// 64-bit FNV-1a: a fixed, unseeded hash, so duplicate detection (and with it the
/// report) is identical in every run. Swift's `Hasher` is seeded per process.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = offsetBasis
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h
    }
}

/// The hashes of the last `capacity` frames of one stream: a ring of hashes plus a
/// count per hash, so memory stays bounded however long the capture is.
public struct FrameHashWindow: Sendable {
    public let capacity: Int
    private var ring: [UInt64] = []
    private var next = 0
    private var counts: [UInt64: Int] = [:]

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        ring.reserveCapacity(min(capacity, 1 << 12))
    }

    /// Remembers `hash`; returns true when it is among the last `capacity` hashes before it.
    public mutating func insert(_ hash: UInt64) -> Bool {
        let seen = counts[hash] != nil
        if ring.count < capacity {
            ring.append(hash)
        } else {
            let old = ring[next]
            if let c = counts[old], c > 1 { counts[old] = c - 1 } else { counts[old] = nil }
            ring[next] = hash
            next = (next + 1) % capacity
        }
        counts[hash, default: 0] += 1
        return seen
    }

    /// Hashes currently remembered.
    public var count: Int { ring.count }
}
