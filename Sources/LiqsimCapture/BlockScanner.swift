import CZstd
import LiqsimCore

/// Reads and decompresses a capture's data blocks in file order into one reusable
/// buffer. Each zstd frame's checksum is verified by libzstd; a damaged frame throws
/// a `CaptureError` naming its byte offset, or, with `skipCorrupt`, is counted in
/// `skipped` and reading continues at the next intact block.
public final class BlockScanner {
    public let reader: CaptureReader
    public let skipCorrupt: Bool
    private var offset: UInt64
    private let dctx: OpaquePointer
    private var compressed: UnsafeMutableRawPointer
    private var compressedCapacity: Int
    /// Two output buffers used in turn, so the block returned last stays valid while the
    /// next one is decompressed (by a `BlockPrefetcher` on another thread).
    private var raw: [UnsafeMutableRawPointer]
    private var rawCapacity: [Int]
    private var turn = 0
    private var meta = [UInt8](repeating: 0, count: CaptureLayout.blockMetaFrameSize)

    /// Set when the file ends inside a frame.
    public private(set) var truncatedTail: TruncatedTail?
    /// Damaged regions passed over with `skipCorrupt`.
    public private(set) var skipped: [SkippedRegion] = []
    /// True once the index/footer or end of file is reached.
    public private(set) var finished = false
    /// Records in the blocks returned so far.
    public private(set) var recordsReturned: UInt64 = 0
    private var startedAtBeginning: Bool

    public struct SkippedRegion: Sendable, Equatable {
        public var offset: UInt64
        public var bytes: UInt64
        /// Records lost, when the block meta survived.
        public var records: UInt64?
        public var reason: String
    }

    public var skippedRecords: UInt64 { skipped.reduce(0) { $0 + ($1.records ?? 0) } }

    init(reader: CaptureReader, offset: UInt64, skipCorrupt: Bool) {
        self.reader = reader
        self.offset = offset
        self.skipCorrupt = skipCorrupt
        startedAtBeginning = offset == reader.dataStart
        dctx = ZSTD_createDCtx()
        compressedCapacity = 256 << 10
        compressed = .allocate(byteCount: compressedCapacity, alignment: 16)
        rawCapacity = [256 << 10, 256 << 10]
        raw = rawCapacity.map { UnsafeMutableRawPointer.allocate(byteCount: $0, alignment: 16) }
    }

    deinit {
        ZSTD_freeDCtx(dctx)
        compressed.deallocate()
        for buffer in raw { buffer.deallocate() }
    }

    /// Moves to `block` (from the index); the next `nextBlock()` reads it.
    public func seek(to block: BlockInfo) {
        offset = block.offset
        finished = false
        startedAtBeginning = false
    }

    /// The next block, decompressed; its memory stays valid until the call after next.
    public func nextBlock() throws -> DecodedBlock? {
        while !finished {
            let fileSize = reader.fileSize
            if offset >= fileSize { finished = true; try checkTotal(); return nil }
            let n = try meta.withUnsafeMutableBytes { try reader.file.read(into: $0.baseAddress!, count: $0.count, at: offset) }
            let step = meta.withUnsafeBytes { reader.classify($0, available: n, at: offset) }
            switch step {
            case .end: finished = true; try checkTotal(); return nil
            case .skip(let size): offset += size
            case .truncated(let records):
                truncatedTail = TruncatedTail(offset: offset, bytes: fileSize - offset, records: records)
                finished = true; return nil
            case .garbage:
                try damaged(at: offset, records: nil, reason: "bytes that are not a capture frame (or a damaged block meta)")
            case .block(let info):
                if let block = try decompress(info) { return block }
            }
        }
        return nil
    }

