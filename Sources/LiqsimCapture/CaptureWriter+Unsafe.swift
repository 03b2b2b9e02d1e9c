import CZstd
import LiqsimCore

extension CaptureWriter {
    /// Appends one record. `payload` is copied verbatim.
    public func append(kind: RecordKind, streamIndex: UInt8, recv: UnixNanos, aux: UInt16 = 0,
                       payload: UnsafeRawBufferPointer, monotonicNow: UInt64? = nil) throws {
        guard payload.count <= CaptureLayout.maxRecordSize else {
            throw CaptureError(.tooLarge, path: path, "record of \(payload.count) bytes is over the \(CaptureLayout.maxRecordSize >> 20) MiB a capture record may hold")
        }
        // A block never grows past what a reader accepts.
        if pendingRecords > 0,
           CaptureLayout.blockCountSize + pendingHeaders.count + pendingPayloads.count + CaptureLayout.recordHeaderSize + payload.count > CaptureLayout.maxBlockRawSize {
            try flush()
        }
        guard CaptureLayout.isPlausibleRecv(recv.rawValue) else {
            throw CaptureError(.tooLarge, path: path, "receive time \(recv.rawValue) ns is outside ±2^62 ns (years 1824–2116)")
        }
        if pendingRecords == 0 {
            pendingFirstRecv = recv.rawValue
            pendingLastRecv = recv.rawValue
            pendingSinceMonotonic = monotonicNow
        }
        // Receive time is stored as the difference to the previous record of the block:
        // mostly small, so the header column compresses to a few bytes per record.
        let delta = recv.rawValue &- pendingLastRecv
        pendingLastRecv = recv.rawValue
        pendingHeaders.appendLE(UInt32(payload.count))
        pendingHeaders.append(kind.rawValue)
        pendingHeaders.append(streamIndex)
        pendingHeaders.appendLE(aux)
        pendingHeaders.appendLE(delta)
        pendingPayloads.append(contentsOf: payload)
        if kind == .rest || kind == .sent || kind == .connect { pendingFlags |= BlockFlags.stateRecords }
        pendingRecords += 1
        nextSeq += 1
        if pendingHeaders.count + pendingPayloads.count >= blockBytes { try flush() }
    }

    public func append(kind: RecordKind, streamIndex: UInt8, recv: UnixNanos, aux: UInt16 = 0, text: String, monotonicNow: UInt64? = nil) throws {
        var text = text
        try text.withUTF8 { try append(kind: kind, streamIndex: streamIndex, recv: recv, aux: aux, payload: UnsafeRawBufferPointer($0), monotonicNow: monotonicNow) }
    }

    /// Appends a REST response: status, URL and body, verbatim.
    public func appendREST(streamIndex: UInt8, recv: UnixNanos, status: UInt16, url: String, body: UnsafeRawBufferPointer, monotonicNow: UInt64? = nil) throws {
        let urlBytes = Array(url.utf8.prefix(Int(UInt16.max)))
        var payload: [UInt8] = []
        payload.reserveCapacity(2 + urlBytes.count + body.count)
        payload.appendLE(UInt16(urlBytes.count))
        payload.append(contentsOf: urlBytes)
        payload.append(contentsOf: body)
        try payload.withUnsafeBytes { try append(kind: .rest, streamIndex: streamIndex, recv: recv, aux: status, payload: $0, monotonicNow: monotonicNow) }
    }

    /// Appends one record whose payload is part of a byte array, copied verbatim.
    public func append(kind: RecordKind, streamIndex: UInt8, recv: UnixNanos, aux: UInt16 = 0,
                       payload: ArraySlice<UInt8>, monotonicNow: UInt64? = nil) throws {
        try payload.withUnsafeBytes { try append(kind: kind, streamIndex: streamIndex, recv: recv, aux: aux, payload: $0, monotonicNow: monotonicNow) }
    }

    /// Appends a REST response whose body is text.
    public func appendREST(streamIndex: UInt8, recv: UnixNanos, status: UInt16, url: String, body: String, monotonicNow: UInt64? = nil) throws {
        var body = body
        try body.withUTF8 { try appendREST(streamIndex: streamIndex, recv: recv, status: status, url: url, body: UnsafeRawBufferPointer($0), monotonicNow: monotonicNow) }
    }

    /// Appends a REST response whose body is part of a byte array.
    public func appendREST(streamIndex: UInt8, recv: UnixNanos, status: UInt16, url: String, body: ArraySlice<UInt8>, monotonicNow: UInt64? = nil) throws {
        try body.withUnsafeBytes { try appendREST(streamIndex: streamIndex, recv: recv, status: status, url: url, body: $0, monotonicNow: monotonicNow) }
    }

    /// Compresses `block` into `compressed` (sized by the caller); returns zstd's result,
    /// the frame size or an error code.
    func compressBlock() -> Int {
        compressed.withUnsafeMutableBytes { dst in
            block.withUnsafeBytes { src in
                ZSTD_compress2(cctx, dst.baseAddress, dst.count, src.baseAddress, src.count)
            }
        }
    }
}
