/// Symbol → dense index (0, 1, 2, … in order of first insertion), for the lookups the replay
/// makes per event (the pipeline's symbol state, adapters' per-symbol state).
///
/// Open addressing with linear probing over a power-of-two table at most half full, hashed
/// by multiplying the symbol's four words: one multiply-xor and usually one comparison per
/// lookup, where a `Dictionary` runs SipHash over the key. Callers keep their values in an
/// array at the returned index. Deterministic: indices depend only on insertion order.
public struct SymbolIndex: Sendable {
    public private(set) var symbols: [Symbol] = []
    private var slots: [Int32]
    private var mask: Int

    public init() {
        slots = Array(repeating: -1, count: 64)
        mask = 63
    }

    public var count: Int { symbols.count }

    @inline(__always)
    static func hash(_ s: Symbol) -> Int {
        let h = (s.w0 &* 0x9E37_79B9_7F4A_7C15) ^ (s.w1 &* 0xC2B2_AE3D_27D4_EB4F)
            ^ (s.w2 &* 0x1656_67B1_9E37_79F9) ^ (s.w3 &* 0x27D4_EB2F_1656_67C5)
        return Int(truncatingIfNeeded: h ^ (h >> 31))
    }

    /// The index of `symbol`, or nil when it was never inserted.
    @inline(__always)
    public func index(of symbol: Symbol) -> Int? {
        var i = Self.hash(symbol) & mask
        while true {
            let k = Int(slots[i])
            if k < 0 { return nil }
            if symbols[k] == symbol { return k }
            i = (i + 1) & mask
        }
    }

    /// The index of `symbol`, inserting it as the next index when new.
    @inline(__always)
    public mutating func insert(_ symbol: Symbol) -> (index: Int, inserted: Bool) {
        var i = Self.hash(symbol) & mask
        while true {
            let k = Int(slots[i])
            if k < 0 { break }
            if symbols[k] == symbol { return (k, false) }
            i = (i + 1) & mask
        }
        let k = symbols.count
        symbols.append(symbol)
        slots[i] = Int32(k)
        if 2 * symbols.count > slots.count { grow() }
        return (k, true)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (k, symbol) in symbols.enumerated() {
            var i = Self.hash(symbol) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(k)
        }
    }
}
