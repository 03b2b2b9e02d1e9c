import LiqsimCore
import LiqsimPipeline

/// An in-process consumer of a replay (the backtest's shared pass, the heatmap): it sees
/// every emitted event and pipeline signal in the order a JSON-lines run writes them, and
/// every outage marker, so it never has to re-read captures or re-run the pipeline.
public protocol ReplayObserver: AnyObject {
    func observe(_ event: MarketEvent)
    func observe(_ signal: PipelineSignal)
    /// A `gap` or `disconnect` record: data of `stream` (nil when the record's stream is
    /// unknown) may be missing around `recv`.
    func observeOutage(at recv: UnixNanos, stream: StreamID?)
}

extension ReplayObserver {
    public func observe(_ signal: PipelineSignal) {}
    public func observeOutage(at recv: UnixNanos, stream: StreamID?) {}
}
