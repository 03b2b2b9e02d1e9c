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
    /// Where the header frame starts: offsets in the footer and index count from it
    /// (non-zero when bytes were prepended to the file).
    let base: UInt64
    /// Damage found in the header, footer and index (each with its byte offset); scanners
    /// report it before their first block, `capture check` and `capture info` print it.
    public internal(set) var problems: [BlockScanner.SkippedRegion]
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
        let opened = try CaptureReader.openHeader(file, path: path, fileSize: file.size)
        header = opened.header
        base = opened.base
        dataStart = opened.dataStart
        problems = opened.problems
        footer = try readFooter()
    }

    /// The block index: read from the file, or rebuilt by scanning when missing or damaged.
    public func index() throws -> CaptureIndex {
        if let cachedIndex { return cachedIndex }
        var index: CaptureIndex
        if let footer {
            switch try readIndex(at: footer) {
            case .success(let found): index = found
            case .failure(let problem):
                problems.append(problem)
                index = try rebuildIndex()
            }
        } else {
            index = try rebuildIndex()
        }
        cachedIndex = index
        return index
    }

    /// What `classify` found at an offset.
    enum FrameStep { case block(BlockInfo), skip(UInt64), end, truncated(records: UInt64?), garbage(String?) }

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