    private func decompress(_ info: BlockInfo) throws -> DecodedBlock? {
        let csize = Int(info.compressedSize), rsize = Int(info.rawSize)
        if csize > compressedCapacity {
            compressed.deallocate(); compressedCapacity = csize
            compressed = .allocate(byteCount: csize, alignment: 16)
        }
        // The buffer not holding the block returned last; the turn flips only when this
        // block is returned (a skipped corrupt block must not take the other's place).
        let next = turn ^ 1
        if rsize > rawCapacity[next] {
            raw[next].deallocate(); rawCapacity[next] = rsize
            raw[next] = .allocate(byteCount: rsize, alignment: 16)
        }
        let out = raw[next]
        let got = try reader.file.read(into: compressed, count: csize, at: info.dataOffset)
        guard got == csize else {
            truncatedTail = TruncatedTail(offset: info.offset, bytes: reader.fileSize - info.offset, records: UInt64(info.records))
            finished = true
            return nil
        }
        let result = ZSTD_decompressDCtx(dctx, out, rsize, compressed, csize)
        if ZSTD_isError(result) != 0 || result != rsize {
            let why = ZSTD_isError(result) != 0 ? String(cString: ZSTD_getErrorName(result)) : "size mismatch (\(result) of \(rsize) bytes)"
            try damaged(at: info.offset, records: UInt64(info.records), reason: "corrupt data frame: \(why)", resumeAt: info.endOffset)
            return nil
        }
        let block = DecodedBlock(info: info, bytes: UnsafeRawBufferPointer(start: out, count: rsize))
        if let problem = block.validate() {
            try damaged(at: info.offset, records: UInt64(info.records), reason: "corrupt block: \(problem)", resumeAt: info.endOffset)
            return nil
        }
        offset = info.endOffset
        turn = next
        recordsReturned += UInt64(info.records)
        return block
    }

    /// Throws, or with `skipCorrupt` records the region and moves past it: to `resumeAt`
    /// when the frame's extent is known, else to the next block-meta signature.
    private func damaged(at bad: UInt64, records: UInt64?, reason: String, resumeAt: UInt64? = nil) throws {
        guard skipCorrupt else {
            throw CaptureError(.corrupt, path: reader.path, offset: bad, reason, hint: "pass --skip-corrupt to continue past it")
        }
        let next = try resumeAt ?? findNextBlock(after: bad)
        skipped.append(SkippedRegion(offset: bad, bytes: next - bad, records: records, reason: reason))
        offset = next
    }

    /// Scans forward for the 12-byte block-meta signature (magic, size 48, "LQCB") or the
    /// index magic, comparing bytes in place.
    private func findNextBlock(after start: UInt64) throws -> UInt64 {
        let signature: [UInt8] = [0x51, 0x2A, 0x4D, 0x18, 0x30, 0x00, 0x00, 0x00, 0x4C, 0x51, 0x43, 0x42]
        let index: [UInt8] = [0x52, 0x2A, 0x4D, 0x18]
        var pos = start + 1
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk + signature.count)
        while pos < reader.fileSize {
            let n = try buffer.withUnsafeMutableBytes { try reader.file.read(into: $0.baseAddress!, count: $0.count, at: pos) }
            if n < 4 { break }
            let found: Int? = buffer.withUnsafeBufferPointer { b in
                func matches(_ pattern: [UInt8], at i: Int) -> Bool {
                    guard i + pattern.count <= n else { return false }
                    for j in pattern.indices where b[i + j] != pattern[j] { return false }
                    return true
                }
                for i in 0..<min(chunk, n) where b[i] == 0x51 || b[i] == 0x52 {
                    if matches(signature, at: i) || matches(index, at: i) { return i }
                }
                return nil
            }
            if let found { return pos + UInt64(found) }
            pos += UInt64(chunk)
        }
        return reader.fileSize
    }

    /// After reading the whole file from its start: records the footer lists but no block
    /// delivered or accounted for as skipped (damage that hid a block's meta).
    private func checkTotal() throws {
        guard startedAtBeginning, let total = reader.footer?.totalRecords else { return }
        let accounted = recordsReturned + skippedRecords
        guard total > accounted else { return }
        let missing = total - accounted
        guard skipCorrupt else {
            throw CaptureError(.corrupt, path: reader.path, offset: reader.footer?.indexOffset,
                               "read \(accounted) of the \(total) records the footer lists; \(missing) are in damaged frames",
                               hint: "pass --skip-corrupt to continue past it")
        }
        // One damaged region of unknown size holds them all; otherwise say where they are not.
        let unknown = skipped.indices.filter { skipped[$0].records == nil }
        if unknown.count == 1 {
            skipped[unknown[0]].records = missing
        } else {
            skipped.append(SkippedRegion(offset: reader.footer!.indexOffset, bytes: 0, records: missing,
                                         reason: "\(missing) records of the \(total) the footer lists were in damaged frames"))
        }
    }
}

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
