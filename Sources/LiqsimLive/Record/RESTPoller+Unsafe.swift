import LiqsimCore
import NIOCore
import NIOSSL

/// RESTPoller's byte hand-off: a response body goes to the recorder without a copy.
extension RESTPoller {
    func deliver(_ response: HTTPGet.Response, url: String, recv: UnixNanos) {
        response.body.withUnsafeReadableBytes {
            recorder.rest(streamIndex, stream, recv, status: response.status, url: url, body: $0)
        }
    }
}
