import Foundation
import LiqsimCapture
import LiqsimCore

/// CaptureRotator's pointer-taking entry points (the byte hand-off from the transport).
extension CaptureRotator {
    /// Appends one record; false once the recorder has failed.
    @discardableResult
    func append(kind: RecordKind, stream: UInt8, recv: UnixNanos, aux: UInt16 = 0, payload: UnsafeRawBufferPointer) -> Bool {
        guard let writer else { return false }
        do {
            let now = monotonicNanos
            try writer.append(kind: kind, streamIndex: stream, recv: recv, aux: aux, payload: payload, monotonicNow: now)
            try writer.flushIfDue(monotonicNow: now, maxDelayNanos: CaptureRotator.flushAfterNanos)
            return true
        } catch { fail(error); return false }
    }

    @discardableResult
    func append(kind: RecordKind, stream: UInt8, recv: UnixNanos, text: String) -> Bool {
        var text = text
        return text.withUTF8 { append(kind: kind, stream: stream, recv: recv, payload: UnsafeRawBufferPointer($0)) }
    }

    @discardableResult
    func appendREST(stream: UInt8, recv: UnixNanos, status: UInt16, url: String, body: UnsafeRawBufferPointer) -> Bool {
        guard let writer else { return false }
        do {
            let now = monotonicNanos
            try writer.appendREST(streamIndex: stream, recv: recv, status: status, url: url, body: body, monotonicNow: now)
            try writer.flushIfDue(monotonicNow: now, maxDelayNanos: CaptureRotator.flushAfterNanos)
            return true
        } catch { fail(error); return false }
    }
}
