import LiqsimCore

/// One decompressed data frame: a run of records.
public struct DecodedBlock {
    public let info: BlockInfo
    public let bytes: UnsafeRawBufferPointer

    /// Checks the block against its meta: record count, header column in bounds, payload
    /// lengths summing exactly to the payload column, the first time delta 0, every receive
    /// time within ±2^62 ns and the last one equal to the meta's `lastRecv`, and the
    /// state-records flag matching the kinds. One pass over the header column.
    func validate() -> String? {
        let countSize = CaptureLayout.blockCountSize, headerSize = CaptureLayout.recordHeaderSize
        guard bytes.count >= countSize else { return "block shorter than its record count" }
        let n = Int(bytes.u32(0))
        guard n == Int(info.records) else { return "block meta says \(info.records) records, block holds \(n)" }
        guard n <= (bytes.count - countSize) / headerSize else { return "header column overruns the block" }
        let payloadStart = countSize + n * headerSize
        guard n == 0 || bytes.i64(countSize + 8) == 0 else { return "first record's time delta is not 0" }
        var total = 0, recv = info.firstRecv, state = false, outOfRange = false
        for i in 0..<n {
            let h = countSize + i * headerSize
            total += Int(bytes.u32(h))
            recv &+= bytes.i64(h + 8)
            outOfRange = outOfRange || !CaptureLayout.isPlausibleRecv(recv)
            let kind = bytes[h + 4]
            state = state || kind == RecordKind.rest.rawValue || kind == RecordKind.sent.rawValue || kind == RecordKind.connect.rawValue
        }
        guard total == bytes.count - payloadStart else {
            return "payload lengths (\(total)) do not fill the payload column (\(bytes.count - payloadStart))"
        }
        guard !outOfRange else { return "a receive time is outside ±2^62 ns" }
        guard recv == info.lastRecv else { return "receive times end at \(recv), block meta says \(info.lastRecv)" }
        guard state == info.hasStateRecords, info.flags & ~BlockFlags.stateRecords == 0 else {
            return "block flags \(info.flags) do not match its records (state records: \(state))"
        }
        return nil
    }

    public var records: RecordCursor { RecordCursor(block: self) }
}

/// Iterates the records of one block in order, without copying.
public struct RecordCursor: IteratorProtocol {
    private let bytes: UnsafeRawBufferPointer
    private var header: Int
    private let headerEnd: Int
    private var payload: Int
    private var recv: Int64
    private var seq: UInt64

    init(block: DecodedBlock) {
        bytes = block.bytes
        header = CaptureLayout.blockCountSize
        headerEnd = header + Int(bytes.u32(0)) * CaptureLayout.recordHeaderSize
        payload = headerEnd
        recv = block.info.firstRecv
        seq = block.info.firstSeq
    }

    @inline(__always)
    public mutating func next() -> RawRecord? {
        guard header < headerEnd else { return nil }
        let h = header
        let len = Int(bytes.u32(h))
        recv &+= bytes.i64(h + 8)
        let record = RawRecord(kindByte: bytes[h + 4], streamIndex: bytes[h + 5], aux: bytes.u16(h + 6),
                               recv: UnixNanos(recv), seq: seq,
                               payload: UnsafeRawBufferPointer(rebasing: bytes[payload..<(payload + len)]))
        header = h + CaptureLayout.recordHeaderSize
        payload += len
        seq += 1
        return record
    }
}
