#if canImport(Glibc)
import Glibc
#endif
import LiqsimCore
import LiqsimExchanges
import LiqsimPipeline
import LiqsimReplay
import LiqsimStore

/// `record --live`: the replay pipeline run on frames as they arrive, printing what
/// `replay --format log` prints for the same frames (liquidation lines and the pipeline's
/// alerts), so a live session and a replay of its capture can be compared line by line.
final class LiveAnalysis {
    private var normalizer = Normalizer()
    private let pipeline = Pipeline(config: PipelineConfig())
    private let database: SnapshotRecorder?
    private var events: [MarketEvent] = []
    private var signals: [PipelineSignal] = []
    private let out = OutputBuffer(capacity: 1 << 14)
    private let fd: Int32
    private(set) var databaseError: String?

    init(output: Int32, database: String?) throws {
        fd = output
        self.database = try database.map { try SnapshotRecorder(path: $0) }
    }

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

    /// Same order as replay: windows that closed before the event, then the event.
    private func emit() {
        guard !events.isEmpty else { return }
        for event in events {
            pipeline.advance(to: event.recv.rawValue, into: &signals)
            drainSignals()
            pipeline.apply(event, into: &signals)
            drainSignals()
            database?.observe(event)
            if case .liquidation(let l) = event { out.appendLogLine(l) }
        }
        events.removeAll(keepingCapacity: true)
        write()
    }

    private func drainSignals() {
        guard !signals.isEmpty else { return }
        var snapshot = false
        for signal in signals {
            out.appendLogLine(signal)
            if let database, case .sentiment(let s) = signal { database.record(s, pipeline: pipeline); snapshot = true }
        }
        signals.removeAll(keepingCapacity: true)
        if snapshot {
            do { try database?.flush() } catch { databaseError = "\(error)" }
        }
    }

    private func write() {
        var done = 0
        while done < out.count {
            let n = Glibc.write(fd, out.base + done, out.count - done)
            if n < 0 { if errno == EINTR { continue }; break }
            done += n
        }
        out.removeAll()
    }
}
