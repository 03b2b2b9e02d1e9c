import LiqsimCore

/// What a record is. The numbers are part of the file format.
public enum RecordKind: UInt8, Sendable, CaseIterable {
    /// A received WebSocket text frame (payload = the frame, verbatim).
    case text = 1
    /// A received WebSocket binary frame (verbatim).
    case binary = 2
    /// A frame liqsim sent (subscriptions, pings).
    case sent = 3
    /// A REST response: aux = HTTP status, payload = u16 URL length, URL, body.
    case rest = 4
    /// A connection was established (payload = endpoint URL).
    case connect = 5
    /// A connection ended (payload = reason).
    case disconnect = 6
    /// Data is known to be missing between the surrounding records (payload = reason).
    case gap = 7

    public var name: String {
        switch self {
        case .text: "text"
        case .binary: "binary"
        case .sent: "sent"
        case .rest: "rest"
        case .connect: "connect"
        case .disconnect: "disconnect"
        case .gap: "gap"
        }
    }
}

/// One record, viewed in place inside a decompressed block. The payload is valid until
/// the reader moves to the next block.
public struct RawRecord {
    /// Raw kind byte; `kind` is nil for kinds this version does not know.
    public var kindByte: UInt8
    /// Index into the capture header's stream table (`CaptureHeader.noStream` when none).
    public var streamIndex: UInt8
    public var aux: UInt16
    public var recv: UnixNanos
    /// Position of the record in its file (0-based), the tie-breaker of the replay merge.
    public var seq: UInt64
    public var payload: UnsafeRawBufferPointer

    public var kind: RecordKind? { RecordKind(rawValue: kindByte) }

    /// For REST records: the URL bytes.
    public var restURL: UnsafeRawBufferPointer {
        guard payload.count >= 2 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let n = min(Int(payload.u16(0)), payload.count - 2)
        return UnsafeRawBufferPointer(rebasing: payload[2..<(2 + n)])
    }

    /// For REST records: the body bytes; for all other kinds, the payload.
    public var body: UnsafeRawBufferPointer {
        guard kind == .rest else { return payload }
        guard payload.count >= 2 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let n = min(Int(payload.u16(0)), payload.count - 2)
        return UnsafeRawBufferPointer(rebasing: payload[(2 + n)...])
    }

    public var httpStatus: UInt16 { aux }
}
