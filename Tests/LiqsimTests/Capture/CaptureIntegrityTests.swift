import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

/// Metadata damage that the CRC-32C checks and the footer's totals catch.
@Suite("Capture metadata integrity")
struct CaptureIntegrityTests {
    /// One byte turning a block meta's magic into the index magic must not end the read
    /// silently (review B1): away from the footer's index offset it is damage.
    @Test func indexMagicAwayFromTheIndexIsDamage() throws {
        let f = try ManyBlocks(count: 60); defer { withExtendedLifetime(f) {} }
        let k = 5
        var bytes = f.closedBytes
        bytes[Int(f.blocks[k].offset)] = 0x52
        let path = try f.write(bytes, "magic.lqc.zst")
        let error = try #require(try Cap.read(path).error as? CaptureError)
        #expect(error.kind == .corrupt && error.offset == f.blocks[k].offset)
        let read = try Cap.read(path, skipCorrupt: true)
        #expect(read.records == f.records(excludingBlocks: [k]))
        #expect(read.skipped.map(\.records) == [UInt64(f.blocks[k].records)])
    }

    /// A corrupt index (huge block count, flipped entry) is not trusted: the index is rebuilt
    /// by scanning, without giant allocations (review B4, B6).
    @Test func corruptIndexIsRebuiltNotTrusted() throws {
        let f = try ManyBlocks(count: 60); defer { withExtendedLifetime(f) {} }
        let indexOffset = Int(try #require(CaptureReader(path: f.closedPath).footer).indexOffset)
        for (at, value) in [(indexOffset + 12, UInt32.max), (indexOffset + 16 + 48 + 8, UInt32(7))] {
            var bytes = f.closedBytes
            Cap.putU32(&bytes, at, value)
            let path = try f.write(bytes, "index-\(at).lqc.zst")
            let index = try CaptureReader(path: path).index()
            #expect(!index.fromFooter)
            #expect(index.blocks == f.blocks)
        }
    }

    /// An index whose entries stay consistent with each other (they tile the data, the
    /// sequence numbers run on, the total matches, the CRC is recomputed) but not with the
    /// blocks: caught when the file is opened, by reading each block's meta, reported at the
    /// block's byte offset, and the index rebuilt by scanning.
    @Test func consistentIndexThatDisagreesWithItsBlocksIsRebuilt() throws {
        let f = try ManyBlocks(count: 60); defer { withExtendedLifetime(f) {} }
        let indexOffset = Int(try #require(CaptureReader(path: f.closedPath).footer).indexOffset)
        let k = 7, entry = indexOffset + 16 + k * 48, next = entry + 48
        var bytes = f.closedBytes
        Cap.putU32(&bytes, entry + 16, Cap.u32(bytes, entry + 16) + 8)       // entry k: 8 more compressed bytes
        let moved = Cap.u64(bytes, next) + 8                                  // entry k + 1: starts 8 bytes later, 8 fewer
        for i in 0..<8 { bytes[next + i] = UInt8(truncatingIfNeeded: moved >> (8 * UInt64(i))) }
        Cap.putU32(&bytes, next + 16, Cap.u32(bytes, next + 16) - 8)
        let crcAt = bytes.count - Cap.footerFrame - 4
        Cap.putU32(&bytes, crcAt, CaptureMutator.crc32c(bytes[(indexOffset + 8)..<crcAt]))
        let path = try f.write(bytes, "reindexed.lqc.zst")
        let reader = try CaptureReader(path: path)
        let index = try reader.index()
        #expect(!index.fromFooter && index.blocks == f.blocks)
        let problem = try #require(reader.problems.first)
        #expect(problem.offset == f.blocks[k].offset && problem.reason.contains("entry \(k) for the block at byte \(f.blocks[k].offset)"), "\(problem)")
        let check = try CaptureCheck.run(path: path)
        #expect(!check.isClean && check.skipped.map(\.offset).contains(f.blocks[k].offset), "\(check.skipped)")
        #expect(try Cap.read(path, skipCorrupt: true).records == f.records(excludingBlocks: []))
    }
}
