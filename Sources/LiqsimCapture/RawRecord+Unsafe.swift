import LiqsimCore

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
