import LiqsimCore
import LiqsimExchanges
import NIOCore
import NIOWebSocket

/// ServeClient's pointer-taking entry points (the byte hand-off from the transport).
extension ServeClient {
    /// Appends one data frame to this client's batch, already in wire form (server frames
    /// are unmasked: FIN + opcode, length, payload). One buffer and one write per batch
    /// instead of a `WebSocketFrame` and a pipeline write per frame: this is the hot path
    /// of `serve --speed max`.
    func send(_ payload: UnsafeRawBufferPointer, opcode: WebSocketOpcode) {
        guard let context else { return }
        if batch == nil { batch = context.channel.allocator.buffer(capacity: 64 << 10) }
        batch!.writeInteger(0x80 | UInt8(webSocketOpcode: opcode))
        let n = payload.count
        if n < 126 {
            batch!.writeInteger(UInt8(n))
        } else if n <= 0xFFFF {
            batch!.writeInteger(UInt8(126)); batch!.writeInteger(UInt16(n))
        } else {
            batch!.writeInteger(UInt8(127)); batch!.writeInteger(UInt64(n))
        }
        batch!.writeBytes(payload)
    }
}
