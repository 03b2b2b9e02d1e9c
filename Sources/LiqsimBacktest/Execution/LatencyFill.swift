/// The default fill model: a constant latency. A decision at close T fills at the first trade
/// received at or after T + latency (any exchange of the symbol), at that trade's price; a
/// decision with no later trade never fills.
public struct LatencyFill: FillModel {
    public var latencyNanos: Int64

    public init(latencyNanos: Int64) { self.latencyNanos = latencyNanos }

    /// `execution.latency_ms`, rounded to whole nanoseconds.
    public init(latencyMs: Double) { self.init(latencyNanos: Int64((latencyMs * 1_000_000).rounded())) }

    /// A grid point's `execution.latency_ms`.
    public init(point: GridPoint) { self.init(latencyMs: point.number("execution.latency_ms")) }

    public func schedule(_ tape: SymbolTape) -> FillSchedule {
        let n = tape.count
        var out = FillSchedule(count: n)
        var k = 0, g = 0
        for i in 0..<n {
            let decision = tape.closeTime[i], earliest = decision + latencyNanos
            while k < tape.tradeTime.count, tape.tradeTime[k] < earliest { k += 1 }
            guard k < tape.tradeTime.count else { continue }
            out.time[i] = tape.tradeTime[k]
            out.price[i] = tape.tradePrice[k]
            while g < tape.outages.count, tape.outages[g] < decision { g += 1 }
            out.acrossGap[i] = g < tape.outages.count && tape.outages[g] <= out.time[i]
        }
        return out
    }
}
