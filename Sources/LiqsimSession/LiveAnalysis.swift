import LiqsimCore
import LiqsimExchanges
import LiqsimPipeline

/// `record --live`: frames decoded as they arrive and fed to the same `AnalysisLoop` and
/// sinks as `replay --format log` (liquidation lines and the pipeline's alerts; `--db`
/// the snapshot store), so a live session and a replay of its capture print the same.
public final class LiveAnalysis {
    var normalizer = Normalizer()
    var events: [MarketEvent] = []
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

    // Frames and REST bodies arrive as the recorder's raw bytes: LiveAnalysis+Unsafe.swift.

    func emit() {
        guard !events.isEmpty else { return }
        loop.deliver(events)
        loop.flush()
        events.removeAll(keepingCapacity: true)
    }
}
