import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

/// A capture with many small blocks, plus the bytes of the same file before `close()`.
/// A capture of many small blocks, closed and as a killed writer left it (shared with CaptureIntegrityTests).
struct ManyBlocks {
    let tmp: TempDir
    let closedPath: String
    let unclosedBytes: [UInt8]
    let closedBytes: [UInt8]
    let expected: [CapRecord]
    let blocks: [BlockInfo]

    init(count: Int = 200) throws {
        tmp = try TempDir()
        closedPath = tmp.path("many.lqc.zst")
        let inputs = try Cap.sampleInputs(count: count)
        let writer = try CaptureWriter(path: closedPath, header: Cap.header(), blockBytes: 512)
        try Cap.append(inputs, to: writer)
        try writer.flush()
        // The writer is still open: this is what a killed recorder leaves behind.
        unclosedBytes = try Cap.bytes(closedPath)
        try writer.close()
        closedBytes = try Cap.bytes(closedPath)
        expected = inputs.enumerated().map { $1.expected(seq: UInt64($0)) }
        blocks = try CaptureReader(path: closedPath).index().blocks
    }

    /// The expected records of the first `n` blocks.
    func records(ofFirst n: Int) -> [CapRecord] {
        Array(expected.prefix(blocks.prefix(n).reduce(0) { $0 + Int($1.records) }))
    }

    func records(excludingBlocks excluded: Set<Int>) -> [CapRecord] {
        var out: [CapRecord] = []
        var start = 0
        for (i, b) in blocks.enumerated() {
            if !excluded.contains(i) { out += expected[start..<(start + Int(b.records))] }
            start += Int(b.records)
        }
        return out
    }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = tmp.path(name)
        try Cap.write(bytes: bytes, to: path)
        return path
    }
}

@Suite("Capture crash safety")
struct CaptureCrashSafetyTests {
    struct Cut: CustomStringConvertible {
        var what: String
        var at: Int
        var completeBlocks: Int
        /// (offset, bytes, records) of the expected truncated tail.
        var tail: (UInt64, UInt64, UInt64?)?
        var description: String { "\(what) (cut at \(at))" }
    }

    @Test func truncatedCopiesReturnEveryCompleteBlockAndReportTheTail() throws {
        let f = try ManyBlocks(); defer { withExtendedLifetime(f) {} }
        let b = f.blocks
        #expect(b.count >= 40, "want many blocks, got \(b.count)")
        let ds = Cap.dataStart(f.closedBytes)
        let end = { (i: Int) in Int(b[i].offset) + Cap.metaFrame + Int(b[i].compressedSize) }
        let o = { (i: Int) in Int(b[i].offset) }
        let cuts: [Cut] = [
            Cut(what: "right after the header", at: ds, completeBlocks: 0, tail: nil),
            Cut(what: "first meta, 3 bytes", at: ds + 3, completeBlocks: 0, tail: (UInt64(ds), 3, nil)),
            Cut(what: "first meta, 20 bytes", at: ds + 20, completeBlocks: 0, tail: (UInt64(ds), 20, nil)),
            Cut(what: "first meta complete, no data", at: o(0) + Cap.metaFrame, completeBlocks: 0, tail: (UInt64(o(0)), UInt64(Cap.metaFrame), UInt64(b[0].records))),
            Cut(what: "right after block 0", at: end(0), completeBlocks: 1, tail: nil),
            Cut(what: "meta of block 3, 5 bytes", at: o(3) + 5, completeBlocks: 3, tail: (UInt64(o(3)), 5, nil)),
            Cut(what: "meta of block 5, 30 bytes", at: o(5) + 30, completeBlocks: 5, tail: (UInt64(o(5)), 30, nil)),
            Cut(what: "middle of block 10's data", at: o(10) + Cap.metaFrame + Int(b[10].compressedSize) / 2, completeBlocks: 10,
                tail: (UInt64(o(10)), UInt64(Cap.metaFrame) + UInt64(b[10].compressedSize) / 2, UInt64(b[10].records))),
            Cut(what: "block 17's data one byte short", at: end(17) - 1, completeBlocks: 17,
                tail: (UInt64(o(17)), UInt64(Cap.metaFrame) + UInt64(b[17].compressedSize) - 1, UInt64(b[17].records))),
            Cut(what: "one byte after block 20", at: end(20) + 1, completeBlocks: 21, tail: (UInt64(o(21)), 1, nil)),
            Cut(what: "right after block 30", at: end(30), completeBlocks: 31, tail: nil),
            Cut(what: "right after the last block", at: end(b.count - 1), completeBlocks: b.count, tail: nil),
        ]
        for cut in cuts {
            let path = try f.write(Array(f.closedBytes.prefix(cut.at)), "cut-\(cut.at).lqc.zst")
            let read = try Cap.read(path)
            #expect(read.error == nil, "\(cut): \(String(describing: read.error))")
            let want = f.records(ofFirst: cut.completeBlocks)
            #expect(read.records.count == want.count, "\(cut)")
            #expect(read.records == want, "\(cut)")
            if let (offset, bytes, records) = cut.tail {
                #expect(read.truncatedTail?.offset == offset, "\(cut)")
                #expect(read.truncatedTail?.bytes == bytes, "\(cut)")
                #expect(read.truncatedTail?.records == records, "\(cut)")
                #expect(read.truncatedTail?.description == "truncated tail at byte \(offset): \(bytes) bytes" + (records.map { ", \($0) records" } ?? "") + " unreadable")
            } else {
                #expect(read.truncatedTail == nil, "\(cut)")
            }
            // The index is rebuilt by scanning and agrees.
            let reader = try CaptureReader(path: path)
            #expect(reader.footer == nil, "\(cut)")
            let index = try reader.index()
            #expect(!index.fromFooter)
            #expect(index.blocks == Array(b.prefix(cut.completeBlocks)), "\(cut)")
            #expect(index.tail == read.truncatedTail, "\(cut)")
        }
    }

