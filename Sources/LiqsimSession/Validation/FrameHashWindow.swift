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
