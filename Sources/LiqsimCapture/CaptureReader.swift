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
    // Reading the footer, the index and block-meta frames from raw bytes: CaptureReader+Unsafe.swift.

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
        let n = try file.read(into: &head, at: 0)
        let notCapture = CaptureError(.notACapture, path: path, offset: 0, "not a liqsim capture (no LQCH header frame)",
                                      hint: "captures are written by `liqsim record`, `synth` or `capture import`")
        guard n == 16 else { throw notCapture }
        let (magic, size, tag, version) = (head.u32(0), head.u32(4), head.u32(8), head.u32(12))
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
        _ = try file.read(into: &crc, at: 16)
        var json = [UInt8](repeating: 0, count: Int(size) - 12)
        _ = try file.read(into: &json, at: 20)
        guard crc.u32(0) == CRC32C.checksum(json) else {
            throw CaptureError(.corrupt, path: path, offset: 20, "header checksum mismatch: the header is damaged")
        }
        do {
            header = try CaptureHeader.decode(json)
        } catch {
            throw CaptureError(.corrupt, path: path, offset: 16, "header JSON is unreadable: \(error)")
        }
        dataStart = 8 + UInt64(size)
        footer = try readFooter()
    }

    /// The block index: read from the file, or rebuilt by scanning when missing or damaged.
    public func index() throws -> CaptureIndex {
        if let cachedIndex { return cachedIndex }
        let index = try (footer.flatMap { try? readIndex(at: $0) }) ?? rebuildIndex()
        cachedIndex = index
        return index
    }

    /// What `classify` found at an offset.
    enum FrameStep { case block(BlockInfo), skip(UInt64), end, truncated(records: UInt64?), garbage }

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