    @Test func cutsInsideIndexOrFooterStillReturnAllRecords() throws {
        let f = try ManyBlocks(count: 60); defer { withExtendedLifetime(f) {} }
        let indexOffset = Int(try #require(CaptureReader(path: f.closedPath).footer).indexOffset)
        for at in [indexOffset + 4, indexOffset + 20, f.closedBytes.count - Cap.footerFrame, f.closedBytes.count - 1] {
            let path = try f.write(Array(f.closedBytes.prefix(at)), "tail-\(at).lqc.zst")
            let read = try Cap.read(path)
            #expect(read.error == nil)
            #expect(read.records == f.expected, "cut at \(at)")
            let reader = try CaptureReader(path: path)
            #expect(reader.footer == nil)
            #expect(try reader.index().blocks == f.blocks)
        }
    }

    @Test func cutInsideTheHeaderIsAnErrorNotACrash() throws {
        let f = try ManyBlocks(count: 10); defer { withExtendedLifetime(f) {} }
        let ds = Cap.dataStart(f.closedBytes)
        for at in [0, 4, 10, 16, ds - 1] {
            let path = try f.write(Array(f.closedBytes.prefix(at)), "head-\(at).lqc.zst")
            let error = #expect(throws: CaptureError.self) { _ = try CaptureReader(path: path) }
            #expect(error?.kind == .notACapture, "cut at \(at)")
            #expect(error?.path == path)
        }
    }

    @Test func fileWhoseWriterNeverClosedReadsFullyWithRebuiltIndex() throws {
        let f = try ManyBlocks(); defer { withExtendedLifetime(f) {} }
        #expect(f.unclosedBytes.count < f.closedBytes.count)
        #expect(Array(f.closedBytes.prefix(f.unclosedBytes.count)) == f.unclosedBytes)
        let path = try f.write(f.unclosedBytes, "unclosed.lqc.zst")
        let reader = try CaptureReader(path: path)
        #expect(reader.footer == nil)
        let index = try reader.index()
        #expect(!index.fromFooter)
        #expect(index.tail == nil)
        #expect(index.blocks == f.blocks)
        let read = try Cap.read(path)
        #expect(read.error == nil)
        #expect(read.truncatedTail == nil)
        #expect(read.records == f.expected)
        // zstd accepts it too.
        #expect(try Cap.run(Cap.zstd, ["-t", "-q", path]).status == 0)
    }

    @Test func unflushedRecordsAreTheOnlyLoss() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("partial.lqc.zst")
        let inputs = try Cap.sampleInputs(count: 40)
        let writer = try CaptureWriter(path: path, header: Cap.header(), blockBytes: 1 << 20)
        try Cap.append(Array(inputs.prefix(25)), to: writer)
        try writer.flush()
        try Cap.append(Array(inputs.suffix(from: 25)), to: writer)   // buffered only
        let snapshot = try Cap.bytes(path)
        try writer.close()
        let copy = tmp.path("snapshot.lqc.zst")
        try Cap.write(bytes: snapshot, to: copy)
        let read = try Cap.read(copy)
        #expect(read.records == inputs.prefix(25).enumerated().map { $1.expected(seq: UInt64($0)) })
        #expect(read.truncatedTail == nil)
        #expect(try Cap.read(path).records.count == inputs.count)
    }
}

