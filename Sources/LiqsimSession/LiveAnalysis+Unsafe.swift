import LiqsimCore
import LiqsimExchanges

extension LiveAnalysis {
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
}
