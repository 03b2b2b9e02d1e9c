import LiqsimCapture
import LiqsimCore
import LiqsimExchanges
import NIOCore
import NIOPosix
import NIOSSL
import NIOWebSocket
import WebSocketKit

/// ExchangeConnection's pointer-taking entry points (the byte hand-off from the transport).
extension ExchangeConnection {
    func received(_ text: String) {
        lastFrameAt = self.time.monotonic()
        frames &+= 1
        var text = text
        text.withUTF8 { recorder.frame(.text, streamIndex, stream, UnsafeRawBufferPointer($0)) }
    }

    func received(_ buffer: ByteBuffer) {
        lastFrameAt = self.time.monotonic()
        frames &+= 1
        buffer.withUnsafeReadableBytes { recorder.frame(.binary, streamIndex, stream, $0) }
    }
}