@Suite("Capture corruption")
struct CaptureCorruptionTests {
    /// Flips three bytes in the middle of block `k`'s compressed data.
    private static func damageData(_ bytes: inout [UInt8], _ b: BlockInfo) {
        let mid = Int(b.offset) + Cap.metaFrame + Int(b.compressedSize) / 2
        for i in mid..<(mid + 3) { bytes[i] ^= 0xA5 }
    }

    @Test func corruptDataFrameThrowsAtItsBlockMetaOffset() throws {
        let f = try ManyBlocks(); defer { withExtendedLifetime(f) {} }
        let k = 7
        var bytes = f.closedBytes
        Self.damageData(&bytes, f.blocks[k])
        let path = try f.write(bytes, "corrupt.lqc.zst")
        let read = try Cap.read(path)
        let error = try #require(read.error as? CaptureError)
        #expect(error.kind == .corrupt)
        #expect(error.offset == f.blocks[k].offset)
        #expect(error.path == path)
        #expect(error.description.hasPrefix("\(path) at byte \(f.blocks[k].offset): corrupt data frame"))
        #expect(read.records == f.records(ofFirst: k))
        #expect(read.truncatedTail == nil)
    }

    @Test func skipCorruptReturnsEveryOtherBlockAndListsTheRegion() throws {
        let f = try ManyBlocks(); defer { withExtendedLifetime(f) {} }
        var bytes = f.closedBytes
        Self.damageData(&bytes, f.blocks[2])
        Self.damageData(&bytes, f.blocks[9])
        let path = try f.write(bytes, "corrupt2.lqc.zst")
        let read = try Cap.read(path, skipCorrupt: true)
        #expect(read.error == nil)
        #expect(read.records == f.records(excludingBlocks: [2, 9]))
        #expect(read.truncatedTail == nil)
        #expect(read.skipped.count == 2)
        for (region, k) in zip(read.skipped, [2, 9]) {
            #expect(region.offset == f.blocks[k].offset)
            #expect(region.bytes == UInt64(Cap.metaFrame) + UInt64(f.blocks[k].compressedSize))
            #expect(region.records == UInt64(f.blocks[k].records))
            #expect(region.reason.hasPrefix("corrupt data frame"))
        }
        let reader = try CaptureReader(path: path)
        let scanner = reader.scanner(skipCorrupt: true)
        while try scanner.nextBlock() != nil {}
        #expect(scanner.skippedRecords == UInt64(f.blocks[2].records + f.blocks[9].records))
        #expect(scanner.finished)
    }

    @Test func corruptLastBlockIsSkippedToo() throws {
        let f = try ManyBlocks(count: 60); defer { withExtendedLifetime(f) {} }
        var bytes = f.closedBytes
        let k = f.blocks.count - 1
        Self.damageData(&bytes, f.blocks[k])
        let path = try f.write(bytes, "last.lqc.zst")
        #expect((try Cap.read(path).error as? CaptureError)?.offset == f.blocks[k].offset)
        let read = try Cap.read(path, skipCorrupt: true)
        #expect(read.records == f.records(ofFirst: k))
        #expect(read.skipped.map(\.offset) == [f.blocks[k].offset])
    }

