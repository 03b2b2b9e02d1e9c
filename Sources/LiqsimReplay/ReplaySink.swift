import LiqsimCapture
import LiqsimCore

/// What a `ReplayEngine` feeds: every record in merge order (after `--from`), with the
/// events its frame decoded to (already filtered by `--symbols`; often none).
public protocol ReplaySink: AnyObject {
    /// One record; `file` is its capture's position in the run's paths, `stream` nil when
    /// its header names no stream this version knows. The record's payload and the events
    /// array are valid only during the call.
    func replay(_ record: RawRecord, file: Int, stream: StreamID?, events: [MarketEvent])
    /// A paced run is about to sleep: write out anything buffered so it shows on time.
    func flush()
    /// True once the sink's output went away (`| head`): the engine stops there.
    var isClosed: Bool { get }
}

extension ReplaySink {
    public func flush() {}
    public var isClosed: Bool { false }
}
