import LiqsimCapture
import LiqsimCore

/// A `ReplaySink` that hands every emitted event to a closure: for consumers that need
/// events only, no pipeline (the liquidation-level heatmap of `liqsim heatmap` and of
/// `liqsim report`).
public final class ObserverSink: ReplaySink {
    private let observe: (MarketEvent) -> Void

    public init(_ observe: @escaping (MarketEvent) -> Void) { self.observe = observe }

    public func replay(_ record: RawRecord, file: Int, stream: StreamID?, events: [MarketEvent]) {
        for event in events { observe(event) }
    }
}
