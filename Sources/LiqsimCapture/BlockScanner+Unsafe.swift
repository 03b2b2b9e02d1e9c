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

    func decompress(_ info: BlockInfo) throws -> DecodedBlock? {
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

    /// Scans forward for the 12-byte block-meta signature (magic, size 48, "LQCB") or the
    /// index magic, comparing bytes in place.
    func findNextBlock(after start: UInt64) throws -> UInt64 {
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
}
