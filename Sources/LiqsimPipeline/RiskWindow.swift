import LiqsimCore

/// A symbol's trades and liquidations of the trailing cascade-risk window, with exact
/// running sums: the risk is read at every bar close and every dashboard redraw over the
/// last `riskWindow` before that moment, not only when an aligned window ends.
struct RiskWindow {
    private struct Entry { var recv: Int64; var long: Int64; var short: Int64; var traded: Int64 }
    private var entries: [Entry] = []
    private var start = 0
    private(set) var longCents: Int64 = 0, shortCents: Int64 = 0, tradedCents: Int64 = 0

    var isEmpty: Bool { start == entries.count }

    /// Adds to the entry of the same receive time, or appends one (events arrive in receive order).
    @inline(__always)
    mutating func add(at recv: Int64, long: Int64 = 0, short: Int64 = 0, traded: Int64 = 0) {
        longCents &+= long; shortCents &+= short; tradedCents &+= traded
        let last = entries.count - 1
        if start <= last, entries[last].recv == recv {
            RiskWindow.merge(&entries[last], long: long, short: short, traded: traded)   // one access
        } else {
            entries.append(Entry(recv: recv, long: long, short: short, traded: traded))
        }
    }

    @inline(__always)
    private static func merge(_ e: inout Entry, long: Int64, short: Int64, traded: Int64) {
        e.long &+= long; e.short &+= short; e.traded &+= traded
    }

    /// Drops everything received before `cutoff`: the window becomes [cutoff, now).
    mutating func expire(before cutoff: Int64) {
        while start < entries.count, entries[start].recv < cutoff {
            let e = entries[start]
            longCents &-= e.long; shortCents &-= e.short; tradedCents &-= e.traded
            start += 1
        }
        if start == entries.count {
            entries.removeAll(keepingCapacity: true); start = 0
            longCents = 0; shortCents = 0; tradedCents = 0   // exact: nothing is left
        } else if start > 4_096 && start * 2 > entries.count {
            entries.removeFirst(start); start = 0
        }
    }
}
