import LiqsimCore
import LiqsimPipeline
import LiqsimStore

/// `--db`: fills the SQLite snapshot store at every sentiment snapshot, one transaction
/// per batch of signals; interval totals come from the same events the pipeline sees.
public final class SnapshotStoreSink: AnalysisSink {
    private let recorder: SnapshotRecorder
    private let pipeline: Pipeline
    /// The first write error, if any (the run goes on; the summary reports it).
    public private(set) var error: String?

    public init(path: String, pipeline: Pipeline) throws {
        recorder = try SnapshotRecorder(path: path)
        self.pipeline = pipeline
    }

    /// Snapshot transactions written.
    public var batches: Int { recorder.batches }

    public func event(_ event: MarketEvent) { recorder.observe(event) }

    public func signals(_ signals: [PipelineSignal]) {
        var snapshots = false
        for signal in signals {
            if case .sentiment(let s) = signal { recorder.record(s, pipeline: pipeline); snapshots = true }
        }
        guard snapshots else { return }
        do { try recorder.flush() } catch { self.error = "\(error)" }
    }
}
