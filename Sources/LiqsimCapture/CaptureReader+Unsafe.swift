import LiqsimCore

/// The capture's own frames (footer, index, block metas) read and checked in place.
extension CaptureReader {
    /// The footer, when the file ends with a valid one pointing inside the file. A footer
    /// frame that fails its checksum, or whose values cannot be (an index offset outside
    /// the file, more records than the file could hold), is reported and not used.
    func readFooter() throws -> Footer? {
        let size = UInt64(CaptureLayout.footerFrameSize)
        guard fileSize >= dataStart + size else { return nil }
        let at = fileSize - size
        var tail = [UInt8](repeating: 0, count: Int(size))
        _ = try tail.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: $0.count, at: at) }
        let (footer, problem) = tail.withUnsafeBytes { b -> (Footer?, String?) in
            let looksLikeFooter = b.u32(0) == CaptureLayout.footerMagic || b.u32(8) == CaptureLayout.footerTag
            guard b.u32(0) == CaptureLayout.footerMagic, b.u32(4) == UInt32(CaptureLayout.footerSize), b.u32(8) == CaptureLayout.footerTag,
                  b.u32(32) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[8..<32])) else {
                return (nil, looksLikeFooter ? "damaged footer (checksum or frame header)" : nil)
            }
            let stored = b.u64(16), total = b.u64(24)
            guard stored <= UInt64.max - base, base + stored >= dataStart, base + stored < at else {
                return (nil, "footer's index offset \(stored) is outside the file's data (\(dataStart - base)…\(at - base))")
            }
            // A record takes at least 1/4096 byte of compressed file (zstd's best case on empty records).
            guard total <= fileSize.multipliedReportingOverflow(by: 4096).partialValue, fileSize < 1 << 50 else {
                return (nil, "footer lists \(total) records, more than a file of \(fileSize) bytes can hold")
            }
            return (Footer(indexOffset: base + stored, totalRecords: total), nil)
        }
        if let problem { problems.append(BlockScanner.SkippedRegion(offset: at, bytes: size, records: nil, reason: problem)) }
        return footer
    }

    /// The index the footer points at, or why it cannot be used: its frame must exactly
    /// fill the space before the footer and pass its checksum, its entries must tile the
    /// data from the header to the index with consistent values and consecutive sequence
    /// numbers from 0, and their records must add up to the footer's total.
    func readIndex(at footer: Footer) throws -> Result<CaptureIndex, BlockScanner.SkippedRegion> {
        let at = footer.indexOffset
        let end = fileSize - UInt64(CaptureLayout.footerFrameSize)
        func damaged(_ why: String) -> Result<CaptureIndex, BlockScanner.SkippedRegion> {
            .failure(BlockScanner.SkippedRegion(offset: at, bytes: end - at, records: 0, reason: "index unusable (\(why)); rebuilt by scanning the blocks"))
        }
        guard end >= at + 20, end - at <= UInt64(Int32.max) else { return damaged("no room for an index frame before the footer") }
        let frameBytes = Int(end - at)
        guard (frameBytes - 20) % CaptureLayout.indexEntrySize == 0 else { return damaged("its size is not a whole number of entries") }
        var frame = [UInt8](repeating: 0, count: frameBytes)
        guard try frame.withUnsafeMutableBytes({ try file.read(into: $0.baseAddress!, count: frameBytes, at: at) }) == frameBytes else {
            return damaged("unreadable")
        }
        let result = frame.withUnsafeBytes { b -> Result<CaptureIndex, BlockScanner.SkippedRegion> in
            let count = Int(b.u32(12))
            guard b.u32(0) == CaptureLayout.indexMagic, Int(b.u32(4)) == frameBytes - 8, b.u32(8) == CaptureLayout.indexTag,
                  frameBytes == 20 + count * CaptureLayout.indexEntrySize else { return damaged("frame header or entry count damaged") }
            guard b.u32(frameBytes - 4) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[8..<(frameBytes - 4)])) else {
                return damaged("checksum mismatch")
            }
            var blocks: [BlockInfo] = []
            var previousEnd = dataStart, seq: UInt64 = 0
            for i in 0..<count {
                let p = 16 + i * CaptureLayout.indexEntrySize
                let stored = b.u64(p)
                guard stored <= 1 << 62 else { return damaged("entry \(i): offset \(stored)") }
                let block = BlockInfo(offset: base + stored, fields: b, at: p + 8)
                if let problem = block.inconsistency { return damaged("entry \(i): \(problem)") }
                guard block.offset == previousEnd else {
                    return damaged("entry \(i) at byte \(block.offset), where the block before it ends at \(previousEnd)")
                }
                guard block.endOffset <= at else { return damaged("entry \(i) runs past the index") }
                guard block.firstSeq == seq else { return damaged("entry \(i) starts at record \(block.firstSeq), expected \(seq)") }
                previousEnd = block.endOffset
                seq += UInt64(block.records)
                blocks.append(block)
            }
            guard previousEnd == at else { return damaged("its last block ends at \(previousEnd), not at the index") }
            guard seq == footer.totalRecords else { return damaged("its blocks hold \(seq) records, the footer lists \(footer.totalRecords)") }
            return .success(CaptureIndex(blocks: blocks, fromFooter: true, tail: nil))
        }
        // Entries that tile the data consistently may still describe other blocks (a crafted index).
        guard case .success(let index) = result else { return result }
        return try entryDisagreeingWithItsBlock(index.blocks).map { .failure($0) } ?? result
    }

    /// The first index entry whose intact block-meta frame (read at the entry's offset: one
    /// 56-byte read per block, no decompression) says otherwise, as damage at the block's
    /// byte offset; nil when every entry matches its block. A damaged meta there leaves the
    /// entry trusted (it is what finds the block's data; reading the block reports the meta),
    /// and an entry moved off its block is caught by the entry before it, whose size then
    /// disagrees with that block's meta.
    func entryDisagreeingWithItsBlock(_ blocks: [BlockInfo]) throws -> BlockScanner.SkippedRegion? {
        var meta = [UInt8](repeating: 0, count: CaptureLayout.blockMetaFrameSize)
        for (i, entry) in blocks.enumerated() {
            let n = try meta.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: $0.count, at: entry.offset) }
            let found = meta.withUnsafeBytes { b -> String? in
                guard case .block(let info) = classify(b, available: n, at: entry.offset) else { return nil }
                return info == entry ? nil : "its block meta says \(info.records) records of \(info.compressedSize) bytes from record \(info.firstSeq), "
                    + "the entry \(entry.records) of \(entry.compressedSize) from \(entry.firstSeq)"
            }
            if let found {
                return BlockScanner.SkippedRegion(offset: entry.offset, bytes: 0, records: 0,
                                                  reason: "index unusable (entry \(i) for the block at byte \(entry.offset): \(found)); rebuilt by scanning the blocks")
            }
        }
        return nil
    }

    /// Walks block-meta frames from the start; stops at the index/footer, at a truncated
    /// tail, or at bytes that are not a frame (reported as damage; records after it are
    /// found again by `BlockScanner` with `skipCorrupt`).
    public func rebuildIndex() throws -> CaptureIndex {
        var blocks: [BlockInfo] = []
        var offset = dataStart
        var tail: TruncatedTail?
        var buffer = [UInt8](repeating: 0, count: CaptureLayout.blockMetaFrameSize)
        var seen: Set<BlockScanner.BlockKey> = []
        walk: while offset < fileSize {
            let n = try buffer.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: $0.count, at: offset) }
            let step = buffer.withUnsafeBytes { b -> FrameStep in
                classify(b, available: n, at: offset)
            }
            switch step {
            case .block(let info):
                // A second copy of a block is data once.
                if seen.insert(BlockScanner.BlockKey(info)).inserted { blocks.append(info) }
                offset = info.endOffset
            case .skip(let size): offset += size
            case .end:
                let indexEnd = offset + 8 + UInt64(buffer.u32(4))
                if footer == nil, indexEnd < fileSize { tail = TruncatedTail(offset: indexEnd, bytes: fileSize - indexEnd, records: nil) }
                break walk
            case .truncated(let records): tail = TruncatedTail(offset: offset, bytes: fileSize - offset, records: records); break walk
            case .garbage: break walk
            }
        }
        return CaptureIndex(blocks: blocks, fromFooter: false, tail: tail)
    }

    /// What the bytes at `offset` are (the first 56 bytes, `available` of them present).
    /// A frame running past the end of the file is a truncated tail, unless the file
    /// has a valid footer (it was closed cleanly): then the frame's size is damaged. An
    /// index frame ends the data only where the footer says the index is; elsewhere (or
    /// without a footer) it must pass its checksum.
    func classify(_ b: UnsafeRawBufferPointer, available n: Int, at offset: UInt64) -> FrameStep {
        let pastEnd: (UInt64?) -> FrameStep = { records in
            self.footer == nil ? .truncated(records: records) : .garbage("a frame running past the end of a file with a footer")
        }
        guard n >= CaptureLayout.skippableHeaderSize else { return pastEnd(nil) }
        let magic = b.u32(0), size = UInt64(b.u32(4))
        if magic == CaptureLayout.blockMagic {
            guard n >= CaptureLayout.blockMetaFrameSize else { return offset + 8 + size > fileSize ? pastEnd(nil) : .garbage(nil) }
            let fieldsEnd = CaptureLayout.blockMetaFrameSize - 4
            guard size == UInt64(CaptureLayout.blockMetaSize), b.u32(8) == CaptureLayout.blockTag,
                  b.u32(fieldsEnd) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[8..<fieldsEnd])) else { return .garbage(nil) }
            let info = BlockInfo(offset: offset, fields: b, at: 12)
            if let problem = info.inconsistency { return .garbage("block meta with a valid checksum but \(problem)") }
            return info.endOffset <= fileSize ? .block(info) : pastEnd(UInt64(info.records))
        }
        if magic == CaptureLayout.indexMagic {
            if let footer { return offset == footer.indexOffset ? .end : .garbage("an index frame where the footer puts none") }
            if offset + 8 + size > fileSize { return pastEnd(nil) }
            return isValidIndexFrame(at: offset, size: Int(size)) ? .end : .garbage("a damaged index frame")
        }
        if magic == CaptureLayout.footerMagic {
            return footer == nil && offset + 8 + size > fileSize ? pastEnd(nil) : .garbage("a footer frame before the end of the file")
        }
        if CaptureLayout.isSkippable(magic) {
            return offset + 8 + size > fileSize ? pastEnd(nil) : .skip(8 + size)
        }
        return .garbage(nil)
    }

    /// An index frame written by `close()` whose footer was then lost (cut mid-footer).
    func isValidIndexFrame(at offset: UInt64, size: Int) -> Bool {
        guard size >= 12, size <= 64 << 20 else { return false }
        var frame = [UInt8](repeating: 0, count: size + 8)
        guard (try? frame.withUnsafeMutableBytes({ try file.read(into: $0.baseAddress!, count: $0.count, at: offset) })) == size + 8 else { return false }
        return frame.withUnsafeBytes { b in
            b.u32(8) == CaptureLayout.indexTag && b.u32(size + 4) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[8..<(size + 4)]))
        }
    }
}
