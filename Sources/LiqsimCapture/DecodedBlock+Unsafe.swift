import LiqsimCore

/// One decompressed data frame: a run of records.
public struct DecodedBlock {
    public let info: BlockInfo
    public let bytes: UnsafeRawBufferPointer

    /// Checks the block's structure: record count as in the meta, header column in
    /// bounds, payload lengths summing exactly to the payload column.
    func validate() -> String? {
        let countSize = CaptureLayout.blockCountSize, headerSize = CaptureLayout.recordHeaderSize
        guard bytes.count >= countSize else { return "block shorter than its record count" }
        let n = Int(bytes.u32(0))
        guard n == Int(info.records) else { return "block meta says \(info.records) records, block holds \(n)" }
        let payloadStart = countSize + n * headerSize
        guard payloadStart <= bytes.count else { return "header column overruns the block" }
        var total = 0
        for i in 0..<n { total += Int(bytes.u32(countSize + i * headerSize)) }
        return total == bytes.count - payloadStart ? nil : "payload lengths (\(total)) do not fill the payload column (\(bytes.count - payloadStart))"
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
