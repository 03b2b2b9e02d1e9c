import CZstd
import LiqsimCore

/// Reads and decompresses a capture's data blocks in file order into one reusable
/// buffer. Each zstd frame's checksum is verified by libzstd; a damaged frame throws
/// a `CaptureError` naming its byte offset, or, with `skipCorrupt`, is counted in
/// `skipped` and reading continues at the next intact block.
public final class BlockScanner {
    public let reader: CaptureReader
    public let skipCorrupt: Bool
    var offset: UInt64
    let dctx: OpaquePointer
    /// The compressed input and the two decompressed outputs (BlockScanner+Unsafe.swift).
    let buffers = BlockBuffers()
    /// Which of the two output buffers holds the block returned last.
    var turn = 0
    var meta = [UInt8](repeating: 0, count: CaptureLayout.blockMetaFrameSize)

    /// Set when the file ends inside a frame.
    public internal(set) var truncatedTail: TruncatedTail?
    /// Damaged regions passed over with `skipCorrupt`.
    public private(set) var skipped: [SkippedRegion] = []
    /// True once the index/footer or end of file is reached.
    public internal(set) var finished = false
    /// Records in the blocks returned so far.
    public internal(set) var recordsReturned: UInt64 = 0
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
    }

    deinit { ZSTD_freeDCtx(dctx) }

    /// Moves to `block` (from the index); the next `nextBlock()` reads it.
    public func seek(to block: BlockInfo) {
        offset = block.offset
        finished = false
        startedAtBeginning = false
    }

    /// Throws, or with `skipCorrupt` records the region and moves past it: to `resumeAt`
    /// when the frame's extent is known, else to the next block-meta signature.
    func damaged(at bad: UInt64, records: UInt64?, reason: String, resumeAt: UInt64? = nil) throws {
        guard skipCorrupt else {
            throw CaptureError(.corrupt, path: reader.path, offset: bad, reason, hint: "pass --skip-corrupt to continue past it")
        }
        let next = try resumeAt ?? findNextBlock(after: bad)
        skipped.append(SkippedRegion(offset: bad, bytes: next - bad, records: records, reason: reason))
        offset = next
    }

    /// After reading the whole file from its start: records the footer lists but no block
    /// delivered or accounted for as skipped (damage that hid a block's meta).
    func checkTotal() throws {
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
