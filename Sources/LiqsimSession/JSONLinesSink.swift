import LiqsimCore
import LiqsimPipeline

/// The machine interface of a replay: one JSON object per event and signal, hashed into
/// the run's digest whatever the output format (the digest is the SHA-256 of exactly
/// what `--format jsonl` prints), and written to `output` when given.
public final class JSONLinesSink: AnalysisSink {
    private let buffer = OutputBuffer(capacity: 1 << 17)
    private let digest = SHA256Digest()
    private let output: Int32?
    public private(set) var isClosed = false
    private var finished: String?

    /// `output`: the descriptor to write the lines to; nil hashes only.
    public init(output: Int32?) { self.output = output }

    @inline(__always)
    public func event(_ event: MarketEvent) {
        buffer.appendJSONLine(event)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func signals(_ signals: [PipelineSignal]) {
        for signal in signals { buffer.appendJSONLine(signal) }
    }

    public func flush() {
        digest.update(buffer.bytes)
        if let output, !isClosed {
            if !OutputBuffer.writeAll(output, buffer.bytes) { isClosed = true }
        }
        buffer.removeAll()
    }

    /// Flushes and returns the lower-case hex SHA-256 of every line (idempotent).
    public func finish() -> String {
        if let finished { return finished }
        flush()
        let hex = digest.finalizeHex()
        finished = hex
        return hex
    }
}
