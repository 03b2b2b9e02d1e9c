import LiqsimCore
import LiqsimExchanges
import NIOCore
import NIOWebSocket

/// ServeClient's pointer-taking entry points (the byte hand-off from the transport).
extension ServeClient {
    /// Appends one data frame for this client to its batch: the recorded bytes, or — when
    /// the connection's framing differs from the recording — the event alone (`bare`) or
    /// the event in a combined envelope named as the client subscribed (`combined`).
    /// `event` finds the event's byte range in `payload` (nil: send as recorded); it is
    /// called only when needed (a recording already in the client's envelope is not parsed
    /// again: the serve → record path).
    func send(_ payload: UnsafeRawBufferPointer, opcode: WebSocketOpcode, name: String, event: () -> Range<Int>?) {
        guard framing != .asRecorded, opcode == .text else { return sendFrame(payload, opcode: opcode) }
        if framing == .combined && (name.isEmpty || Self.isEnvelope(payload, name: name)) { return sendFrame(payload, opcode: opcode) }
        guard let event = event() else { return sendFrame(payload, opcode: opcode) }
        let body = UnsafeRawBufferPointer(rebasing: payload[event])
        if framing == .bare { return sendFrame(body, opcode: opcode) }
        let head = "{\"stream\":" + JSONText.quote(name) + ",\"data\":"
        writeHeader(opcode: opcode, length: head.utf8.count + body.count + 1)
        batch!.writeString(head)
        batch!.writeBytes(body)
        batch!.writeInteger(UInt8(ascii: "}"))
    }

    /// True when `payload` is `{"stream":"<name>","data":{…}}`: sent unchanged (compared
    /// in place: this runs per frame and client).
    private static func isEnvelope(_ payload: UnsafeRawBufferPointer, name: String) -> Bool {
        let open = "{\"stream\":\"", close = "\",\"data\":{"
        guard payload.count > open.utf8.count + name.utf8.count + close.utf8.count, payload[payload.count - 1] == UInt8(ascii: "}") else { return false }
        var i = 0
        func matches(_ part: String) -> Bool {
            for b in part.utf8 {
                if payload[i] != b { return false }
                i += 1
            }
            return true
        }
        return matches(open) && matches(name) && matches(close)
    }

    /// Appends one frame in wire form (server frames are unmasked: FIN + opcode, length,
    /// payload). One buffer and one write per batch instead of a `WebSocketFrame` and a
    /// pipeline write per frame: this is the hot path of `serve --speed max`.
    func sendFrame(_ payload: UnsafeRawBufferPointer, opcode: WebSocketOpcode) {
        guard context != nil else { return }
        writeHeader(opcode: opcode, length: payload.count)
        batch!.writeBytes(payload)
    }

    private func writeHeader(opcode: WebSocketOpcode, length n: Int) {
        guard let context else { return }
        if batch == nil { batch = context.channel.allocator.buffer(capacity: 64 << 10) }
        batch!.writeInteger(0x80 | UInt8(webSocketOpcode: opcode))
        if n < 126 {
            batch!.writeInteger(UInt8(n))
        } else if n <= 0xFFFF {
            batch!.writeInteger(UInt8(126)); batch!.writeInteger(UInt16(n))
        } else {
            batch!.writeInteger(UInt8(127)); batch!.writeInteger(UInt64(n))
        }
    }
}
