import LiqsimCore
import LiqsimExchanges
import LiqsimPipeline
import LiqsimSession

/// `record --live`: frames decoded as they arrive and fed to the same `AnalysisLoop` and
/// sinks as `replay --format log` (liquidation lines and the pipeline's alerts; `--db`
/// the snapshot store), so a live session and a replay of its capture print the same.
final class LiveAnalysis {
    private var normalizer = Normalizer()
    private var events: [MarketEvent] = []
    private let loop: AnalysisLoop
    private let store: SnapshotStoreSink?

    init(output: Int32, database: String?) throws {
        let pipeline = Pipeline(config: PipelineConfig())
        store = try database.map { try SnapshotStoreSink(path: $0, pipeline: pipeline) }
        let log: AnalysisSink = LogSink(output: output)
        loop = AnalysisLoop(pipeline: pipeline, sinks: (store.map { [$0 as AnalysisSink] } ?? []) + [log])
    }

    var databaseError: String? { store?.error }

    func frame(_ stream: StreamID, _ recv: UnixNanos, _ payload: UnsafeRawBufferPointer) {
        normalizer.decode(ExchangeInput(kind: .frame, recv: recv, payload: payload), stream: stream, into: &events)
        emit()
    }

    func rest(_ stream: StreamID, _ recv: UnixNanos, url: String, body: UnsafeRawBufferPointer) {
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
