import LiqsimCore
import LiqsimPipeline

/// A consumer of the analysis loop (formerly `ReplayObserver`): it sees every emitted event
/// and every batch of pipeline signals in the order a JSON-lines run writes them — the
/// signals of windows that closed before an event, then those the event caused, then the
/// event — and every outage marker. The JSON-lines writer, the log, the dashboard, the
/// snapshot store, the backtest's tape and the heatmap are all sinks.
public protocol AnalysisSink: AnyObject {
    func event(_ event: MarketEvent)
    /// One batch of signals (never empty), emitted at one point of the event stream.
    func signals(_ signals: [PipelineSignal])
    /// A `gap` or `disconnect` record: data of `stream` (nil when the record's stream is
    /// unknown) may be missing around `recv`.
    func outage(at recv: UnixNanos, stream: StreamID?)
    /// After each replayed record (whether or not it produced events).
    func recordDone(recv: UnixNanos)
    /// Write out buffered output now (a paced replay is about to sleep; a live frame ended).
    func flush()
    /// True once the sink's output went away: the replay stops there.
    var isClosed: Bool { get }
}

extension AnalysisSink {
    public func signals(_ signals: [PipelineSignal]) {}
    public func outage(at recv: UnixNanos, stream: StreamID?) {}
    public func recordDone(recv: UnixNanos) {}
    public func flush() {}
    public var isClosed: Bool { false }
}
