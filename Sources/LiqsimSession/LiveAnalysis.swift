import LiqsimCore
import LiqsimExchanges
import LiqsimPipeline

/// `record --live`: frames decoded as they arrive and fed to the same `AnalysisLoop` and
/// sinks as `replay --format log` (liquidation lines and the pipeline's alerts; `--db`
/// the snapshot store), so a live session and a replay of its capture print the same.
public final class LiveAnalysis {
    private var normalizer = Normalizer()
    private var events: [MarketEvent] = []
    private let loop: AnalysisLoop
    private let store: SnapshotStoreSink?

    /// Liquidation and alert lines go to `output`; `database` is the snapshot store's path.
    public init(output: Int32, database: String?) throws {
        let pipeline = Pipeline(config: PipelineConfig())
        store = try database.map { try SnapshotStoreSink(path: $0, pipeline: pipeline) }
        let log: AnalysisSink = LogSink(output: output)
        loop = AnalysisLoop(pipeline: pipeline, sinks: (store.map { [$0 as AnalysisSink] } ?? []) + [log])
    }

    /// The snapshot store's last write error, if any.
    public var databaseError: String? { store?.error }

    /// One received WebSocket text frame.
    public func frame(_ stream: StreamID, _ recv: UnixNanos, _ payload: UnsafeRawBufferPointer) {
        normalizer.decode(ExchangeInput(kind: .frame, recv: recv, payload: payload), stream: stream, into: &events)
        emit()
    }

    /// One REST response body.
    public func rest(_ stream: StreamID, _ recv: UnixNanos, url: String, body: UnsafeRawBufferPointer) {
        var url = url
        url.withUTF8 { u in
            normalizer.decode(ExchangeInput(kind: .rest, recv: recv, payload: body, url: UnsafeRawBufferPointer(u)), stream: stream, into: &events)
        }
        emit()
    }

    private func emit() {
        guard !events.isEmpty else { return }
        loop.deliver(events)
        loop.flush()
        events.removeAll(keepingCapacity: true)
    }
}