    @Test func garbageBlockMetaIsSkippedByResyncingOnTheNextMeta() throws {
        let f = try ManyBlocks(); defer { withExtendedLifetime(f) {} }
        let k = 12
        var bytes = f.closedBytes
        Cap.putU32(&bytes, Int(f.blocks[k].offset), 0xDEAD_BEEF)
        let path = try f.write(bytes, "meta.lqc.zst")

        let strict = try Cap.read(path)
        let error = try #require(strict.error as? CaptureError)
        #expect(error.kind == .corrupt)
        #expect(error.offset == f.blocks[k].offset)
        #expect(strict.records == f.records(ofFirst: k))

        let read = try Cap.read(path, skipCorrupt: true)
        #expect(read.error == nil)
        #expect(read.records == f.records(excludingBlocks: [k]))
        #expect(read.skipped.count == 1)
        #expect(read.skipped.first?.offset == f.blocks[k].offset)
        #expect(read.skipped.first?.bytes == f.blocks[k + 1].offset - f.blocks[k].offset)
        // The meta did not survive; the footer's record total says how many records were lost.
        #expect(read.skipped.first?.records == UInt64(f.blocks[k].records))
        #expect(read.truncatedTail == nil)

        // The footer's index still knows every block; a rebuild stops at the damage.
        let reader = try CaptureReader(path: path)
        #expect(try reader.index().blocks == f.blocks)
        #expect(try reader.rebuildIndex().blocks == Array(f.blocks.prefix(k)))
    }

    @Test func garbageMetaInAFileWithoutFooterResyncsToo() throws {
        let f = try ManyBlocks(); defer { withExtendedLifetime(f) {} }
        let k = 4
        var bytes = f.unclosedBytes
        for i in 0..<Cap.metaFrame { bytes[Int(f.blocks[k].offset) + i] = UInt8(truncatingIfNeeded: i &* 31 &+ 7) }
        let path = try f.write(bytes, "meta-unclosed.lqc.zst")
        let read = try Cap.read(path, skipCorrupt: true)
        #expect(read.records == f.records(excludingBlocks: [k]))
        #expect(read.skipped.map(\.offset) == [f.blocks[k].offset])
    }

    /// A changed record count in a block meta fails the meta's CRC-32C: the block is damage
    /// (before the checksum, the count disagreed with the block and was caught later).
    @Test func blockMetaRecordCountMismatchIsCorruption() throws {
        let f = try ManyBlocks(count: 60); defer { withExtendedLifetime(f) {} }
        let k = 3
        var bytes = f.closedBytes
        Cap.putU32(&bytes, Int(f.blocks[k].offset) + 12, f.blocks[k].records + 1)
        let path = try f.write(bytes, "count.lqc.zst")
        let error = try #require(try Cap.read(path).error as? CaptureError)
        #expect(error.kind == .corrupt)
        #expect(error.offset == f.blocks[k].offset)
        #expect(error.message.contains("damaged block meta"))
        let read = try Cap.read(path, skipCorrupt: true)
        #expect(read.records == f.records(excludingBlocks: [k]))
        #expect(read.skipped.map(\.records) == [UInt64(f.blocks[k].records)])
    }

    /// A damaged compressed-size field in a block meta of a cleanly closed file (valid
    /// footer) is damage, not a truncated tail: the reader must resync on the next meta
    /// instead of dropping every later block as "truncated".
    @Test func damagedCompressedSizeInAClosedFileIsCorruptionNotTruncation() throws {
        let f = try ManyBlocks(); defer { withExtendedLifetime(f) {} }
        let k = 6
        var bytes = f.closedBytes
        Cap.putU32(&bytes, Int(f.blocks[k].offset) + 20, 0x00FF_FFFF)   // compressed size
        let path = try f.write(bytes, "csize.lqc.zst")
        #expect(try CaptureReader(path: path).footer != nil)

        let strict = try Cap.read(path)
        #expect((strict.error as? CaptureError)?.kind == .corrupt, "got error \(String(describing: strict.error)), tail \(String(describing: strict.truncatedTail))")
        #expect((strict.error as? CaptureError)?.offset == f.blocks[k].offset)

        let read = try Cap.read(path, skipCorrupt: true)
        #expect(read.truncatedTail == nil)
        let want = f.records(excludingBlocks: [k])
        #expect(read.records.count == want.count, "records read with skipCorrupt")
        if read.records.count == want.count { #expect(read.records == want) }
    }
}
