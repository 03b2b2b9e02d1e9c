#if canImport(Glibc)
import Glibc
#endif
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges
import LiqsimSession
import NIOCore
import NIOSSL

/// RecordSession's pointer-taking entry points (the byte hand-off from the transport).
extension RecordSession {
    func frame(_ kind: RecordKind, _ streamIndex: UInt8, _ stream: StreamID, _ payload: UnsafeRawBufferPointer) {
        guard !finished else { return }
        let recv = time.wall()
        framesByStream[Int(streamIndex)] &+= 1
        guard rotator.append(kind: kind, stream: streamIndex, recv: recv, payload: payload) else { return failIfNeeded() }
        if kind == .text { analysis?.frame(stream, recv, payload) }
    }

    func rest(_ streamIndex: UInt8, _ stream: StreamID, _ recv: UnixNanos, status: UInt16, url: String, body: UnsafeRawBufferPointer) {
        guard !finished else { return }
        guard rotator.appendREST(stream: streamIndex, recv: recv, status: status, url: url, body: body) else { return failIfNeeded() }
        if (200..<300).contains(status) { analysis?.rest(stream, recv, url: url, body: body) }
    }
}
