import LiqsimCore

/// The capture's own frames (footer, index, block metas) read and checked in place.
extension CaptureReader {
    /// The footer, when the file ends with a valid one pointing inside the file.
    func readFooter() throws -> Footer? {
        let size = UInt64(CaptureLayout.footerFrameSize)
        guard fileSize >= dataStart + size else { return nil }
        var tail = [UInt8](repeating: 0, count: Int(size))
        _ = try tail.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: $0.count, at: fileSize - size) }
        return tail.withUnsafeBytes { b in
            guard b.u32(0) == CaptureLayout.footerMagic, b.u32(4) == UInt32(CaptureLayout.footerSize), b.u32(8) == CaptureLayout.footerTag,
                  b.u32(32) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[8..<32])) else { return nil }
            let f = Footer(indexOffset: b.u64(16), totalRecords: b.u64(24))
            return f.indexOffset >= dataStart && f.indexOffset < fileSize - size ? f : nil
        }
    }

    /// The index the footer points at, or nil when it is damaged: its frame must exactly
    /// fill the space before the footer, pass its checksum, and list blocks in file order.
    func readIndex(at footer: Footer) throws -> CaptureIndex? {
        let end = fileSize - UInt64(CaptureLayout.footerFrameSize)
        guard end >= footer.indexOffset + 20 else { return nil }
        let frameBytes = Int(end - footer.indexOffset)
        guard (frameBytes - 20) % CaptureLayout.indexEntrySize == 0 else { return nil }
        var frame = [UInt8](repeating: 0, count: frameBytes)
        guard try frame.withUnsafeMutableBytes({ try file.read(into: $0.baseAddress!, count: frameBytes, at: footer.indexOffset) }) == frameBytes else { return nil }
        return frame.withUnsafeBytes { b -> CaptureIndex? in
            let count = Int(b.u32(12))
            guard b.u32(0) == CaptureLayout.indexMagic, Int(b.u32(4)) == frameBytes - 8, b.u32(8) == CaptureLayout.indexTag,
                  frameBytes == 20 + count * CaptureLayout.indexEntrySize,
                  b.u32(frameBytes - 4) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[8..<(frameBytes - 4)])) else { return nil }
            var blocks: [BlockInfo] = []
            var previousEnd = dataStart
            for i in 0..<count {
                let p = 16 + i * CaptureLayout.indexEntrySize
                let block = BlockInfo(offset: b.u64(p), fields: b, at: p + 8)
                guard block.offset >= previousEnd, block.endOffset <= footer.indexOffset else { return nil }
                previousEnd = block.endOffset
                blocks.append(block)
            }
            return CaptureIndex(blocks: blocks, fromFooter: true, tail: nil)
        }
    }

    /// Walks block-meta frames from the start; stops at the index/footer, at a truncated
    /// tail, or at bytes that are not a frame (reported as damage; records after it are
    /// found again by `BlockScanner` with `skipCorrupt`).
    public func rebuildIndex() throws -> CaptureIndex {
        var blocks: [BlockInfo] = []
        var offset = dataStart
        var tail: TruncatedTail?
        var buffer = [UInt8](repeating: 0, count: CaptureLayout.blockMetaFrameSize)
        walk: while offset < fileSize {
            let n = try buffer.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: $0.count, at: offset) }
            let step = buffer.withUnsafeBytes { b -> FrameStep in
                classify(b, available: n, at: offset)
            }
            switch step {
            case .block(let info):
                blocks.append(info)
                offset = info.endOffset
            case .skip(let size): offset += size
            case .end: break walk
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
        let pastEnd: (UInt64?) -> FrameStep = { records in self.footer == nil ? .truncated(records: records) : .garbage }
        guard n >= CaptureLayout.skippableHeaderSize else { return pastEnd(nil) }
        let magic = b.u32(0), size = UInt64(b.u32(4))
        if magic == CaptureLayout.blockMagic {
            guard n >= CaptureLayout.blockMetaFrameSize else { return offset + 8 + size > fileSize ? pastEnd(nil) : .garbage }
            let fieldsEnd = CaptureLayout.blockMetaFrameSize - 4
            guard size == UInt64(CaptureLayout.blockMetaSize), b.u32(8) == CaptureLayout.blockTag,
                  b.u32(fieldsEnd) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[8..<fieldsEnd])) else { return .garbage }
            let info = BlockInfo(offset: offset, fields: b, at: 12)
            guard info.rawSize <= CaptureLayout.maxBlockRawSize, info.compressedSize > 0, info.records > 0 else { return .garbage }
            return info.endOffset <= fileSize ? .block(info) : pastEnd(UInt64(info.records))
        }
        if magic == CaptureLayout.indexMagic {
            if let footer { return offset == footer.indexOffset ? .end : .garbage }
            if offset + 8 + size > fileSize { return pastEnd(nil) }
            return isValidIndexFrame(at: offset, size: Int(size)) ? .end : .garbage
        }
        if magic == CaptureLayout.footerMagic {
            return footer == nil && offset + 8 + size > fileSize ? pastEnd(nil) : .garbage
        }
        if CaptureLayout.isSkippable(magic) {
            return offset + 8 + size > fileSize ? pastEnd(nil) : .skip(8 + size)
        }
        return .garbage
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
