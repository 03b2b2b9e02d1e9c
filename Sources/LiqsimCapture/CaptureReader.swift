import LiqsimCore

/// Opens a capture, reads its header, and finds its index: from the footer when the file
/// was closed cleanly, otherwise rebuilt by walking the block-meta frames (no
/// decompression needed).
public final class CaptureReader {
    public let path: String
    public let header: CaptureHeader
    public let fileSize: UInt64
    let file: CaptureFile
    /// Offset of the first frame after the header.
    let dataStart: UInt64
    /// Set when the file ends with a valid footer.
    public private(set) var footer: Footer?
    private var cachedIndex: CaptureIndex?

    public struct Footer: Sendable, Equatable {
        public var indexOffset: UInt64
        public var totalRecords: UInt64
    }

    public init(path: String) throws {
        self.path = path
        let file = try CaptureFile(readingAt: path)
        self.file = file
        fileSize = file.size
        var head = [UInt8](repeating: 0, count: 16)
        let n = try head.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: 16, at: 0) }
        let notCapture = CaptureError(.notACapture, path: path, offset: 0, "not a liqsim capture (no LQCH header frame)",
                                      hint: "captures are written by `liqsim record`, `synth` or `capture import`")
        guard n == 16 else { throw notCapture }
        let (magic, size, tag, version) = head.withUnsafeBytes { ($0.u32(0), $0.u32(4), $0.u32(8), $0.u32(12)) }
        guard magic == CaptureLayout.headerMagic, tag == CaptureLayout.headerTag, size >= 12, UInt64(size) + 8 <= file.size else {
            if magic == CaptureLayout.zstdMagic {
                throw CaptureError(.notACapture, path: path, offset: 0, "a zstd file, but not a liqsim capture", hint: "import JSON lines with `liqsim capture import`")
            }
            throw notCapture
        }
        guard version <= CaptureLayout.formatVersion else {
            throw CaptureError(.unsupportedVersion, path: path, offset: 12, "capture format version \(version) is newer than this liqsim (\(CaptureLayout.formatVersion))", hint: "upgrade liqsim")
        }
        var crc = [UInt8](repeating: 0, count: 4)
        _ = try crc.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: 4, at: 16) }
        var json = [UInt8](repeating: 0, count: Int(size) - 12)
        _ = try json.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: $0.count, at: 20) }
        guard crc.withUnsafeBytes({ $0.u32(0) }) == CRC32C.checksum(json) else {
            throw CaptureError(.corrupt, path: path, offset: 20, "header checksum mismatch: the header is damaged")
        }
        do {
            header = try json.withUnsafeBytes { try CaptureHeader.decode($0) }
        } catch {
            throw CaptureError(.corrupt, path: path, offset: 16, "header JSON is unreadable: \(error)")
        }
        dataStart = 8 + UInt64(size)
        footer = try readFooter()
    }

    private func readFooter() throws -> Footer? {
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

    /// The block index: read from the file, or rebuilt by scanning when missing or damaged.
    public func index() throws -> CaptureIndex {
        if let cachedIndex { return cachedIndex }
        let index = try (footer.flatMap { try? readIndex(at: $0) }) ?? rebuildIndex()
        cachedIndex = index
        return index
    }

    /// The index the footer points at, or nil when it is damaged: its frame must exactly
    /// fill the space before the footer, pass its checksum, and list blocks in file order.
    private func readIndex(at footer: Footer) throws -> CaptureIndex? {
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

    enum FrameStep { case block(BlockInfo), skip(UInt64), end, truncated(records: UInt64?), garbage }

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
    private func isValidIndexFrame(at offset: UInt64, size: Int) -> Bool {
        guard size >= 12, size <= 64 << 20 else { return false }
        var frame = [UInt8](repeating: 0, count: size + 8)
        guard (try? frame.withUnsafeMutableBytes({ try file.read(into: $0.baseAddress!, count: $0.count, at: offset) })) == size + 8 else { return false }
        return frame.withUnsafeBytes { b in
            b.u32(8) == CaptureLayout.indexTag && b.u32(size + 4) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[8..<(size + 4)]))
        }
    }

    /// A sequential reader of decompressed blocks starting at `block` (or the first).
    public func scanner(startingAt block: BlockInfo? = nil, skipCorrupt: Bool = false) -> BlockScanner {
        BlockScanner(reader: self, offset: block?.offset ?? dataStart, skipCorrupt: skipCorrupt)
    }
}

/// Where blocks are, and whether the file ended cleanly.
public struct CaptureIndex: Sendable {
    public var blocks: [BlockInfo]
    /// True when read from the footer (file closed cleanly), false when rebuilt by scanning.
    public var fromFooter: Bool
    public var tail: TruncatedTail?

    public var records: UInt64 { blocks.reduce(0) { $0 + UInt64($1.records) } }
    public var firstRecv: Int64? { blocks.map(\.firstRecv).min() }
    public var lastRecv: Int64? { blocks.map(\.lastRecv).max() }

    /// The first block that can hold records at or after `from` (blocks are in receive order).
    public func firstBlock(notBefore from: Int64) -> BlockInfo? {
        blocks.first { $0.lastRecv >= from }
    }
}

/// The incomplete end of a capture whose writer was killed mid-write.
public struct TruncatedTail: Sendable, Equatable {
    public var offset: UInt64
    public var bytes: UInt64
    /// Records in the incomplete block, when its block meta survived.
    public var records: UInt64?

    public var description: String {
        "truncated tail at byte \(offset): \(bytes) bytes" + (records.map { ", \($0) records" } ?? "") + " unreadable"
    }
}
