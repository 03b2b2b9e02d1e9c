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
    /// The sequence number the next block should start at (nil after a seek, until a block is read).
    var expectedSeq: UInt64?
    /// End of the last block delivered (where a run of missing records begins).
    var lastBlockEnd: UInt64
    /// Blocks delivered, by their meta: a second copy is skipped.
    var seen: Set<BlockKey> = []
    /// The index entry of the block a seek went to, checked against its meta.
    var expectedBlock: BlockInfo?
    var reportedOpenProblems = false
    /// Runs of sequence numbers reported missing, with the region that counts them: a block
    /// found later (out of place) takes its records back out of the count.
    var missing: [(region: Int, seqs: Range<UInt64>)] = []

    struct BlockKey: Hashable {
        var firstSeq: UInt64, records: UInt32, firstRecv: Int64, lastRecv: Int64, compressedSize: UInt32
        init(_ b: BlockInfo) {
            firstSeq = b.firstSeq; records = b.records; firstRecv = b.firstRecv; lastRecv = b.lastRecv; compressedSize = b.compressedSize
        }
    }

    public struct SkippedRegion: Error, Sendable, Equatable {
        public var offset: UInt64
        public var bytes: UInt64
        /// Records lost, when the block meta survived.
        public var records: UInt64?
        public var reason: String
    }

    /// Records lost in the skipped regions (saturating: crafted metadata can claim any count).
    public var skippedRecords: UInt64 { BlockScanner.total(skipped.map { $0.records ?? 0 }) }

    /// A saturating sum.
    public static func total(_ counts: [UInt64]) -> UInt64 {
        counts.reduce(0) { sum, n in let (s, o) = sum.addingReportingOverflow(n); return o ? .max : s }
    }

    init(reader: CaptureReader, offset: UInt64, skipCorrupt: Bool) {
        self.reader = reader
        self.offset = offset
        self.skipCorrupt = skipCorrupt
        startedAtBeginning = offset == reader.dataStart
        expectedSeq = startedAtBeginning ? 0 : nil
        lastBlockEnd = offset
        dctx = ZSTD_createDCtx()
    }

    deinit { ZSTD_freeDCtx(dctx) }

    /// Moves to `block` (from the index); the next `nextBlock()` reads it.
    public func seek(to block: BlockInfo) {
        offset = block.offset
        finished = false
        startedAtBeginning = false
        expectedSeq = nil
        lastBlockEnd = block.offset
        expectedBlock = block
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

    /// Damage that loses nothing more here (metadata that disagrees, records known missing):
    /// throws, or with `skipCorrupt` records it and reading goes on where it is.
    func report(_ region: SkippedRegion) throws {
        guard skipCorrupt else {
            throw CaptureError(.corrupt, path: reader.path, offset: region.offset, region.reason, hint: "pass --skip-corrupt to continue past it")
        }
        skipped.append(region)
    }

    /// Checks a block against the sequence numbers before it. False when it is a second copy
    /// of a block already delivered (skipped: replayed once). Records missing before it
    /// (a removed block, or hidden by a damaged meta) are counted where they were lost.
    /// Damage found when the file was opened (header, footer, index), reported once.
    func reportOpenProblems() throws {
        guard !reportedOpenProblems else { return }
        reportedOpenProblems = true
        for problem in reader.problems { try report(problem) }
    }

    func checkSequence(_ info: BlockInfo) throws -> Bool {
        if let index = expectedBlock {
            expectedBlock = nil
            if index != info {
                try report(SkippedRegion(offset: info.offset, bytes: 0, records: 0,
                                         reason: "the index entry for this block disagrees with its block meta (the meta is used)"))
            }
        }
        let last = info.firstSeq + UInt64(info.records) - 1
        guard seen.insert(BlockKey(info)).inserted else {
            try damaged(at: info.offset, records: 0, reason: "a second copy of the block of records \(info.firstSeq)…\(last), replayed once",
                        resumeAt: info.endOffset)
            return false
        }
        guard info.firstSeq <= reader.fileSize &* 4096 else {
            // More records before this block than the file could hold: the number is damage.
            try report(SkippedRegion(offset: info.offset, bytes: 0, records: 0,
                                     reason: "block meta's first sequence number \(info.firstSeq) is more than a file of \(reader.fileSize) bytes can hold"))
            expectedSeq = nil
            lastBlockEnd = info.endOffset
            return true
        }
        defer { expectedSeq = info.firstSeq + UInt64(info.records); lastBlockEnd = info.endOffset }
        guard let expected = expectedSeq, expected != info.firstSeq else { return true }
        if info.firstSeq < expected {
            try report(SkippedRegion(offset: info.offset, bytes: 0, records: 0,
                                     reason: "block of records \(info.firstSeq)…\(last) is out of place (\(expected) records came before it)"))
            // Records counted missing earlier were here after all.
            let range = info.firstSeq..<(last + 1)
            for (i, run) in missing.enumerated() where run.seqs.overlaps(range) {
                let found = UInt64(run.seqs.clamped(to: range).count)
                skipped[run.region].records = (skipped[run.region].records ?? 0) - min(found, skipped[run.region].records ?? 0)
                missing[i].seqs = run.seqs.lowerBound..<run.seqs.lowerBound
            }
            return true
        }
        let count = info.firstSeq - expected
        let unknown = skipped.indices.filter { skipped[$0].records == nil && skipped[$0].offset >= lastBlockEnd }
        if unknown.count == 1 {
            skipped[unknown[0]].records = count
            missing.append((unknown[0], expected..<info.firstSeq))
            return true
        }
        try report(SkippedRegion(offset: lastBlockEnd, bytes: info.offset - min(info.offset, lastBlockEnd), records: count,
                                 reason: "records \(expected)…\(info.firstSeq - 1) are missing before the block at byte \(info.offset) (a block removed)"))
        missing.append((skipped.count - 1, expected..<info.firstSeq))
        return true
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
