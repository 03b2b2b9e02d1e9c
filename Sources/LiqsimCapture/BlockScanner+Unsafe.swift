import CZstd

/// The memory a `BlockScanner` decompresses with: one compressed input buffer and two
/// output buffers used in turn, so the block returned last stays valid while the next one
/// is decompressed (by a `BlockPrefetcher` on another thread). Grown, never shrunk.
final class BlockBuffers {
    var compressed: UnsafeMutableRawPointer
    var compressedCapacity: Int
    var raw: [UnsafeMutableRawPointer]
    var rawCapacity: [Int]

    init() {
        compressedCapacity = 256 << 10
        compressed = .allocate(byteCount: compressedCapacity, alignment: 16)
        rawCapacity = [256 << 10, 256 << 10]
        raw = rawCapacity.map { UnsafeMutableRawPointer.allocate(byteCount: $0, alignment: 16) }
    }

    deinit {
        compressed.deallocate()
        for buffer in raw { buffer.deallocate() }
    }
}

/// Reading frames into the buffers, decompressing, and scanning for the next intact block.
extension BlockScanner {
    /// The next block, decompressed; its memory stays valid until the call after next.
    public func nextBlock() throws -> DecodedBlock? {
        try reportOpenProblems()
        while !finished {
            let fileSize = reader.fileSize
            if offset >= fileSize { finished = true; try checkTotal(); return nil }
            let n = try meta.withUnsafeMutableBytes { try reader.file.read(into: $0.baseAddress!, count: $0.count, at: offset) }
            let step = meta.withUnsafeBytes { reader.classify($0, available: n, at: offset) }
            switch step {
            case .end:
                finished = true
                // An index with no footer after it: bytes trailing it are a footer cut short or damaged.
                let indexEnd = offset + 8 + UInt64(meta.u32(4))
                if reader.footer == nil, indexEnd < fileSize {
                    truncatedTail = TruncatedTail(offset: indexEnd, bytes: fileSize - indexEnd, records: nil)
                }
                try checkTotal()
                return nil
            case .skip(let size): offset += size
            case .truncated(let records):
                truncatedTail = TruncatedTail(offset: offset, bytes: fileSize - offset, records: records)
                finished = true; return nil
            case .garbage(let why):
                try damaged(at: offset, records: nil, reason: why ?? "bytes that are not a capture frame (or a damaged block meta)")
            case .block(let info):
                if let block = try decompress(info) { return block }
            }
        }
        return nil
    }

    func decompress(_ info: BlockInfo) throws -> DecodedBlock? {
        // Sequence numbers first, from the meta: a second copy is skipped without decompressing,
        // and a damaged block below still moves the expected sequence past its records.
        guard try checkSequence(info) else { return nil }
        let csize = Int(info.compressedSize), rsize = Int(info.rawSize)
        if csize > buffers.compressedCapacity {
            buffers.compressed.deallocate(); buffers.compressedCapacity = csize
            buffers.compressed = .allocate(byteCount: csize, alignment: 16)
        }
        // The buffer not holding the block returned last; the turn flips only when this
        // block is returned (a skipped corrupt block must not take the other's place).
        let next = turn ^ 1
        if rsize > buffers.rawCapacity[next] {
            buffers.raw[next].deallocate(); buffers.rawCapacity[next] = rsize
            buffers.raw[next] = .allocate(byteCount: rsize, alignment: 16)
        }
        let out = buffers.raw[next]
        let got = try reader.file.read(into: buffers.compressed, count: csize, at: info.dataOffset)
        guard got == csize else {
            truncatedTail = TruncatedTail(offset: info.offset, bytes: reader.fileSize - info.offset, records: UInt64(info.records))
            finished = true
            return nil
        }
        let result = ZSTD_decompressDCtx(dctx, out, rsize, buffers.compressed, csize)
        if ZSTD_isError(result) != 0 || result != rsize {
            let why = ZSTD_isError(result) != 0 ? String(cString: ZSTD_getErrorName(result)) : "size mismatch (\(result) of \(rsize) bytes)"
            seen.remove(BlockKey(info))   // an intact copy later is not a duplicate
            try damaged(at: info.offset, records: UInt64(info.records), reason: "corrupt data frame: \(why)", resumeAt: info.endOffset)
            return nil
        }
        let block = DecodedBlock(info: info, bytes: UnsafeRawBufferPointer(start: out, count: rsize))
        if let problem = block.validate() {
            seen.remove(BlockKey(info))
            try damaged(at: info.offset, records: UInt64(info.records), reason: "corrupt block: \(problem)", resumeAt: info.endOffset)
            return nil
        }
        offset = info.endOffset
        turn = next
        recordsReturned += UInt64(info.records)
        return block
    }

    /// Scans forward for the 12-byte block-meta signature (magic, size 48, "LQCB") or the
    /// index magic; the end of the file when there is neither.
    func findNextBlock(after start: UInt64) throws -> UInt64 {
        try CaptureReader.find([CaptureReader.blockSignature, CaptureReader.indexMagicBytes], in: reader.file,
                               fileSize: reader.fileSize, from: start + 1) ?? reader.fileSize
    }
}
