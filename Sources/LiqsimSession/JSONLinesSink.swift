import Dispatch
import LiqsimCore
import LiqsimPipeline

/// The machine interface of a replay: one JSON object per event and signal, hashed into
/// the run's digest whatever the output format (the digest is the SHA-256 of exactly
/// what `--format jsonl` prints), and written to `output` when given.
///
/// Lines are written here, in order, as each 256 KiB buffer fills; the filled buffer is then
/// hashed on a background queue while the replay fills the next one (SHA-256 was ~7% of a
/// replay's CPU on the replay thread). The digest is the same: buffers are hashed one at a
/// time, in order. 256 KiB rather than 64: each hand-off wakes the queue's thread (a futex
/// call, ~4% of the analysis thread at 64 KiB); a quarter as many cut the replay's CPU ~3%.
public final class JSONLinesSink: AnalysisSink {
    private let buffer = OutputBuffer(capacity: 1 << 19)
    private let hasher = LineHasher()
    private let output: Int32?
    public private(set) var isClosed = false
    private var finished: String?

    /// `output`: the descriptor to write the lines to; nil hashes only.
    public init(output: Int32?) { self.output = output }

    @inline(__always)
    public func event(_ event: MarketEvent) {
        buffer.appendJSONLine(event)
        if buffer.count >= 1 << 18 { flush() }
    }

    public func signals(_ signals: [PipelineSignal]) {
        for signal in signals { buffer.appendJSONLine(signal) }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        if let output, !isClosed {
            if !OutputBuffer.writeAll(output, buffer.bytes) { isClosed = true }
        }
        hasher.hash(buffer)
    }

    /// Flushes and returns the lower-case hex SHA-256 of every line (idempotent).
    public func finish() -> String {
        if let finished { return finished }
        flush()
        let hex = hasher.finish()
        finished = hex
        return hex
    }
}

/// Hashes filled buffers on a serial background queue, one at a time and in order.
///
/// Ownership: the buffer handed to `hash` belongs to the queue until its block signals
/// `idle`; `hash` and `finish` wait for `idle` before touching the digest or reusing that
/// buffer, so the caller and the queue never use the same object at once.
final class LineHasher: @unchecked Sendable {
    private let digest = SHA256Digest()
    private let queue = DispatchQueue(label: "liqsim.jsonl-sha256")
    private let idle = DispatchSemaphore(value: 1)
    /// The buffer the queue hashed last; returned empty by the next `hash`.
    private let spare = OutputBuffer(capacity: 1 << 19)

    /// Queues the bytes of `full` for hashing and leaves `full` empty to fill next (the two
    /// buffers exchange contents, so the sink's reference never changes: no retain per line).
    func hash(_ full: OutputBuffer) {
        idle.wait()
        spare.removeAll()
        spare.swapContents(with: full)
        queue.async {
            self.digest.update(self.spare.bytes)   // the filled bytes, owned by the queue until `idle`
            self.idle.signal()
        }
    }

    /// Waits for the queued buffer and returns the hex digest.
    func finish() -> String {
        idle.wait()
        defer { idle.signal() }
        return digest.finalizeHex()
    }
}
