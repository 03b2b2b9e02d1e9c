import LiqsimCore

extension Normalizer {
    /// Adds the kinds of `events[from...]` to `counts` (by `EventKind.rawValue`) under one
    /// uniqueness check of the counts per frame, not one per event.
    @inline(__always)
    static func countKinds(_ events: [MarketEvent], from: Int, into counts: inout [Int]) {
        counts.withUnsafeMutableBufferPointer { counts in
            for k in from..<events.count { counts[events[k].kind.rawValue] += 1 }
        }
    }
}
